#include "platform/crypto/totp.hpp"

#include <gtest/gtest.h>

namespace consilium::crypto {
namespace {

constexpr std::string_view kRfcSecret = "12345678901234567890";  // RFC 6238 appendix B, SHA-1

TEST(TotpTest, MatchesRfc6238Vectors) {
  EXPECT_EQ(TotpCode(kRfcSecret, TotpStep(59), 8), "94287082");
  EXPECT_EQ(TotpCode(kRfcSecret, TotpStep(1111111109), 8), "07081804");
  EXPECT_EQ(TotpCode(kRfcSecret, TotpStep(1234567890), 8), "89005924");
  EXPECT_EQ(TotpCode(kRfcSecret, TotpStep(2000000000), 8), "69279037");
  EXPECT_EQ(TotpCode(kRfcSecret, TotpStep(59)), "287082");  // six digits are the last six
}

TEST(TotpTest, AcceptsOneStepEitherSideAndNoFurther) {
  const std::int64_t now = TotpStep(1234567890);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now), now), now);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now - 1), now), now - 1);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now + 1), now), now + 1);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now - 2), now), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now + 2), now), std::nullopt);
}

TEST(TotpTest, RefusesMalformedCodes) {
  const std::int64_t now = TotpStep(1234567890);
  const std::string code = TotpCode(kRfcSecret, now);
  EXPECT_EQ(MatchTotp(kRfcSecret, "", now), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcSecret, code.substr(0, 5), now), std::nullopt);
  EXPECT_EQ(MatchTotp(kRfcSecret, code + "0", now), std::nullopt);
  EXPECT_EQ(MatchTotp("another secret 12345", code, now), std::nullopt);
}

TEST(Base32Test, Rfc4648VectorsWithoutPadding) {
  EXPECT_EQ(Base32Encode(""), "");
  EXPECT_EQ(Base32Encode("f"), "MY");
  EXPECT_EQ(Base32Encode("fo"), "MZXQ");
  EXPECT_EQ(Base32Encode("foo"), "MZXW6");
  EXPECT_EQ(Base32Encode("foob"), "MZXW6YQ");
  EXPECT_EQ(Base32Encode("fooba"), "MZXW6YTB");
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
}

}  // namespace
}  // namespace consilium::crypto
