#include "platform/crypto/random.hpp"

#include "platform/crypto/encoding.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <stdexcept>

namespace consilium::crypto {
namespace {

constexpr std::size_t kUuidLength = 36;

bool IsHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool IsUuidHyphenPosition(std::size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }

}  // namespace

std::string RandomBytes(std::size_t n) {
  std::string out(n, '\0');
  std::size_t done = 0;
  while (done < n) {
    // RAND_bytes takes an int length.
    const std::size_t chunk = std::min<std::size_t>(n - done, INT_MAX);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data() + done), static_cast<int>(chunk)) != 1) {
      throw std::runtime_error("RAND_bytes failed");
    }
    done += chunk;
  }
  return out;
}

std::string RandomToken(std::size_t bytes) { return Base64UrlEncode(RandomBytes(bytes)); }

std::string NewUuidV4() {
  std::string bytes = RandomBytes(16);
  bytes[6] = static_cast<char>((static_cast<unsigned char>(bytes[6]) & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<char>((static_cast<unsigned char>(bytes[8]) & 0x3f) | 0x80);  // RFC 4122 variant
  const std::string hex = HexEncode(bytes);
  std::string out;
  out.reserve(kUuidLength);
  out.append(hex, 0, 8).append(1, '-');
  out.append(hex, 8, 4).append(1, '-');
  out.append(hex, 12, 4).append(1, '-');
  out.append(hex, 16, 4).append(1, '-');
  out.append(hex, 20, 12);
  return out;
}

bool IsCanonicalUuid(std::string_view s) {
  if (s.size() != kUuidLength) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (IsUuidHyphenPosition(i) ? s[i] != '-' : !IsHexDigit(s[i])) return false;
  }
  return true;
}

}  // namespace consilium::crypto
