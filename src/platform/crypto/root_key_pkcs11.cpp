// Placeholder until the PKCS#11 provider lands.
#include "platform/crypto/root_key.hpp"

namespace consilium::crypto {

Result<std::unique_ptr<RootKey>> OpenPkcs11RootKey(const Pkcs11Settings&) {
  return InvalidArgument("the PKCS#11 root key provider is not built yet");
}

}  // namespace consilium::crypto
