#include "modules/identity/recovery_codes.hpp"

#include <gtest/gtest.h>

#include <set>

namespace consilium::identity {
namespace {

TEST(RecoveryCodesTest, TenDistinctCodesOfSixGroups) {
  const auto codes = NewRecoveryCodes();
  ASSERT_EQ(codes.size(), 10u);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
  for (const auto& code : codes) {
    ASSERT_EQ(code.size(), 29u) << code;
    for (std::size_t at = 4; at < code.size(); at += 5) EXPECT_EQ(code[at], '-') << code;
  }
}

TEST(RecoveryCodesTest, HashIgnoresCaseSpacesAndHyphensOnly) {
  const std::string hash = RecoveryCodeHash("abcd-efgh-ijkl-mnop-qrst-uvwx");
  EXPECT_EQ(RecoveryCodeHash("ABCD EFGH IJKL MNOP QRST UVWX"), hash);
  EXPECT_EQ(RecoveryCodeHash("abcdefghijklmnopqrstuvwx"), hash);
  EXPECT_NE(RecoveryCodeHash("abcd-efgh-ijkl-mnop-qrst-uvwy"), hash);
  EXPECT_EQ(hash.size(), 64u);
}

TEST(RecoveryCodesTest, ArrayLiteralHoldsOneHashPerCode) {
  EXPECT_EQ(RecoveryCodeHashArray({}), "{}");
  EXPECT_EQ(RecoveryCodeHashArray({"a", "b"}), "{" + RecoveryCodeHash("a") + "," + RecoveryCodeHash("b") + "}");
}

}  // namespace
}  // namespace consilium::identity
