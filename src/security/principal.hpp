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

// A guest (an invited outside specialist) has no clinic-wide rights: what
// they see comes from the meetings they take part in (docs/decisions/0003).
enum class ClinicRole { kOwner, kAdmin, kPractitioner, kNurse, kFrontDesk, kReadOnly, kGuest };

inline constexpr ClinicRole kAllClinicRoles[] = {ClinicRole::kOwner,     ClinicRole::kAdmin,
                                                 ClinicRole::kPractitioner, ClinicRole::kNurse,
                                                 ClinicRole::kFrontDesk, ClinicRole::kReadOnly,
                                                 ClinicRole::kGuest};

std::string_view RoleName(ClinicRole role);
std::optional<ClinicRole> ParseClinicRole(std::string_view name);

// A participant's role in one meeting (DESIGN.md §1).
enum class MeetingRole { kOrganiser, kDoctor, kNurse, kGuest };

inline constexpr MeetingRole kAllMeetingRoles[] = {MeetingRole::kOrganiser, MeetingRole::kDoctor, MeetingRole::kNurse,
                                                   MeetingRole::kGuest};

std::string_view MeetingRoleName(MeetingRole role);
std::optional<MeetingRole> ParseMeetingRole(std::string_view name);

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
  // Set by the gate when a meeting route was allowed by the caller's role in
  // that meeting rather than by their clinic role: what they may see there
  // may be narrower (a guest sees only the approved agenda).
  std::optional<MeetingRole> meeting_grant;

  std::string_view Param(std::string_view name) const;
  // The tenant scope of the acting principal, for db::InClinic.
  db::TenantScope Scope() const;
};

}  // namespace consilium::security
