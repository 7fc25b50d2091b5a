#include "platform/crypto/hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <stdexcept>

namespace consilium::crypto {

std::string Sha256(std::string_view data) {
  std::string digest(kSha256Bytes, '\0');
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(digest.data()), &size, EVP_sha256(),
                 nullptr) != 1 ||
      size != kSha256Bytes) {
    throw std::runtime_error("EVP_Digest(SHA-256) failed");
  }
  return digest;
}

Sha256Stream::Sha256Stream() : context_(EVP_MD_CTX_new()) {
  if (context_ == nullptr || EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(context_), EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_));
    throw std::runtime_error("EVP_DigestInit_ex(SHA-256) failed");
  }
}

Sha256Stream::~Sha256Stream() { EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(context_)); }

void Sha256Stream::Update(std::string_view piece) {
  if (EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(context_), piece.data(), piece.size()) != 1) {
    throw std::runtime_error("EVP_DigestUpdate(SHA-256) failed");
  }
}

std::string Sha256Stream::Finish() {
  std::string digest(kSha256Bytes, '\0');
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(context_), reinterpret_cast<unsigned char*>(digest.data()), &size) !=
          1 ||
      size != kSha256Bytes) {
    throw std::runtime_error("EVP_DigestFinal_ex(SHA-256) failed");
  }
  return digest;
}

std::string HmacSha256(std::string_view key, std::string_view message) {
  std::string mac(kSha256Bytes, '\0');
  std::size_t written = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(),
                reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                reinterpret_cast<unsigned char*>(mac.data()), mac.size(), &written) == nullptr ||
      written != kSha256Bytes) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return mac;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    // Same work as a real comparison of `a`, then a guaranteed mismatch.
    (void)CRYPTO_memcmp(a.data(), a.data(), a.size());
    return false;
  }
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace consilium::crypto
