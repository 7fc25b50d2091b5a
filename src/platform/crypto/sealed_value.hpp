#pragma once
// Small values held whole in memory (clinical free text in a row), sealed in
// the same format as files (sealed_format.hpp), so one reader, one set of
// checks and one key hierarchy serve both.
#include "platform/crypto/symmetric_key.hpp"
#include "platform/error/error.hpp"

#include <string>
#include <string_view>

namespace consilium::crypto {

// Same arguments as SealedStreamEncryptor; returns the whole sealed object (binary).
std::string SealValue(const SymmetricKey& key, std::string_view key_reference, std::string_view associated_data,
                      std::string_view plaintext);

// The key reference in a sealed value's header, to find its key before OpenValue.
Result<std::string> SealedValueKeyReference(std::string_view sealed);

// The plaintext, or the error SealedStreamDecryptor reports.
Result<std::string> OpenValue(const SymmetricKey& key, std::string_view associated_data, std::string_view sealed);

}  // namespace consilium::crypto
