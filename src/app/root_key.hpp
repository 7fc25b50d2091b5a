#pragma once
// The root key the configuration names: key files in data_dir/keys/root, or a PKCS#11 token.
#include "platform/config/config.hpp"
#include "platform/crypto/root_key.hpp"

#include <memory>

namespace consilium::app {

Result<std::unique_ptr<crypto::RootKey>> OpenRootKey(const Config& config);

}  // namespace consilium::app
