#include "modules/identity/sessions.hpp"

#include "modules/identity/people.hpp"
#include "platform/crypto/encoding.hpp"
#include "platform/crypto/hash.hpp"
#include "platform/crypto/random.hpp"
#include "security/audit.hpp"

namespace consilium::identity {
namespace {

using security::AuditEntry;
using security::Outcome;
using security::Principal;
using security::RequestContext;
constexpr std::size_t kRefreshTokenBytes = 32;  // 256 bits
constexpr std::string_view kSessionResource = "session";

std::string HashToken(std::string_view token) { return crypto::HexEncode(crypto::Sha256(token)); }

std::string Interval(std::chrono::minutes minutes) { return std::to_string(minutes.count()) + " minutes"; }

Error InvalidRefresh(std::string detail) {
  return MakeError(ErrorCode::kUnauthenticated, "invalid or expired refresh token; sign in again", std::move(detail));
}

void QueueRefreshToken(db::Tx& tx, const std::string& session_id, const std::string& token) {
  tx.Defer("INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)", HashToken(token), session_id);
}

}  // namespace

std::string StartSession(db::Tx& tx, const RequestContext& context, const SessionPolicy& policy) {
  const Principal& principal = *context.principal;
  const std::string token = crypto::RandomToken(kRefreshTokenBytes);
  const std::string idle = Interval(policy.idle);
  const std::string absolute = Interval(policy.absolute);
  std::string methods = "{pwd}";
  if (principal.multi_factor) methods = "{pwd,otp,mfa}";
  db::Param ip;
  if (!context.request.remote_ip.empty()) ip = context.request.remote_ip;
  tx.Defer(
      "INSERT INTO sessions (id, user_id, active_clinic_id, amr, idle_expires_at, absolute_expires_at, ip, user_agent) "
      "VALUES ($1, $2, $3, $4, now() + $5::interval, now() + $6::interval, $7, $8)",
      principal.session_id, principal.user_id, principal.clinic_id, methods, idle, absolute, ip,
      context.request.user_agent.substr(0, 512));
  QueueRefreshToken(tx, principal.session_id, token);
  return token;
}

awaitable<Result<Refreshed>> RefreshSession(http::Request& request, const SessionPolicy& policy,
                                            const std::string& refresh_token) {
  const std::string token_hash = HashToken(refresh_token);
  std::optional<Principal> found;
  bool used = false;
  bool active = false;
  auto looked_up = co_await db::InSignIn([&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await tx.Query(
        "SELECT s.id, s.user_id, s.active_clinic_id, t.used_at IS NOT NULL, "
        "s.revoked_at IS NULL AND s.idle_expires_at > now() AND s.absolute_expires_at > now() AND NOT u.disabled, "
        "'otp' = ANY(s.amr) "
        "FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id JOIN users u ON u.id = s.user_id "
        "WHERE t.token_hash = $1",
        token_hash);
    if (!rows) co_return rows.error();
    if (rows->empty()) co_return Status{};
    found = Principal{rows->Text(0, 1), rows->Text(0, 2), security::ClinicRole::kReadOnly, rows->Text(0, 0)};
    used = rows->Get(0, 3) == "t";
    active = rows->Get(0, 4) == "t";
    found->multi_factor = rows->Get(0, 5) == "t";
    co_return Status{};
  });
  if (!looked_up) co_return looked_up.error();
  if (!found) co_return InvalidRefresh("unknown refresh token");
  if (!active && !used) co_return InvalidRefresh("session not active");

  RequestContext context{request, *found, {}};
  // The session is checked here, not by the scope: a reuse must still be able to revoke it.
  const db::TenantScope scope{found->clinic_id, found->user_id, ""};
  Refreshed refreshed{*found, crypto::RandomToken(kRefreshTokenBytes)};
  bool reused = used;
  auto status = co_await db::InClinic(scope, [&](db::Tx& tx) -> awaitable<Status> {
    if (!reused) {
      auto marked = co_await tx.Query(
          "UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL", token_hash);
      if (!marked) co_return marked.error();
      reused = marked->Affected() != 1;  // a concurrent refresh won the race
    }
    if (reused) {
      // Someone replayed a rotated token: end the session for everyone holding it.
      tx.Defer("UPDATE sessions SET revoked_at = now(), revoke_reason = 'refresh_token_reuse' "
               "WHERE id = $1 AND revoked_at IS NULL",
               found->session_id);
      const AuditEntry entry{.action = "session.refresh", .outcome = Outcome::kDenied,
                             .resource_type = kSessionResource, .resource_id = found->session_id,
                             .detail = boost::json::object{{"reason", "refresh_token_reuse"}}};
      security::Record(tx, context, entry);
      co_return Status{};
    }
    auto role = co_await tx.Query("SELECT role::text FROM memberships WHERE clinic_id = $1 AND user_id = $2 AND disabled_at IS NULL",
                                  found->clinic_id, found->user_id);
    if (!role) co_return role.error();
    if (role->empty()) co_return InvalidRefresh("membership ended");
    refreshed.principal.role = *security::ParseClinicRole(role->Get(0, 0));
    const std::string idle = Interval(policy.idle);
    tx.Defer("UPDATE sessions SET idle_expires_at = LEAST(now() + $2::interval, absolute_expires_at) WHERE id = $1",
             found->session_id, idle);
    QueueRefreshToken(tx, found->session_id, refreshed.refresh_token);
    const AuditEntry entry{.action = "session.refresh", .resource_type = kSessionResource,
                           .resource_id = found->session_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  if (reused) co_return InvalidRefresh("refresh token reused; session revoked");
  co_return refreshed;
}

awaitable<Result<boost::json::array>> ListOwnSessions(const RequestContext& context) {
  boost::json::array sessions;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await tx.Query(
        "SELECT id, active_clinic_id, array_to_string(amr, ','), "
        "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
        "to_char(LEAST(idle_expires_at, absolute_expires_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
        "host(ip), user_agent FROM sessions WHERE user_id = $1 AND revoked_at IS NULL "
        "AND idle_expires_at > now() AND absolute_expires_at > now() ORDER BY created_at DESC LIMIT 100",
        context.principal->user_id);
    if (!rows) co_return rows.error();
    for (int row = 0; row < rows->size(); ++row) {
      sessions.push_back({{"id", rows->Text(row, 0)},
                          {"clinic_id", rows->Text(row, 1)},
                          {"amr", rows->Text(row, 2)},
                          {"created_at", rows->Text(row, 3)},
                          {"expires_at", rows->Text(row, 4)},
                          {"ip", rows->Text(row, 5)},
                          {"user_agent", rows->Text(row, 6)},
                          {"current", rows->Get(row, 0) == context.principal->session_id}});
    }
    const AuditEntry entry{.action = "session.list", .resource_type = kSessionResource,
                           .detail = boost::json::object{{"returned", sessions.size()}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return sessions;
}

awaitable<Status> RevokeOwnSession(const RequestContext& context, const std::string& session_id) {
  co_return co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto revoked = co_await tx.Query(
        "UPDATE sessions SET revoked_at = COALESCE(revoked_at, now()), revoke_reason = COALESCE(revoke_reason, "
        "'signed_out') WHERE id = $1 AND user_id = $2",
        session_id, context.principal->user_id);
    if (!revoked) co_return revoked.error();
    if (revoked->Affected() == 0) co_return NotFound("session not found");
    const AuditEntry entry{.action = "session.revoke", .resource_type = kSessionResource, .resource_id = session_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
}

awaitable<Status> RevokeAllOwnSessions(const RequestContext& context) {
  co_return co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    tx.Defer("UPDATE sessions SET revoked_at = now(), revoke_reason = 'signed_out_everywhere' "
             "WHERE user_id = $1 AND revoked_at IS NULL",
             context.principal->user_id);
    const AuditEntry entry{.action = "session.revoke_all", .resource_type = "user",
                           .resource_id = context.principal->user_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
}

awaitable<Status> RevokeMemberSessions(const RequestContext& context, const std::string& user_id) {
  co_return co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    if (auto member = co_await RequireMember(tx, context.principal->clinic_id, user_id); !member) co_return member;
    tx.Defer("UPDATE sessions SET revoked_at = now(), revoke_reason = 'revoked_by_admin' "
             "WHERE user_id = $1 AND active_clinic_id = $2 AND revoked_at IS NULL",
             user_id, context.principal->clinic_id);
    const AuditEntry entry{.action = "user.sessions.revoke", .resource_type = "user", .resource_id = user_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
}

awaitable<Result<Principal>> SwitchClinic(const RequestContext& context, const std::string& clinic_id) {
  Principal switched = *context.principal;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto role = co_await tx.Query(
        "SELECT m.role::text, c.mfa_required FROM memberships m JOIN clinics c ON c.id = m.clinic_id "
        "WHERE m.user_id = $1 AND m.clinic_id = $2 AND m.disabled_at IS NULL",
        switched.user_id, clinic_id);
    if (!role) co_return role.error();
    if (role->empty()) co_return MakeError(ErrorCode::kPermissionDenied, "you are not a member of that clinic");
    if (role->Get(0, 1) == "t" && !switched.multi_factor) {
      co_return MakeError(ErrorCode::kPermissionDenied,
                          "that clinic requires multi-factor sign-in; sign in again choosing that clinic");
    }
    switched.clinic_id = clinic_id;
    switched.role = *security::ParseClinicRole(role->Get(0, 0));
    tx.Defer("UPDATE sessions SET active_clinic_id = $2 WHERE id = $1", switched.session_id, clinic_id);
    const AuditEntry entry{.action = "session.switch_clinic", .resource_type = kSessionResource,
                           .resource_id = switched.session_id,
                           .after = boost::json::object{{"clinic_id", clinic_id}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return switched;
}

}  // namespace consilium::identity
