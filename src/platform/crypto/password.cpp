#include "platform/crypto/password.hpp"

#include "platform/crypto/encoding.hpp"
#include "platform/crypto/hash.hpp"
#include "platform/crypto/random.hpp"

#include <crypt.h>
#include <openssl/crypto.h>

#include <stdexcept>

namespace consilium::crypto {
namespace {

constexpr std::string_view kBcryptPrefix = "$2b$";
constexpr std::size_t kBcryptHashLength = 60;
constexpr int kBcryptSaltBytes = 16;

// bcrypt reads at most 72 bytes and stops at a NUL, so long passphrases would
// be silently truncated. We feed it Base64(SHA-256(password)) instead: always
// 44 printable chars, so every byte of any password counts, and no raw digest
// byte can be a NUL.
std::string BcryptInput(std::string_view password) {
  std::string digest = Sha256(password);
  std::string input = Base64Encode(digest);
  OPENSSL_cleanse(digest.data(), digest.size());
  return input;
}

// Runs crypt_rn with its scratch space on the stack (so it is thread-safe) and
// wipes that space, which holds password-derived state, before returning.
std::string RunCrypt(const std::string& phrase, const char* setting) {
  struct crypt_data data = {};
  const char* out = crypt_rn(phrase.c_str(), setting, &data, sizeof data);
  // libxcrypt marks failure with a null or a string starting with '*'.
  std::string result = (out != nullptr && out[0] != '*') ? std::string(out) : std::string();
  OPENSSL_cleanse(&data, sizeof data);
  return result;
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, int cost) {
  if (cost < kMinBcryptCost || cost > kMaxBcryptCost) {
    return Internal("bcrypt cost out of range: " + std::to_string(cost));
  }
  const std::string salt = RandomBytes(kBcryptSaltBytes);
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  if (crypt_gensalt_rn(kBcryptPrefix.data(), static_cast<unsigned long>(cost), salt.data(), kBcryptSaltBytes, setting,
                       sizeof setting) == nullptr) {
    return Internal("crypt_gensalt_rn failed");
  }
  std::string phrase = BcryptInput(password);
  std::string hash = RunCrypt(phrase, setting);
  OPENSSL_cleanse(phrase.data(), phrase.size());
  if (hash.size() != kBcryptHashLength) return Internal("crypt_rn failed");
  return hash;
}

bool VerifyPassword(std::string_view password, std::string_view stored_hash) {
  // Only our own format; anything else (including embedded NULs) is malformed.
  if (stored_hash.size() != kBcryptHashLength || stored_hash.substr(0, kBcryptPrefix.size()) != kBcryptPrefix ||
      stored_hash.find('\0') != std::string_view::npos) {
    return false;
  }
  const std::string setting(stored_hash);
  std::string phrase = BcryptInput(password);
  const std::string computed = RunCrypt(phrase, setting.c_str());
  OPENSSL_cleanse(phrase.data(), phrase.size());
  return !computed.empty() && ConstantTimeEqual(computed, stored_hash);
}

const std::string& DummyPasswordHash() {
  static const std::string kDummyHash = [] {
    auto hash = HashPassword(RandomToken(32), kBcryptCost);
    if (!hash) throw std::runtime_error("dummy password hash: " + hash.error().log_detail);
    return std::move(*hash);
  }();
  return kDummyHash;
}

}  // namespace consilium::crypto
