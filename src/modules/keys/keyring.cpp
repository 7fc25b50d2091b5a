#include "modules/keys/keys.hpp"

#include "platform/crypto/encoding.hpp"

namespace consilium::keys {
namespace {

std::shared_ptr<Keyring>& Installed() {
  static std::shared_ptr<Keyring> keyring;
  return keyring;
}

}  // namespace

void Install(std::shared_ptr<Keyring> keyring) { Installed() = std::move(keyring); }

Keyring& Current() {
  if (!Installed()) throw std::logic_error("no keyring installed");
  return *Installed();
}

Result<crypto::SymmetricKey> Keyring::ClinicKey(const std::string& clinic_id, int version, int root_version,
                                                std::string_view wrapped) {
  const auto cache_key = std::make_pair(clinic_id, version);
  {
    std::lock_guard lock(mutex_);
    if (auto it = clinic_keys_.find(cache_key); it != clinic_keys_.end()) return it->second;
  }
  // Outside the lock: an HSM round trip must not hold up other threads' cached look-ups.
  auto key = root_->Unwrap(static_cast<std::uint32_t>(root_version), wrapped);
  if (!key) return key.error();
  std::lock_guard lock(mutex_);
  clinic_keys_.insert_or_assign(cache_key, *key);
  return key;
}

}  // namespace consilium::keys
