#include "platform/crypto/key_wrap.hpp"

#include "platform/crypto/aes_gcm.hpp"
#include "platform/crypto/big_endian.hpp"
#include "platform/crypto/random.hpp"

#include <openssl/crypto.h>

#include <algorithm>

namespace consilium::crypto {
namespace {

constexpr char kFormatVersion = 1;
constexpr std::string_view kLabel = "consilium wrapped key";

static_assert(kWrappedKeyBytes == 1 + internal::kGcmNonceBytes + kSymmetricKeyBytes + internal::kGcmTagBytes);

Error Unwrappable() {
  return MakeError(ErrorCode::kInternal, "a wrapped key could not be unwrapped",
                   "wrapped key altered, or wrapped under another key, key id, version or kind");
}

}  // namespace

// Length-prefixed, so no two (kind, id, version) give the same bytes.
std::string WrappedKeyAssociatedData(WrappingKeyId wrapping_key_id, WrappedKeyKind kind) {
  std::string out(kLabel);
  out.push_back(kFormatVersion);
  out.push_back(static_cast<char>(kind));
  internal::AppendBigEndian(out, wrapping_key_id.id.size(), 4);
  out += wrapping_key_id.id;
  internal::AppendBigEndian(out, wrapping_key_id.version, 4);
  return out;
}

std::string WrapKey(const SymmetricKey& wrapping_key, WrappingKeyId wrapping_key_id, WrappedKeyKind kind,
                    const SymmetricKey& key) {
  internal::GcmNonce nonce{};
  const std::string random = RandomBytes(nonce.size());
  std::copy(random.begin(), random.end(), nonce.begin());
  std::string wrapped(1, kFormatVersion);
  wrapped.append(random);
  internal::AesGcm(wrapping_key).Seal(nonce, WrappedKeyAssociatedData(wrapping_key_id, kind), key.bytes(), wrapped);
  return wrapped;
}

Result<SymmetricKey> UnwrapKey(const SymmetricKey& wrapping_key, WrappingKeyId wrapping_key_id, WrappedKeyKind kind,
                               std::string_view wrapped) {
  if (wrapped.size() != kWrappedKeyBytes || wrapped[0] != kFormatVersion) return Unwrappable();
  internal::GcmNonce nonce{};
  std::copy_n(wrapped.begin() + 1, nonce.size(), nonce.begin());
  std::string key_bytes;
  if (!internal::AesGcm(wrapping_key)
           .Open(nonce, WrappedKeyAssociatedData(wrapping_key_id, kind), wrapped.substr(1 + nonce.size()), key_bytes)) {
    return Unwrappable();
  }
  auto key = SymmetricKey::FromBytes(key_bytes);
  OPENSSL_cleanse(key_bytes.data(), key_bytes.size());
  return key;
}

}  // namespace consilium::crypto
