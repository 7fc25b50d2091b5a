#pragma once
// The Ed25519 key that signs access tokens. Its private half never leaves
// this object; other code sees only signatures, the kid and the public JWK.
#include "platform/error/error.hpp"

#include <boost/json/object.hpp>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of callers' includes.

namespace consilium::crypto {

inline constexpr std::size_t kEd25519SignatureBytes = 64;

struct EvpPkeyDeleter {
  void operator()(evp_pkey_st* pkey) const noexcept;
};

class SigningKey {
 public:
  // Loads a PKCS#8 PEM private key from `private_pem`, or creates one (file
  // mode 0600, missing parent dirs 0700) and writes its SubjectPublicKeyInfo
  // PEM (mode 0644) to `public_pem`. When the private key exists but the
  // public file does not, the public file is written again.
  static Result<SigningKey> LoadOrCreate(const std::filesystem::path& private_pem,
                                         const std::filesystem::path& public_pem);
  // A fresh in-memory key. Throws if OpenSSL cannot generate one.
  static SigningKey Generate();
  // A key that only verifies: the public half of a retired signing key.
  // Sign() on it throws.
  static Result<SigningKey> LoadPublic(const std::filesystem::path& public_pem);

  SigningKey(SigningKey&&) noexcept = default;
  SigningKey& operator=(SigningKey&&) noexcept = default;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  ~SigningKey() = default;

  // Base64url of the first 12 bytes of SHA-256(raw 32-byte public key).
  const std::string& kid() const { return kid_; }
  // 64-byte raw signature. Throws std::runtime_error if OpenSSL fails.
  std::string Sign(std::string_view data) const;
  bool Verify(std::string_view data, std::string_view signature) const;
  // {"kty":"OKP","crv":"Ed25519","x":...,"kid":...,"alg":"EdDSA","use":"sig"}
  boost::json::object PublicJwk() const;

 private:
  using PkeyPtr = std::unique_ptr<evp_pkey_st, EvpPkeyDeleter>;

  static Result<SigningKey> Adopt(PkeyPtr pkey);
  SigningKey(PkeyPtr pkey, std::string public_raw, std::string kid);

  PkeyPtr pkey_;
  std::string public_raw_;  // 32 bytes
  std::string kid_;
};

}  // namespace consilium::crypto
