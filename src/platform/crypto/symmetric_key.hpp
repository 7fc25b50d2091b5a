#pragma once
// A 256-bit AES key: an object's data key, a clinic key, the root key. Its
// bytes are wiped when it goes away.
#include "platform/error/error.hpp"

#include <array>
#include <cstddef>
#include <string_view>

namespace consilium::crypto {

inline constexpr std::size_t kSymmetricKeyBytes = 32;

class SymmetricKey {
 public:
  // A fresh random key. Throws std::runtime_error if the RNG fails.
  static SymmetricKey Generate();
  // kInvalidArgument unless `bytes` is exactly kSymmetricKeyBytes long.
  static Result<SymmetricKey> FromBytes(std::string_view bytes);

  SymmetricKey(const SymmetricKey&) = default;
  SymmetricKey& operator=(const SymmetricKey&) = default;
  ~SymmetricKey();

  const unsigned char* data() const { return bytes_.data(); }
  // For wrapping it under another key; never log it or store it unwrapped.
  std::string_view bytes() const;

 private:
  SymmetricKey() = default;
  std::array<unsigned char, kSymmetricKeyBytes> bytes_{};
};

}  // namespace consilium::crypto
