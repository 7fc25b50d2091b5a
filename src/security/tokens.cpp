#include "security/tokens.hpp"

#include "platform/crypto/random.hpp"

#include <unordered_map>

namespace consilium::security {
namespace {

std::int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Error Unauthenticated(std::string log_detail) {
  return MakeError(ErrorCode::kUnauthenticated, "invalid or expired access token", std::move(log_detail));
}

// A signature check costs more than the rest of a read: each I/O thread
// remembers the tokens it has verified, until they expire. The key is the
// whole token, so only the exact bytes once verified are trusted.
constexpr std::size_t kVerifiedTokenCacheSize = 4096;
struct VerifiedToken {
  Principal principal;
  std::int64_t expires_at;
};
thread_local std::unordered_map<std::string, VerifiedToken> verified_tokens;

boost::json::array AmrOf(bool multi_factor) {
  if (multi_factor) return {"pwd", "otp", "mfa"};
  return {"pwd"};
}

}  // namespace

std::string AccessTokens::Issue(const Principal& principal) const {
  const auto now = NowUnix();
  boost::json::object claims{{"iss", kTokenIssuer},
                             {"sub", principal.user_id},
                             {"clinic", principal.clinic_id},
                             {"role", RoleName(principal.role)},
                             {"sid", principal.session_id},
                             {"amr", AmrOf(principal.multi_factor)},
                             {"iat", now},
                             {"exp", now + std::chrono::duration_cast<std::chrono::seconds>(lifetime_).count()}};
  return crypto::SignJwt(keys_.load()->signing, claims);
}

Result<Principal> AccessTokens::Verify(std::string_view authorization) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() || authorization.substr(0, kBearer.size()) != kBearer) {
    return MakeError(ErrorCode::kUnauthenticated, "an access token is required", "no bearer token");
  }
  const std::string_view token = authorization.substr(kBearer.size());
  const auto now = NowUnix();
  if (auto cached = verified_tokens.find(std::string(token)); cached != verified_tokens.end()) {
    if (cached->second.expires_at > now) return cached->second.principal;
    verified_tokens.erase(cached);
  }
  const auto keys = keys_.load();
  auto claims = crypto::VerifyJwt([&keys](std::string_view kid) { return keys->Find(kid); }, token, now, kTokenIssuer);
  if (!claims) return claims.error();
  const auto text = [&](std::string_view name) -> std::string {
    const auto* value = claims->if_contains(name);
    return value && value->is_string() ? std::string(value->as_string()) : std::string();
  };
  Principal principal{text("sub"), text("clinic"), ClinicRole::kReadOnly, text("sid")};
  const auto role = ParseClinicRole(text("role"));
  if (!role || !crypto::IsCanonicalUuid(principal.user_id) || !crypto::IsCanonicalUuid(principal.clinic_id) ||
      !crypto::IsCanonicalUuid(principal.session_id)) {
    return Unauthenticated("token claims malformed");
  }
  principal.role = *role;
  const auto* amr = claims->if_contains("amr");
  principal.multi_factor = amr && amr->is_array() && amr->as_array() == AmrOf(true);
  if (verified_tokens.size() >= kVerifiedTokenCacheSize) verified_tokens.clear();
  verified_tokens.emplace(std::string(token), VerifiedToken{principal, claims->at("exp").to_number<std::int64_t>()});
  return principal;
}

boost::json::object AccessTokens::Jwks() const {
  const auto keys = keys_.load();
  boost::json::array published{keys->signing.PublicJwk()};
  for (const auto& key : keys->retired) published.push_back(key.PublicJwk());
  return {{"keys", std::move(published)}};
}

}  // namespace consilium::security
