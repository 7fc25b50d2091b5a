#pragma once
// Internal to platform/crypto: AES-256-GCM (96-bit nonce, 128-bit tag) with
// the key set up once and reused for many messages, as a chunked stream
// needs. The caller owns nonce uniqueness.
#include "platform/crypto/symmetric_key.hpp"

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

struct evp_cipher_ctx_st;

namespace consilium::crypto::internal {

inline constexpr std::size_t kGcmNonceBytes = 12;
inline constexpr std::size_t kGcmTagBytes = 16;
using GcmNonce = std::array<unsigned char, kGcmNonceBytes>;

class AesGcm {
 public:
  // Throws std::runtime_error if OpenSSL cannot set the cipher up.
  explicit AesGcm(const SymmetricKey& key);

  // Appends the ciphertext, then the tag, to `out`. Throws std::runtime_error if OpenSSL fails.
  void Seal(const GcmNonce& nonce, std::string_view associated_data, std::string_view plaintext, std::string& out);
  // Appends the plaintext of `sealed` (ciphertext, then tag) to `out` only if it is authentic; otherwise
  // returns false and leaves `out` as it was (the unverified bytes are wiped).
  bool Open(const GcmNonce& nonce, std::string_view associated_data, std::string_view sealed, std::string& out);

 private:
  struct FreeContext {
    void operator()(evp_cipher_ctx_st* context) const noexcept;
  };
  std::unique_ptr<evp_cipher_ctx_st, FreeContext> context_;
};

}  // namespace consilium::crypto::internal
