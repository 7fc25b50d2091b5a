#pragma once
// The root of the key hierarchy (docs/decisions/0005-key-hierarchy.md): it
// wraps and unwraps clinic keys and nothing else. Where it lives is the
// provider's business: a key file beside the data (the default) or a
// PKCS#11 token (an HSM) that the key never leaves. Versions let the root be
// rotated online: new clinic keys are wrapped under the current version,
// older versions stay usable until nothing is wrapped under them.
#include "platform/crypto/symmetric_key.hpp"
#include "platform/error/error.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace consilium::crypto {

// The wrapping key id every provider binds into its wrapped keys' associated data.
inline constexpr std::string_view kRootKeyId = "root";

class RootKey {
 public:
  virtual ~RootKey() = default;
  // Where the key lives, for the status page and the log: no secret in it.
  virtual std::string Description() const = 0;
  // The version new clinic keys are wrapped under: the highest one. It looks again where the key lives
  // (a directory listing, a token search), so call it once per piece of work, not per key.
  virtual std::uint32_t CurrentVersion() const = 0;
  // In the key_wrap format (kWrappedKeyBytes, kind kClinicKey, wrapping key id {kRootKeyId, version}), so a
  // clinic key wrapped by one provider could be unwrapped by another holding the same key.
  virtual Result<std::string> Wrap(std::uint32_t version, const SymmetricKey& clinic_key) const = 0;
  virtual Result<SymmetricKey> Unwrap(std::uint32_t version, std::string_view wrapped) const = 0;
  // Makes a new version and makes it current (root rotation); returns it.
  virtual Result<std::uint32_t> AddVersion() = 0;
};

// Key files root-v<N>.key (mode 0600) in `dir`, created with version 1 on first use.
Result<std::unique_ptr<RootKey>> OpenRootKeyFiles(const std::filesystem::path& dir);

struct Pkcs11Settings {
  std::filesystem::path module;  // the token's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so
  std::string token_label;
  std::string pin;                           // the user PIN; read from a file, never from the command line
  std::string key_label = "consilium-root";  // keys are <key_label>-v<N>
};

// Logs in to the token and finds its root key versions (creating version 1, non-extractable, when there is
// none). kInvalidArgument for a wrong PIN or an unknown token: the server refuses to start.
Result<std::unique_ptr<RootKey>> OpenPkcs11RootKey(const Pkcs11Settings& settings);

}  // namespace consilium::crypto
