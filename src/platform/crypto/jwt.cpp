#include "platform/crypto/jwt.hpp"

#include "platform/crypto/encoding.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <optional>

namespace consilium::crypto {
namespace {

// Our headers and claims are flat; deep nesting is only ever an attack.
constexpr std::size_t kMaxJsonDepth = 8;

Error Rejected(std::string detail) {
  return MakeError(ErrorCode::kUnauthenticated, "invalid or expired access token", "jwt: " + std::move(detail));
}

// Decodes one base64url segment and parses it as a JSON object.
Result<boost::json::object> DecodeJsonObject(std::string_view segment, std::string_view what) {
  auto text = Base64UrlDecode(segment);
  if (!text) return Rejected(std::string(what) + " is not base64url");
  boost::json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(*text, ec, {}, options);
  if (ec) return Rejected(std::string(what) + " is not JSON");
  if (!value.is_object()) return Rejected(std::string(what) + " is not a JSON object");
  return std::move(value.get_object());
}

// Integers only: 1.7e9 or "1700000000" are malformed, not "roughly right".
std::optional<std::int64_t> IntegerMember(const boost::json::object& object, std::string_view name) {
  const boost::json::value* value = object.if_contains(name);
  if (value == nullptr || !value->is_int64()) return std::nullopt;
  return value->get_int64();
}

bool StringMemberEquals(const boost::json::object& object, std::string_view name, std::string_view expected) {
  const boost::json::value* value = object.if_contains(name);
  return value != nullptr && value->is_string() && value->get_string() == expected;
}

}  // namespace

std::string SignJwt(const SigningKey& key, const boost::json::object& claims) {
  const boost::json::object header{{"alg", "EdDSA"}, {"typ", "JWT"}, {"kid", key.kid()}};
  std::string signing_input = Base64UrlEncode(boost::json::serialize(header));
  signing_input += '.';
  signing_input += Base64UrlEncode(boost::json::serialize(claims));
  const std::string signature = key.Sign(signing_input);
  return signing_input + '.' + Base64UrlEncode(signature);
}

Result<boost::json::object> VerifyJwt(const SigningKey& key, std::string_view token, std::int64_t now_unix,
                                      std::string_view expected_issuer) {
  return VerifyJwt([&key](std::string_view kid) { return kid == key.kid() ? &key : nullptr; }, token, now_unix,
                   expected_issuer);
}

Result<boost::json::object> VerifyJwt(const FindKey& find_key, std::string_view token, std::int64_t now_unix,
                                      std::string_view expected_issuer) {
  if (token.size() > kMaxJwtBytes) return Rejected("token longer than " + std::to_string(kMaxJwtBytes) + " bytes");
  const std::size_t first_dot = token.find('.');
  const std::size_t second_dot = first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != std::string_view::npos) {
    return Rejected("not three dot-separated parts");
  }
  const std::string_view header_part = token.substr(0, first_dot);
  const std::string_view payload_part = token.substr(first_dot + 1, second_dot - first_dot - 1);
  const std::string_view signature_part = token.substr(second_dot + 1);
  if (header_part.empty() || payload_part.empty() || signature_part.empty()) return Rejected("empty part");

  auto header = DecodeJsonObject(header_part, "header");
  if (!header) return header.error();
  if (!StringMemberEquals(*header, "alg", "EdDSA")) return Rejected("header alg is not EdDSA");
  if (header->contains("typ") && !StringMemberEquals(*header, "typ", "JWT")) return Rejected("header typ is not JWT");
  // We understand no critical extensions, so RFC 7515 says reject any.
  if (header->contains("crit")) return Rejected("header has crit");
  const boost::json::value* kid = header->if_contains("kid");
  const SigningKey* found = kid && kid->is_string() ? find_key(kid->get_string()) : nullptr;
  if (!found) return Rejected("header kid does not match signing key");
  const SigningKey& key = *found;

  auto signature = Base64UrlDecode(signature_part);
  if (!signature) return Rejected("signature is not base64url");
  const std::string_view signing_input = token.substr(0, second_dot);
  if (!key.Verify(signing_input, *signature)) return Rejected("bad signature");

  // Claims are parsed only once the signature proves we wrote them.
  auto claims = DecodeJsonObject(payload_part, "claims");
  if (!claims) return claims.error();
  const std::optional<std::int64_t> exp = IntegerMember(*claims, "exp");
  if (!exp) return Rejected("exp missing or not an integer");
  if (*exp <= now_unix) return Rejected("expired");
  const std::optional<std::int64_t> iat = IntegerMember(*claims, "iat");
  if (!iat) return Rejected("iat missing or not an integer");
  if (*iat > now_unix + kJwtClockSkewSeconds) return Rejected("iat in the future");
  if (claims->contains("nbf")) {
    const std::optional<std::int64_t> nbf = IntegerMember(*claims, "nbf");
    if (!nbf) return Rejected("nbf not an integer");
    if (*nbf > now_unix + kJwtClockSkewSeconds) return Rejected("not yet valid (nbf)");
  }
  if (!StringMemberEquals(*claims, "iss", expected_issuer)) return Rejected("iss does not match");
  return claims;
}

}  // namespace consilium::crypto
