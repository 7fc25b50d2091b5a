#pragma once
// Envelope encryption: one key wrapped under another (an object's data key
// under its clinic key, a clinic key under the root key) with AES-256-GCM.
// The associated data names the kind of key wrapped and the wrapping key's id
// and version, so a wrapped key set beside another key id or version, or
// passed off as another kind of key, does not unwrap.
//
// Wrapped form (kWrappedKeyBytes): format version 1 | nonce (12) | encrypted key (32) | tag (16).
// Nonces are random: at most 2^32 wraps under one wrapping key (NIST SP 800-38D), far above any clinic's
// objects between two rotations.
#include "platform/crypto/symmetric_key.hpp"
#include "platform/error/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace consilium::crypto {

inline constexpr std::size_t kWrappedKeyBytes = 1 + 12 + kSymmetricKeyBytes + 16;

// A data key is wrapped by a patient key, a patient key by a clinic key, a clinic key by the root key.
enum class WrappedKeyKind : std::uint8_t { kDataKey = 1, kClinicKey = 2, kPatientKey = 3 };

// Which key wraps: its id (e.g. a clinic key's id, or the root key's name) and version.
struct WrappingKeyId {
  std::string_view id;
  std::uint32_t version = 0;
};

std::string WrapKey(const SymmetricKey& wrapping_key, WrappingKeyId wrapping_key_id, WrappedKeyKind kind,
                    const SymmetricKey& key);

// The associated data WrapKey binds: for a provider that seals the key elsewhere (a PKCS#11 token) in the
// same wrapped form.
std::string WrappedKeyAssociatedData(WrappingKeyId wrapping_key_id, WrappedKeyKind kind);

// kInternal if `wrapped` was altered, or wrapped under another key, id, version or kind.
Result<SymmetricKey> UnwrapKey(const SymmetricKey& wrapping_key, WrappingKeyId wrapping_key_id, WrappedKeyKind kind,
                               std::string_view wrapped);

}  // namespace consilium::crypto
