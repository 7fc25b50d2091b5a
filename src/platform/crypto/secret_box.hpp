#pragma once
// Small secrets the server must read back (e.g. TOTP seeds), sealed with
// AES-256-GCM under a server key kept outside the database: a database dump
// alone reveals none of them. The associated data binds a sealed value to
// its row, so it cannot be copied onto another.
//
// Sealed form: base64url of version (1 byte) | nonce (12) | ciphertext | tag (16).
#include "platform/error/error.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace consilium::crypto {

inline constexpr std::size_t kSecretBoxKeyBytes = 32;

class SecretBox {
 public:
  // `key` must be kSecretBoxKeyBytes long.
  explicit SecretBox(std::string key);

  std::string Seal(std::string_view plaintext, std::string_view associated_data) const;
  // kInternal on anything altered, truncated, sealed under another key or for other associated data.
  Result<std::string> Open(std::string_view sealed, std::string_view associated_data) const;

 private:
  std::string key_;
};

// Reads the key file, creating it (mode 0600) with a random key on first use.
Result<SecretBox> LoadOrCreateSecretBox(const std::filesystem::path& key_file);

}  // namespace consilium::crypto
