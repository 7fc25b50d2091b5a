#include "security/tokens.hpp"

#include <gtest/gtest.h>

namespace consilium::security {
namespace {

const Principal kPrincipal{"0b7f2c1e-3d4a-4b5c-8d9e-0f1a2b3c4d5e", "1c8e3d2f-4e5b-4c6d-9e0f-1a2b3c4d5e6f",
                           ClinicRole::kNurse, "2d9f4e3a-5f6c-4d7e-8f1a-2b3c4d5e6f70"};

TEST(AccessTokens, VerifiesWhatItIssuedAlsoFromItsCache) {
  AccessTokens tokens(crypto::SigningKey::Generate(), std::chrono::minutes(10));
  const std::string token = tokens.Issue(kPrincipal);
  for (int i = 0; i < 2; ++i) {
    auto principal = tokens.Verify("Bearer " + token);
    ASSERT_TRUE(principal) << principal.error().log_detail;
    EXPECT_EQ(principal->user_id, kPrincipal.user_id);
    EXPECT_EQ(principal->clinic_id, kPrincipal.clinic_id);
    EXPECT_EQ(principal->role, ClinicRole::kNurse);
  }
}

TEST(AccessTokens, CarriesTheAuthenticationMethods) {
  AccessTokens tokens(crypto::SigningKey::Generate(), std::chrono::minutes(10));
  EXPECT_FALSE(tokens.Verify("Bearer " + tokens.Issue(kPrincipal))->multi_factor);
  Principal second_factor = kPrincipal;
  second_factor.multi_factor = true;
  EXPECT_TRUE(tokens.Verify("Bearer " + tokens.Issue(second_factor))->multi_factor);
}

TEST(AccessTokens, RefusesAnAlteredCopyOfAVerifiedToken) {
  AccessTokens tokens(crypto::SigningKey::Generate(), std::chrono::minutes(10));
  std::string token = tokens.Issue(kPrincipal);
  ASSERT_TRUE(tokens.Verify("Bearer " + token));  // now cached
  token[token.size() / 2] = token[token.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(tokens.Verify("Bearer " + token));
}

TEST(AccessTokens, RefusesAnotherKeysToken) {
  AccessTokens ours(crypto::SigningKey::Generate(), std::chrono::minutes(10));
  AccessTokens theirs(crypto::SigningKey::Generate(), std::chrono::minutes(10));
  EXPECT_FALSE(ours.Verify("Bearer " + theirs.Issue(kPrincipal)));
  EXPECT_FALSE(ours.Verify(""));
  EXPECT_FALSE(ours.Verify("Basic abc"));
}

}  // namespace
}  // namespace consilium::security
