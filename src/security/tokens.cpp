#include "security/tokens.hpp"

#include "platform/crypto/random.hpp"

namespace consilium::security {
namespace {

std::int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Error Unauthenticated(std::string log_detail) {
  return MakeError(ErrorCode::kUnauthenticated, "invalid or expired access token", std::move(log_detail));
}

}  // namespace

std::string AccessTokens::Issue(const Principal& principal) const {
  const auto now = NowUnix();
  boost::json::object claims{{"iss", kTokenIssuer},
                             {"sub", principal.user_id},
                             {"clinic", principal.clinic_id},
                             {"role", RoleName(principal.role)},
                             {"sid", principal.session_id},
                             {"iat", now},
                             {"exp", now + std::chrono::duration_cast<std::chrono::seconds>(lifetime_).count()}};
  return crypto::SignJwt(key_, claims);
}

Result<Principal> AccessTokens::Verify(std::string_view authorization) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() || authorization.substr(0, kBearer.size()) != kBearer) {
    return MakeError(ErrorCode::kUnauthenticated, "an access token is required", "no bearer token");
  }
  auto claims = crypto::VerifyJwt(key_, authorization.substr(kBearer.size()), NowUnix(), kTokenIssuer);
  if (!claims) return claims.error();
  const auto text = [&](std::string_view name) -> std::string {
    const auto* value = claims->if_contains(name);
    return value && value->is_string() ? std::string(value->as_string()) : std::string();
  };
  Principal principal{text("sub"), text("clinic"), ClinicRole::kReadOnly, text("sid")};
  const auto role = ParseClinicRole(text("role"));
  if (!role || !crypto::IsCanonicalUuid(principal.user_id) || !crypto::IsCanonicalUuid(principal.clinic_id)) {
    return Unauthenticated("token claims malformed");
  }
  principal.role = *role;
  return principal;
}

}  // namespace consilium::security
