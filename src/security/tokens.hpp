#pragma once
// Short-lived access tokens: JWTs signed with the server's Ed25519 key.
#include "platform/crypto/jwt.hpp"
#include "security/key_ring.hpp"
#include "security/principal.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace consilium::security {

inline constexpr std::string_view kTokenIssuer = "consilium";

class AccessTokens {
 public:
  AccessTokens(std::shared_ptr<const KeyRing> keys, std::chrono::minutes lifetime)
      : keys_(std::move(keys)), lifetime_(lifetime) {}
  AccessTokens(crypto::SigningKey key, std::chrono::minutes lifetime)
      : AccessTokens(std::make_shared<const KeyRing>(KeyRing{std::move(key), {}}), lifetime) {}

  // After a rotation: new tokens use the new key, old ones keep verifying.
  void ReplaceKeys(std::shared_ptr<const KeyRing> keys) { keys_.store(std::move(keys)); }

  std::string Issue(const Principal& principal) const;
  // Reads "Bearer <token>" from an Authorization header.
  Result<Principal> Verify(std::string_view authorization) const;
  std::chrono::minutes lifetime() const { return lifetime_; }
  // The public keys that verify access tokens, as a JWK Set (RFC 7517).
  boost::json::object Jwks() const;

 private:
  std::atomic<std::shared_ptr<const KeyRing>> keys_;
  std::chrono::minutes lifetime_;
};

}  // namespace consilium::security
