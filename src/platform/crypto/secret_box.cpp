#include "platform/crypto/secret_box.hpp"

#include "platform/crypto/encoding.hpp"
#include "platform/crypto/openssl_util.hpp"
#include "platform/crypto/random.hpp"
#include "platform/files/secure_file.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace consilium::crypto {
namespace {

using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, internal::FreeWith<EVP_CIPHER_CTX_free>>;

constexpr char kVersion = 1;
constexpr std::size_t kNonceBytes = 12;
constexpr std::size_t kTagBytes = 16;

const unsigned char* Bytes(std::string_view text) { return reinterpret_cast<const unsigned char*>(text.data()); }
unsigned char* Bytes(std::string& text) { return reinterpret_cast<unsigned char*>(text.data()); }

Error Unreadable(std::string detail) {
  return MakeError(ErrorCode::kInternal, "a stored secret could not be read", std::move(detail));
}

}  // namespace

SecretBox::SecretBox(std::string key) : key_(std::move(key)) {
  if (key_.size() != kSecretBoxKeyBytes) throw std::invalid_argument("secret box key must be 32 bytes");
}

std::string SecretBox::Seal(std::string_view plaintext, std::string_view associated_data) const {
  std::string out(1, kVersion);
  out += RandomBytes(kNonceBytes);
  const std::size_t header = out.size();
  out.resize(header + plaintext.size() + kTagBytes);
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int written = 0;
  int final_written = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key_), Bytes(out) + 1) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &written, Bytes(associated_data), static_cast<int>(associated_data.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), Bytes(out) + header, &written, Bytes(plaintext), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), Bytes(out) + header + written, &final_written) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, Bytes(out) + header + plaintext.size()) != 1) {
    throw std::runtime_error("AES-256-GCM encryption failed: " + internal::DrainOpenSslErrors());
  }
  return Base64UrlEncode(out);
}

Result<std::string> SecretBox::Open(std::string_view sealed, std::string_view associated_data) const {
  auto raw = Base64UrlDecode(sealed);
  if (!raw) return Unreadable("sealed secret is not base64url");
  if (raw->size() < 1 + kNonceBytes + kTagBytes || (*raw)[0] != kVersion) return Unreadable("sealed secret malformed");
  const std::size_t header = 1 + kNonceBytes;
  const std::size_t length = raw->size() - header - kTagBytes;
  std::string plaintext(length, '\0');
  std::string tag = raw->substr(header + length);
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  int written = 0;
  int final_written = 0;
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key_), Bytes(*raw) + 1) != 1 ||
      EVP_DecryptUpdate(ctx.get(), nullptr, &written, Bytes(associated_data), static_cast<int>(associated_data.size())) != 1 ||
      EVP_DecryptUpdate(ctx.get(), Bytes(plaintext), &written, Bytes(*raw) + header, static_cast<int>(length)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, Bytes(tag)) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), Bytes(plaintext) + written, &final_written) != 1) {
    internal::DrainOpenSslErrors();
    return Unreadable("sealed secret failed authentication");
  }
  return plaintext;
}

Result<SecretBox> LoadOrCreateSecretBox(const std::filesystem::path& key_file) {
  std::error_code ignored;
  if (!std::filesystem::exists(key_file, ignored)) {
    if (auto dir = files::CreatePrivateDirectories(key_file.parent_path()); !dir) return dir.error();
    if (auto written = files::WriteFileAtomically(key_file, Base64UrlEncode(RandomBytes(kSecretBoxKeyBytes)), 0600);
        !written) {
      return written.error();
    }
  }
  auto text = files::ReadSmallFile(key_file);
  if (!text) return text.error();
  while (!text->empty() && (text->back() == '\n' || text->back() == '\r')) text->pop_back();
  auto key = Base64UrlDecode(*text);
  if (!key || key->size() != kSecretBoxKeyBytes) {
    return MakeError(ErrorCode::kInternal, "the secrets key file is malformed", key_file.string());
  }
  return SecretBox(std::move(*key));
}

}  // namespace consilium::crypto
