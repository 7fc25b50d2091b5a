#pragma once
// Access tokens: compact JWS signed with the server's Ed25519 key. Only this
// one algorithm and this one key are ever accepted.
#include "platform/crypto/signing_key.hpp"
#include "platform/error/error.hpp"

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace consilium::crypto {

// Ours are a few hundred bytes; the cap bounds work done on untrusted input.
inline constexpr std::size_t kMaxJwtBytes = 4096;
// Tolerated clock difference for "iat" and "nbf" issued by another node.
inline constexpr std::int64_t kJwtClockSkewSeconds = 60;

// Header {"alg":"EdDSA","typ":"JWT","kid":key.kid()}.
std::string SignJwt(const SigningKey& key, const boost::json::object& claims);

// Checks, in order: length, 3 non-empty parts, header is a JSON object with
// alg == "EdDSA" exactly, typ "JWT" if present, no "crit", kid == key.kid();
// signature; claims object with integer exp > now_unix, integer iat <=
// now_unix + skew, integer nbf <= now_unix + skew if present, iss ==
// expected_issuer. Any failure is kUnauthenticated "invalid or expired access
// token"; log_detail names the failed check and never contains the token.
Result<boost::json::object> VerifyJwt(const SigningKey& key, std::string_view token, std::int64_t now_unix,
                                      std::string_view expected_issuer);

// The same, with the key chosen by the token's `kid` among several (e.g. the
// current key and recently retired ones); null means no such key.
using FindKey = std::function<const SigningKey*(std::string_view kid)>;
Result<boost::json::object> VerifyJwt(const FindKey& find_key, std::string_view token, std::int64_t now_unix,
                                      std::string_view expected_issuer);

}  // namespace consilium::crypto
