#include "platform/crypto/aes_gcm.hpp"

#include "platform/crypto/openssl_util.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <climits>
#include <stdexcept>

namespace consilium::crypto::internal {
namespace {

const unsigned char* Bytes(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }

// EVP takes int lengths; every caller's pieces are far below INT_MAX.
int IntLength(std::size_t size) {
  if (size > INT_MAX) throw std::length_error("AES-GCM input too long");
  return static_cast<int>(size);
}

bool AddAssociatedData(EVP_CIPHER_CTX* context, std::string_view associated_data, bool encrypt) {
  if (associated_data.empty()) return true;
  int ignored = 0;
  const auto update = encrypt ? EVP_EncryptUpdate : EVP_DecryptUpdate;
  return update(context, nullptr, &ignored, Bytes(associated_data), IntLength(associated_data.size())) == 1;
}

}  // namespace

void AesGcm::FreeContext::operator()(evp_cipher_ctx_st* context) const noexcept { EVP_CIPHER_CTX_free(context); }

AesGcm::AesGcm(const SymmetricKey& key) : context_(EVP_CIPHER_CTX_new()) {
  if (!context_ || EVP_CipherInit_ex(context_.get(), EVP_aes_256_gcm(), nullptr, key.data(), nullptr, 1) != 1) {
    throw std::runtime_error("AES-256-GCM setup failed: " + DrainOpenSslErrors());
  }
}

void AesGcm::Seal(const GcmNonce& nonce, std::string_view associated_data, std::string_view plaintext,
                  std::string& out) {
  const std::size_t start = out.size();
  out.resize(start + plaintext.size() + kGcmTagBytes);
  auto* ciphertext = reinterpret_cast<unsigned char*>(out.data() + start);
  int written = 0;
  int final_written = 0;
  if (EVP_EncryptInit_ex(context_.get(), nullptr, nullptr, nullptr, nonce.data()) != 1 ||
      !AddAssociatedData(context_.get(), associated_data, true) ||
      (!plaintext.empty() &&
       EVP_EncryptUpdate(context_.get(), ciphertext, &written, Bytes(plaintext), IntLength(plaintext.size())) != 1) ||
      EVP_EncryptFinal_ex(context_.get(), ciphertext + written, &final_written) != 1 ||
      EVP_CIPHER_CTX_ctrl(context_.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagBytes, ciphertext + plaintext.size()) != 1) {
    throw std::runtime_error("AES-256-GCM encryption failed: " + DrainOpenSslErrors());
  }
}

bool AesGcm::Open(const GcmNonce& nonce, std::string_view associated_data, std::string_view sealed, std::string& out) {
  if (sealed.size() < kGcmTagBytes) return false;
  const std::size_t length = sealed.size() - kGcmTagBytes;
  std::array<unsigned char, kGcmTagBytes> tag{};
  std::copy_n(Bytes(sealed) + length, kGcmTagBytes, tag.begin());
  const std::size_t start = out.size();
  out.resize(start + length);
  auto* plaintext = reinterpret_cast<unsigned char*>(out.data() + start);
  int written = 0;
  int final_written = 0;
  const bool authentic =
      EVP_DecryptInit_ex(context_.get(), nullptr, nullptr, nullptr, nonce.data()) == 1 &&
      AddAssociatedData(context_.get(), associated_data, false) &&
      (length == 0 || EVP_DecryptUpdate(context_.get(), plaintext, &written, Bytes(sealed), IntLength(length)) == 1) &&
      EVP_CIPHER_CTX_ctrl(context_.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagBytes, tag.data()) == 1 &&
      EVP_DecryptFinal_ex(context_.get(), plaintext + written, &final_written) == 1;
  if (!authentic) {
    OPENSSL_cleanse(plaintext, length);
    out.resize(start);
    DrainOpenSslErrors();
  }
  return authentic;
}

}  // namespace consilium::crypto::internal
