#include "security/principal.hpp"

namespace consilium::security {

std::string_view RoleName(ClinicRole role) {
  switch (role) {
    case ClinicRole::kOwner: return "owner";
    case ClinicRole::kAdmin: return "admin";
    case ClinicRole::kPractitioner: return "practitioner";
    case ClinicRole::kNurse: return "nurse";
    case ClinicRole::kFrontDesk: return "front_desk";
    case ClinicRole::kReadOnly: return "read_only";
    case ClinicRole::kGuest: return "guest";
  }
  return "read_only";
}

std::string_view MeetingRoleName(MeetingRole role) {
  switch (role) {
    case MeetingRole::kOrganiser: return "organiser";
    case MeetingRole::kDoctor: return "doctor";
    case MeetingRole::kNurse: return "nurse";
    case MeetingRole::kGuest: return "guest";
  }
  return "guest";
}

std::optional<MeetingRole> ParseMeetingRole(std::string_view name) {
  for (MeetingRole role : kAllMeetingRoles) {
    if (MeetingRoleName(role) == name) return role;
  }
  return std::nullopt;
}

std::optional<ClinicRole> ParseClinicRole(std::string_view name) {
  for (ClinicRole role : kAllClinicRoles) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

std::string_view RequestContext::Param(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return {};
}

db::TenantScope RequestContext::Scope() const {
  return principal ? db::TenantScope{principal->clinic_id, principal->user_id, principal->session_id}
                   : db::TenantScope{};
}

}  // namespace consilium::security
