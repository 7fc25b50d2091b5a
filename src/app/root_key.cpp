#include "app/root_key.hpp"

namespace consilium::app {

Result<std::unique_ptr<crypto::RootKey>> OpenRootKey(const Config& config) {
  if (config.root_key_provider == "pkcs11") {
    if (config.pkcs11_module.empty() || config.pkcs11_token_label.empty() || config.pkcs11_pin.empty()) {
      return InvalidArgument("root_key_provider pkcs11 needs pkcs11_module, pkcs11_token_label and pkcs11_pin");
    }
    return crypto::OpenPkcs11RootKey({.module = config.pkcs11_module,
                                      .token_label = config.pkcs11_token_label,
                                      .pin = config.pkcs11_pin,
                                      .key_label = config.pkcs11_key_label});
  }
  return crypto::OpenRootKeyFiles(config.data_dir / "keys" / "root");
}

}  // namespace consilium::app
