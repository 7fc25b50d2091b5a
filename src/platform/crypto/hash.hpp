#pragma once
// Digests and comparisons of secrets.
#include <cstddef>
#include <string>
#include <string_view>

namespace consilium::crypto {

inline constexpr std::size_t kSha256Bytes = 32;

// Raw 32-byte SHA-256 digest. Throws std::runtime_error if OpenSSL fails.
std::string Sha256(std::string_view data);

// SHA-256 of data given piece by piece (a file as it streams). Throws std::runtime_error if OpenSSL fails.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void Update(std::string_view piece);
  // The raw 32-byte digest of everything given; call once.
  std::string Finish();

 private:
  void* context_;  // EVP_MD_CTX, kept out of this header
};

// Raw 32-byte HMAC-SHA256 of `message` under `key`. Throws std::runtime_error if OpenSSL fails.
std::string HmacSha256(std::string_view key, std::string_view message);

// Compares secrets without a timing side channel on their content (lengths
// are treated as public). Different lengths return false, but only after a
// comparison of the same cost, so there is no early exit either way.
bool ConstantTimeEqual(std::string_view a, std::string_view b);

}  // namespace consilium::crypto
