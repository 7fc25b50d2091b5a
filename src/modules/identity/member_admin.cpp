#include "modules/identity/member_admin.hpp"

#include "modules/clinics/clinics.hpp"
#include "modules/identity/password_policy.hpp"
#include "modules/identity/people.hpp"
#include "platform/db/sql_fragments.hpp"
#include "security/audit.hpp"

namespace consilium::identity {
namespace {

using security::AuditEntry;
using security::ClinicRole;
using security::RequestContext;

constexpr std::string_view kUserResource = "user";

constexpr std::string_view kMemberSelect =
    "SELECT u.id, u.email, u.display_name, m.role::text, m.disabled_at IS NOT NULL, "
    "COALESCE(l.locked_until > now(), false), COALESCE(t.confirmed_at IS NOT NULL, false), "
    CONSILIUM_SQL_UTC("m.created_at") " "
    "FROM memberships m JOIN users u ON u.id = m.user_id "
    "LEFT JOIN account_lockouts l ON l.user_id = u.id LEFT JOIN mfa_totp t ON t.user_id = u.id "
    "WHERE m.clinic_id = $1 ";

boost::json::object MemberJson(const db::Rows& rows, int row) {
  return {{"id", rows.Text(row, 0)},         {"email", rows.Text(row, 1)},
          {"display_name", rows.Text(row, 2)}, {"role", rows.Text(row, 3)},
          {"disabled", rows.Get(row, 4) == "t"}, {"locked", rows.Get(row, 5) == "t"},
          {"mfa_enabled", rows.Get(row, 6) == "t"}, {"created_at", rows.Text(row, 7)}};
}

awaitable<Result<boost::json::object>> MemberIn(db::Tx& tx, const std::string& clinic_id, const std::string& user_id) {
  auto rows = co_await tx.Query(std::string(kMemberSelect) + "AND m.user_id = $2", clinic_id, user_id);
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return NotFound("no such member of this clinic");
  co_return MemberJson(*rows, 0);
}

boost::json::object MembershipState(const boost::json::object& member) {
  return {{"role", member.at("role")}, {"disabled", member.at("disabled")}};
}

Error OnlyOwnersMakeOwners() {
  return MakeError(ErrorCode::kPermissionDenied, "only an owner can make or change an owner");
}

Status CheckChangeAllowed(const RequestContext& context, const std::string& user_id, ClinicRole current,
                          const MemberChange& change) {
  if (user_id == context.principal->user_id) {
    return MakeError(ErrorCode::kConflict, "you cannot change your own role or disable yourself");
  }
  const bool touches_owner = current == ClinicRole::kOwner || change.role == ClinicRole::kOwner;
  if (touches_owner && context.principal->role != ClinicRole::kOwner) return OnlyOwnersMakeOwners();
  return {};
}

// Reading a member just created is part of the creation, whose record says what was made.
enum class MemberRead { kOwnRequest, kPartOfCreation };

awaitable<Result<boost::json::object>> OneMember(const RequestContext& context, const std::string& user_id,
                                                 MemberRead read) {
  boost::json::object member;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto found = co_await MemberIn(tx, context.principal->clinic_id, user_id);
    if (!found) co_return found.error();
    member = std::move(*found);
    if (read == MemberRead::kOwnRequest) {
      const AuditEntry entry{.action = "user.list", .resource_type = kUserResource, .resource_id = user_id};
      security::Record(tx, context, entry);
    }
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return member;
}

}  // namespace

awaitable<Result<boost::json::array>> ListMembers(const RequestContext& context) {
  boost::json::array members;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await tx.Query(std::string(kMemberSelect) + "ORDER BY u.display_name, u.id",
                                  context.principal->clinic_id);
    if (!rows) co_return rows.error();
    for (int row = 0; row < rows->size(); ++row) members.push_back(MemberJson(*rows, row));
    const AuditEntry entry{.action = "user.list", .resource_type = kUserResource,
                           .detail = boost::json::object{{"returned", members.size()}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return members;
}

awaitable<Result<boost::json::object>> ReadMember(const RequestContext& context, const std::string& user_id) {
  co_return co_await OneMember(context, user_id, MemberRead::kOwnRequest);
}

awaitable<Result<boost::json::object>> CreateMember(const RequestContext& context, PasswordWorkers& passwords,
                                                    NewMember member) {
  if (member.role == ClinicRole::kOwner && context.principal->role != ClinicRole::kOwner) {
    co_return OnlyOwnersMakeOwners();
  }
  auto settings = co_await clinics::ReadSettings(context);
  if (!settings) co_return settings.error();
  const auto min_chars = static_cast<std::size_t>(settings->min_password_length);
  if (auto acceptable = CheckNewPassword(member.password, member.email, min_chars); !acceptable) {
    co_return acceptable.error();
  }
  member.clinic_id = context.principal->clinic_id;
  auto user_id = co_await AddMember(context, passwords, member);
  if (!user_id) co_return user_id.error();
  co_return co_await OneMember(context, *user_id, MemberRead::kPartOfCreation);
}

awaitable<Result<boost::json::object>> ChangeMember(const RequestContext& context, const std::string& user_id,
                                                    const MemberChange& change) {
  const std::string& clinic_id = context.principal->clinic_id;
  boost::json::object changed;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto before = co_await MemberIn(tx, clinic_id, user_id);
    if (!before) co_return before.error();
    const ClinicRole current = *security::ParseClinicRole(before->at("role").as_string());
    if (auto allowed = CheckChangeAllowed(context, user_id, current, change); !allowed) co_return allowed;
    db::Param role;
    if (change.role) role = std::string(security::RoleName(*change.role));
    db::Param disabled;
    if (change.disabled) disabled = std::string(*change.disabled ? "true" : "false");
    tx.Defer("UPDATE memberships SET role = COALESCE($3::clinic_role, role), "
             "disabled_at = CASE WHEN $4::boolean THEN COALESCE(disabled_at, now()) "
             "WHEN NOT $4::boolean THEN NULL ELSE disabled_at END "
             "WHERE clinic_id = $1 AND user_id = $2",
             clinic_id, user_id, role, disabled);
    tx.Defer("UPDATE sessions SET revoked_at = now(), revoke_reason = 'membership_changed' "
             "WHERE user_id = $1 AND active_clinic_id = $2 AND revoked_at IS NULL",
             user_id, clinic_id);
    auto after = co_await MemberIn(tx, clinic_id, user_id);
    if (!after) co_return after.error();
    changed = std::move(*after);
    const AuditEntry entry{.action = "user.update", .resource_type = kUserResource, .resource_id = user_id,
                           .before = MembershipState(*before), .after = MembershipState(changed)};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return changed;
}

awaitable<Result<boost::json::array>> Directory(const RequestContext& context) {
  boost::json::array people;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await tx.Query(
        "SELECT u.id, u.display_name, m.role::text FROM memberships m JOIN users u ON u.id = m.user_id "
        "WHERE m.clinic_id = $1 AND m.disabled_at IS NULL ORDER BY u.display_name, u.id",
        context.principal->clinic_id);
    if (!rows) co_return rows.error();
    for (int row = 0; row < rows->size(); ++row) {
      people.push_back(boost::json::object{
          {"id", rows->Text(row, 0)}, {"display_name", rows->Text(row, 1)}, {"role", rows->Text(row, 2)}});
    }
    const AuditEntry entry{.action = "directory.read", .resource_type = kUserResource,
                           .detail = boost::json::object{{"returned", people.size()}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return people;
}

awaitable<Result<boost::json::object>> Profile(const RequestContext& context, ProfileUse use) {
  const security::Principal& principal = *context.principal;
  boost::json::object profile{{"session_id", principal.session_id},
                              {"clinic_id", principal.clinic_id},
                              {"role", security::RoleName(principal.role)},
                              {"multi_factor", principal.multi_factor}};
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto user = co_await tx.Query("SELECT email, display_name FROM users WHERE id = $1", principal.user_id);
    if (!user) co_return user.error();
    if (user->empty()) co_return NotFound("no such person");
    profile["user"] = {{"id", principal.user_id}, {"email", user->Text(0, 0)}, {"display_name", user->Text(0, 1)}};
    if (use == ProfileUse::kRead) {
      const AuditEntry entry{.action = "profile.read", .resource_type = kUserResource,
                             .resource_id = principal.user_id};
      security::Record(tx, context, entry);
    }
    co_return Status{};
  });
  if (!status) co_return status.error();
  auto memberships = co_await Memberships(principal.user_id);
  if (!memberships) co_return memberships.error();
  profile["memberships"] = MembershipsJson(*memberships);
  co_return profile;
}

}  // namespace consilium::identity
