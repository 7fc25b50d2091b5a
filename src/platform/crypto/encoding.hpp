#pragma once
// Text encodings of binary data: base64url (JWTs, tokens, JWK), standard
// base64, lowercase hex.
#include "platform/error/error.hpp"

#include <string>
#include <string_view>

namespace consilium::crypto {

// RFC 4648 section 5 alphabet, no padding.
std::string Base64UrlEncode(std::string_view bytes);

// Strict inverse of Base64UrlEncode: rejects padding, characters outside the
// alphabet, lengths that no input encodes to, and non-zero unused trailing
// bits (so each byte string has exactly one accepted encoding and a JWT
// cannot be altered without breaking it). Errors are kInvalidArgument.
Result<std::string> Base64UrlDecode(std::string_view text);

// RFC 4648 section 4, with padding.
std::string Base64Encode(std::string_view bytes);

// Lowercase hex, two chars per byte.
std::string HexEncode(std::string_view bytes);
// Its strict inverse: lowercase only, even length. Errors are kInvalidArgument.
Result<std::string> HexDecode(std::string_view text);

}  // namespace consilium::crypto
