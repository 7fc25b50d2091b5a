#pragma once
// Short-lived access tokens: JWTs signed with the server's Ed25519 key.
#include "platform/crypto/jwt.hpp"
#include "security/principal.hpp"

#include <chrono>
#include <string>

namespace consilium::security {

inline constexpr std::string_view kTokenIssuer = "consilium";

class AccessTokens {
 public:
  AccessTokens(crypto::SigningKey key, std::chrono::minutes lifetime)
      : key_(std::move(key)), lifetime_(lifetime) {}

  std::string Issue(const Principal& principal) const;
  // Reads "Bearer <token>" from an Authorization header.
  Result<Principal> Verify(std::string_view authorization) const;
  std::chrono::minutes lifetime() const { return lifetime_; }
  // The public keys that verify access tokens, as a JWK Set (RFC 7517).
  boost::json::object Jwks() const { return {{"keys", boost::json::array{key_.PublicJwk()}}}; }

 private:
  crypto::SigningKey key_;
  std::chrono::minutes lifetime_;
};

}  // namespace consilium::security
