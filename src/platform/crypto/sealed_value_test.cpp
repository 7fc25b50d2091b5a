#include "platform/crypto/sealed_value.hpp"

#include <gtest/gtest.h>

namespace consilium::crypto {
namespace {

constexpr std::string_view kKeyReference = "patient-key-9:v1:<wrapped>";
constexpr std::string_view kContext = "decisions.rationale:5d1e";

TEST(SealedValueTest, OpensWhatItSealed) {
  const SymmetricKey key = SymmetricKey::Generate();
  for (const std::string& plaintext :
       {std::string(), std::string("Résection R0, pT2 N0 — surveillance"), std::string(200'000, 'n')}) {
    const std::string sealed = SealValue(key, kKeyReference, kContext, plaintext);
    EXPECT_EQ(SealedValueKeyReference(sealed).value(), kKeyReference);
    EXPECT_EQ(OpenValue(key, kContext, sealed).value(), plaintext);
  }
}

TEST(SealedValueTest, RefusesAnotherKeyOrPlaceAndDamage) {
  const SymmetricKey key = SymmetricKey::Generate();
  const std::string sealed = SealValue(key, kKeyReference, kContext, "pT2 N0 M0");
  EXPECT_EQ(OpenValue(SymmetricKey::Generate(), kContext, sealed).error().public_message,
            "the key does not match the encrypted data (a wrong key or key version, or an altered header)");
  EXPECT_EQ(OpenValue(key, "decisions.rationale:other", sealed).error().public_message,
            "chunk 0 failed authentication: the encrypted data was altered, reordered or truncated");
  EXPECT_EQ(OpenValue(key, kContext, sealed.substr(0, sealed.size() - 1)).error().public_message,
            "chunk 0 failed authentication: the encrypted data was altered, reordered or truncated");
  EXPECT_EQ(OpenValue(key, kContext, sealed.substr(0, 20)).error().public_message,
            "the encrypted data was truncated inside its header");
  EXPECT_EQ(SealedValueKeyReference(sealed.substr(0, 20)).error().public_message,
            "the encrypted data was truncated inside its header");
  EXPECT_EQ(OpenValue(key, kContext, "pT2 N0 M0").error().public_message,
            "the data is not in the sealed format (unknown magic)");
  EXPECT_FALSE(OpenValue(key, kContext, ""));
}

}  // namespace
}  // namespace consilium::crypto
