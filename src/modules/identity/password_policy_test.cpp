#include "modules/identity/password_policy.hpp"

#include <gtest/gtest.h>

namespace consilium::identity {
namespace {

TEST(PasswordPolicy, ShipsAtLeastOneHundredThousandCommonPasswords) {
  EXPECT_GE(CommonPasswordCount(), 100'000u);
  EXPECT_TRUE(IsCommonPassword("password"));
  EXPECT_TRUE(IsCommonPassword("PASSWORD"));
  EXPECT_TRUE(IsCommonPassword("12345678"));
  EXPECT_FALSE(IsCommonPassword("correct horse battery staple 7"));
}

TEST(PasswordPolicy, LengthNotComposition) {
  EXPECT_TRUE(CheckNewPassword("plain lowercase words", "a@b.org"));
  EXPECT_TRUE(CheckNewPassword("ÅÄÖ üñíçødé ✓ x", "a@b.org")) << "any characters";
  EXPECT_FALSE(CheckNewPassword("short pass", "a@b.org")) << "10 characters is under 12";
  EXPECT_FALSE(CheckNewPassword(std::string(129, 'x'), "a@b.org"));
  EXPECT_TRUE(CheckNewPassword(std::string(128, 'x') , "a@b.org"));
  EXPECT_TRUE(CheckNewPassword("eightch!", "a@b.org", 8)) << "a clinic may lower the minimum to 8";
  EXPECT_FALSE(CheckNewPassword("sevench", "a@b.org", 4)) << "never below 8";
}

TEST(PasswordPolicy, RefusesCommonPasswordsAndTheEmail) {
  EXPECT_FALSE(CheckNewPassword("qwertyuiop123", "a@b.org", 8));
  EXPECT_FALSE(CheckNewPassword("iloveyou", "a@b.org", 8));
  EXPECT_FALSE(CheckNewPassword("dr.jane.smith@hospital.org", "Dr.Jane.Smith@hospital.org"));
  EXPECT_FALSE(CheckNewPassword("dr.jane.smith", "dr.jane.smith@hospital.org"));
}

}  // namespace
}  // namespace consilium::identity
