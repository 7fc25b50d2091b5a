#pragma once
// Internal to the keys module: clinic keys, unwrapped through the process's keyring.
#include "modules/keys/repository.hpp"
#include "platform/crypto/symmetric_key.hpp"

#include <boost/asio/awaitable.hpp>

namespace consilium::keys {

struct ClinicKeyVersion {
  int version = 0;
  crypto::SymmetricKey key;
};

Result<crypto::SymmetricKey> UnwrapClinicKey(const std::string& clinic_id, const repository::WrappedClinicKey& key);
// The clinic's newest key version, made (version 1) on the clinic's first use.
boost::asio::awaitable<Result<ClinicKeyVersion>> NewestClinicKey(db::Tx& tx, const std::string& clinic_id);
// Adds the next version, wrapped under the root key's current version; returns it.
boost::asio::awaitable<Result<int>> AddClinicKeyVersion(db::Tx& tx, const std::string& clinic_id);

}  // namespace consilium::keys
