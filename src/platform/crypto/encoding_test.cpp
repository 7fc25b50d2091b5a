#include "platform/crypto/encoding.hpp"

#include "platform/crypto/random.hpp"

#include <gtest/gtest.h>

namespace consilium::crypto {
namespace {

TEST(Base64UrlTest, KnownVectorsWithoutPadding) {
  EXPECT_EQ(Base64UrlEncode(""), "");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  EXPECT_EQ(Base64UrlEncode("fo"), "Zm8");
  EXPECT_EQ(Base64UrlEncode("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlEncode(std::string("\xfb\xff\xbf", 3)), "-_-_");
}

TEST(Base64UrlTest, RoundTripsEveryLength) {
  for (std::size_t n = 0; n < 70; ++n) {
    const std::string bytes = RandomBytes(n);
    const std::string text = Base64UrlEncode(bytes);
    EXPECT_EQ(text.find_first_of("+/="), std::string::npos);
    auto decoded = Base64UrlDecode(text);
    ASSERT_TRUE(decoded) << n;
    EXPECT_EQ(*decoded, bytes);
  }
}

TEST(Base64UrlTest, RejectsPaddingInvalidCharsAndImpossibleLengths) {
  for (std::string_view bad : {"Zg==", "Zm8=", "Zm9v+w", "Zm9v/w", "Zm 9v", "Zm9v\n", "Z", "Zm9vY", "Zm9v$"}) {
    auto decoded = Base64UrlDecode(bad);
    ASSERT_FALSE(decoded) << bad;
    EXPECT_EQ(decoded.error().code, ErrorCode::kInvalidArgument);
  }
  EXPECT_FALSE(Base64UrlDecode(std::string_view("Zm9\0", 4)));
}

TEST(Base64UrlTest, RejectsNonZeroTrailingBits) {
  ASSERT_TRUE(Base64UrlDecode("Zg"));
  EXPECT_FALSE(Base64UrlDecode("Zh"));  // same byte "f", but stray low bits
  ASSERT_TRUE(Base64UrlDecode("Zm8"));
  EXPECT_FALSE(Base64UrlDecode("Zm9"));
}

TEST(Base64Test, StandardAlphabetWithPadding) {
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode(std::string("\xfb\xff\xbf", 3)), "+/+/");
  EXPECT_EQ(Base64Encode(std::string(32, 'x')).size(), 44u);
}

TEST(HexTest, LowercasePairs) {
  EXPECT_EQ(HexEncode(std::string("\x00\x0f\xab\xff", 4)), "000fabff");
  EXPECT_EQ(HexEncode(""), "");
}

TEST(HexTest, RoundTripsAndRefusesWhatItNeverWrites) {
  const std::string bytes("\x00\x7f\x80\xff", 4);
  EXPECT_EQ(HexEncode(bytes), "007f80ff");
  EXPECT_EQ(HexDecode("007f80ff").value(), bytes);
  EXPECT_FALSE(HexDecode("abc"));
  EXPECT_FALSE(HexDecode("AB"));
  EXPECT_FALSE(HexDecode("zz"));
}

}  // namespace
}  // namespace consilium::crypto

