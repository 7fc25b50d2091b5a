#include "platform/crypto/symmetric_key.hpp"

#include "platform/crypto/random.hpp"

#include <openssl/crypto.h>

#include <algorithm>

namespace consilium::crypto {

SymmetricKey SymmetricKey::Generate() {
  std::string random = RandomBytes(kSymmetricKeyBytes);
  SymmetricKey key = FromBytes(random).value();
  OPENSSL_cleanse(random.data(), random.size());
  return key;
}

Result<SymmetricKey> SymmetricKey::FromBytes(std::string_view bytes) {
  if (bytes.size() != kSymmetricKeyBytes) return InvalidArgument("a key must be 32 bytes long");
  SymmetricKey key;
  std::copy(bytes.begin(), bytes.end(), key.bytes_.begin());
  return key;
}

SymmetricKey::~SymmetricKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

std::string_view SymmetricKey::bytes() const { return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()}; }

}  // namespace consilium::crypto
