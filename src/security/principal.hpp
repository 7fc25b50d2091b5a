#pragma once
// Who is acting: established only from a verified access token, never from
// the request body. The clinic comes from here and nowhere else.
#include "platform/db/transaction.hpp"
#include "platform/http/message.hpp"
#include "platform/http/router.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace consilium::security {

enum class ClinicRole { kOwner, kAdmin, kPractitioner, kNurse, kFrontDesk, kReadOnly };

inline constexpr ClinicRole kAllClinicRoles[] = {ClinicRole::kOwner,     ClinicRole::kAdmin,
                                                 ClinicRole::kPractitioner, ClinicRole::kNurse,
                                                 ClinicRole::kFrontDesk, ClinicRole::kReadOnly};

std::string_view RoleName(ClinicRole role);
std::optional<ClinicRole> ParseClinicRole(std::string_view name);

struct Principal {
  std::string user_id;
  std::string clinic_id;
  ClinicRole role = ClinicRole::kReadOnly;
  std::string session_id;
  // Whether the sign-in behind the session used a second factor; access
  // tokens say so in `amr` (RFC 8176): ["pwd"] or ["pwd", "otp", "mfa"].
  bool multi_factor = false;
};

// What a handler gets: the parsed request, the acting principal (absent on
// public routes), and the path parameters.
struct RequestContext {
  http::Request& request;
  std::optional<Principal> principal;
  http::PathParams params;

  std::string_view Param(std::string_view name) const;
  // The tenant scope of the acting principal, for db::InClinic.
  db::TenantScope Scope() const;
};

}  // namespace consilium::security
