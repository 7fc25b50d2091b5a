#include "platform/crypto/password.hpp"

#include <gtest/gtest.h>

namespace consilium::crypto {
namespace {

constexpr int kTestCost = 4;  // bcrypt's minimum, to keep unit tests fast

std::string MustHash(std::string_view password) {
  auto hash = HashPassword(password, kTestCost);
  if (!hash) ADD_FAILURE() << hash.error().log_detail;
  return hash ? *hash : std::string();
}

TEST(PasswordTest, HashesWithBcryptAndVerifies) {
  const std::string hash = MustHash("correct horse battery staple");
  EXPECT_EQ(hash.rfind("$2b$04$", 0), 0u) << hash;
  EXPECT_EQ(hash.size(), 60u);
  EXPECT_TRUE(VerifyPassword("correct horse battery staple", hash));
  EXPECT_NE(MustHash("correct horse battery staple"), hash);  // salted
}

TEST(PasswordTest, WrongPasswordFails) {
  const std::string hash = MustHash("correct horse battery staple");
  EXPECT_FALSE(VerifyPassword("correct horse battery stapl", hash));
  EXPECT_FALSE(VerifyPassword("Correct horse battery staple", hash));
  EXPECT_FALSE(VerifyPassword("", hash));
}

TEST(PasswordTest, LongAndNonAsciiPasswordsWork) {
  const std::string long_password(128, 'p');
  const std::string long_hash = MustHash(long_password);
  EXPECT_TRUE(VerifyPassword(long_password, long_hash));
  EXPECT_FALSE(VerifyPassword(long_password.substr(0, 127), long_hash));

  const std::string non_ascii = "пароль-密码-🔑\xff";
  const std::string non_ascii_hash = MustHash(non_ascii);
  EXPECT_TRUE(VerifyPassword(non_ascii, non_ascii_hash));
  EXPECT_FALSE(VerifyPassword("пароль-密码-🔑", non_ascii_hash));

  const std::string with_nul("ab\0cd", 5);
  const std::string nul_hash = MustHash(with_nul);
  EXPECT_TRUE(VerifyPassword(with_nul, nul_hash));
  EXPECT_FALSE(VerifyPassword("ab", nul_hash));
}

TEST(PasswordTest, DistinguishesPasswordsDifferingOnlyAfterByte72) {
  const std::string prefix(72, 'a');
  const std::string hash = MustHash(prefix + "first");
  EXPECT_TRUE(VerifyPassword(prefix + "first", hash));
  EXPECT_FALSE(VerifyPassword(prefix + "second", hash));
  EXPECT_FALSE(VerifyPassword(prefix, hash));
}

TEST(PasswordTest, MalformedStoredHashIsFalse) {
  const std::string hash = MustHash("pw");
  EXPECT_FALSE(VerifyPassword("pw", ""));
  EXPECT_FALSE(VerifyPassword("pw", "not a hash"));
  EXPECT_FALSE(VerifyPassword("pw", hash.substr(0, 59)));
  EXPECT_FALSE(VerifyPassword("pw", hash + "x"));
  std::string other_scheme = hash;
  other_scheme[2] = 'y';  // $2y$ is not ours
  EXPECT_FALSE(VerifyPassword("pw", other_scheme));
  std::string bad_cost = hash;
  bad_cost[4] = '9';  // cost 94
  EXPECT_FALSE(VerifyPassword("pw", bad_cost));
  std::string with_nul = hash;
  with_nul[30] = '\0';
  EXPECT_FALSE(VerifyPassword("pw", with_nul));
}

TEST(PasswordTest, RejectsCostOutOfRange) {
  EXPECT_FALSE(HashPassword("pw", 3));
  EXPECT_FALSE(HashPassword("pw", 32));
}

TEST(PasswordTest, DummyHashIsStableCost12Hash) {
  const std::string& dummy = DummyPasswordHash();
  EXPECT_EQ(dummy.rfind("$2b$12$", 0), 0u) << dummy;
  EXPECT_EQ(dummy.size(), 60u);
  EXPECT_EQ(&DummyPasswordHash(), &dummy);
  EXPECT_FALSE(VerifyPassword("", dummy));
}

}  // namespace
}  // namespace consilium::crypto
