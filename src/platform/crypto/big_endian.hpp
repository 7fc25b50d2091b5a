#pragma once
// Internal to platform/crypto: fixed-width big-endian integers in the binary
// formats (sealed objects, wrapped keys).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace consilium::crypto::internal {

inline void AppendBigEndian(std::string& out, std::uint64_t value, std::size_t width) {
  for (std::size_t i = width; i-- > 0;) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

// `in` must hold at least `width` bytes.
inline std::uint64_t ReadBigEndian(std::string_view in, std::size_t width) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < width; ++i) value = (value << 8) | static_cast<unsigned char>(in[i]);
  return value;
}

}  // namespace consilium::crypto::internal
