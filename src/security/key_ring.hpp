#pragma once
// The access-token keys: one current key that signs, and recently retired
// keys that still verify, so rotating the key signs nobody out. On disk:
// <keys>/jwt-ed25519.pem (current, 0600) and <keys>/retired/<kid>.pub.pem.
#include "platform/crypto/signing_key.hpp"

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

namespace consilium::security {

// Retired keys are kept this long: far longer than any access token lives.
inline constexpr std::chrono::hours kRetiredKeyLifetime{24};

struct KeyRing {
  crypto::SigningKey signing;
  std::vector<crypto::SigningKey> retired;

  const crypto::SigningKey* Find(std::string_view kid) const;
};

// Creates the current key on first use.
Result<std::shared_ptr<const KeyRing>> LoadKeyRing(const std::filesystem::path& keys_dir);

// Retires the current key (its public half stays for verification), makes a
// new current key, and forgets retired keys older than kRetiredKeyLifetime.
Status RotateSigningKey(const std::filesystem::path& keys_dir);

}  // namespace consilium::security
