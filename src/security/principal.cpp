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
  }
  return "read_only";
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
