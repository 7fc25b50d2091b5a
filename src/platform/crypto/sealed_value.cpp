#include "platform/crypto/sealed_value.hpp"

#include "platform/crypto/sealed_format.hpp"
#include "platform/crypto/sealed_stream.hpp"

namespace consilium::crypto {

std::string SealValue(const SymmetricKey& key, std::string_view key_reference, std::string_view associated_data,
                      std::string_view plaintext) {
  SealedStreamEncryptor encryptor(key, key_reference, associated_data);
  std::string sealed;
  encryptor.Update(plaintext, sealed);
  encryptor.Finish(sealed);
  return sealed;
}

Result<std::string> SealedValueKeyReference(std::string_view sealed) {
  auto parsed = ParseSealedHeader(sealed);
  if (!parsed) return parsed.error();
  if (!*parsed) return UnreadableSealedData("the encrypted data was truncated inside its header");
  return std::move((*parsed)->header.key_reference);
}

Result<std::string> OpenValue(const SymmetricKey& key, std::string_view associated_data, std::string_view sealed) {
  SealedStreamDecryptor decryptor(associated_data);
  std::string plaintext;
  if (auto fed = decryptor.Update(sealed, plaintext); !fed) return fed.error();
  if (decryptor.NeedsKey()) {
    if (auto keyed = decryptor.SetKey(key); !keyed) return keyed.error();
  }
  if (auto finished = decryptor.Finish(plaintext); !finished) return finished.error();
  return plaintext;
}

}  // namespace consilium::crypto
