#include "modules/identity/identity.hpp"
#include "modules/identity/password_policy.hpp"
#include "platform/crypto/password.hpp"
#include "platform/crypto/random.hpp"
#include "security/audit.hpp"

namespace consilium::identity {
namespace {

using security::AuditEntry;
using security::ClinicRole;
using security::Principal;
using security::RequestContext;

Error WrongCredentials() {
  return MakeError(ErrorCode::kUnauthenticated, "email or password is incorrect");
}

struct Person {
  std::string id;
  std::string display_name;
  std::string email;
  bool disabled = false;
  std::string password_hash;
  bool locked = false;
};

awaitable<Result<std::optional<Person>>> FindPerson(const std::string& email) {
  std::optional<Person> person;
  auto status = co_await db::InSignIn([&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await tx.Query(
        "SELECT u.id, u.display_name, u.email, u.disabled, c.password_hash, COALESCE(l.locked_until > now(), false) "
        "FROM users u LEFT JOIN credentials c ON c.user_id = u.id LEFT JOIN account_lockouts l ON l.user_id = u.id "
        "WHERE u.email = $1",
        email);
    if (!rows) co_return rows.error();
    if (!rows->empty()) {
      person = Person{rows->Text(0, 0),        rows->Text(0, 1), rows->Text(0, 2), rows->Get(0, 3) == "t",
                      rows->Text(0, 4), rows->Get(0, 5) == "t"};
    }
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return person;
}

awaitable<Result<db::Rows>> Memberships(const std::string& user_id) {
  db::Rows memberships;
  auto status = co_await db::InSignIn([&](db::Tx& tx) -> awaitable<Status> {
    if (auto set = co_await tx.Query("SELECT set_config('app.user_id', $1, true)", user_id); !set) co_return set.error();
    auto rows = co_await tx.Query(
        "SELECT m.clinic_id, c.name, m.role::text FROM memberships m JOIN clinics c ON c.id = m.clinic_id "
        "WHERE m.user_id = $1 ORDER BY c.name, m.clinic_id",
        user_id);
    if (!rows) co_return rows.error();
    memberships = std::move(*rows);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return memberships;
}

// Counts a failed password; the threshold-th in a row locks the account.
awaitable<Status> RecordFailedPassword(const std::string& user_id, const GuessingPolicy& policy) {
  const std::string threshold = std::to_string(policy.lockout_threshold);
  const std::string lockout = std::to_string(policy.lockout.count()) + " minutes";
  co_return co_await db::InSignIn([&](db::Tx& tx) -> awaitable<Status> {
    tx.Defer(
        "INSERT INTO account_lockouts AS l (user_id, failed_attempts, locked_until) "
        "VALUES ($1, 1, CASE WHEN $2::int <= 1 THEN now() + $3::interval END) "
        "ON CONFLICT (user_id) DO UPDATE SET "
        "failed_attempts = CASE WHEN l.locked_until < now() THEN 1 ELSE l.failed_attempts + 1 END, "
        "locked_until = CASE WHEN l.locked_until >= now() THEN l.locked_until "
        "  WHEN (CASE WHEN l.locked_until < now() THEN 1 ELSE l.failed_attempts + 1 END) >= $2::int "
        "  THEN now() + $3::interval END",
        user_id, threshold, lockout);
    co_return Status{};
  });
}

awaitable<Status> ClearFailedPasswords(const std::string& user_id) {
  co_return co_await db::InSignIn([&](db::Tx& tx) -> awaitable<Status> {
    tx.Defer("UPDATE account_lockouts SET failed_attempts = 0, locked_until = NULL "
             "WHERE user_id = $1 AND failed_attempts > 0",
             user_id);
    co_return Status{};
  });
}

}  // namespace

awaitable<Result<SignedIn>> SignIn(http::Request& request, const IdentityServices& services, const std::string& email,
                                   const std::string& password, const std::optional<std::string>& clinic_id) {
  if (const auto wait = services.throttle.WaitFor(request.remote_ip); wait.count() > 0) {
    Error error = MakeError(ErrorCode::kTooManyRequests, "too many failed sign-ins from your network; try again later");
    error.retry_after_seconds = static_cast<int>(wait.count());
    co_return error;
  }
  auto person = co_await FindPerson(email);
  if (!person) co_return person.error();
  const bool known = person->has_value() && !(*person)->password_hash.empty();
  // Unknown people cost the same bcrypt work as known ones.
  std::string stored_hash = crypto::DummyPasswordHash();
  if (known) stored_hash = (*person)->password_hash;
  auto matches = co_await services.passwords.Verify(password, std::move(stored_hash));
  if (!matches) co_return matches.error();
  if (!known || !*matches || (*person)->disabled || (*person)->locked) {
    services.throttle.RecordFailure(request.remote_ip);
    if (known && !*matches) {
      auto counted = co_await RecordFailedPassword((*person)->id, services.guessing);
      if (!counted) co_return counted.error();
    }
    co_return WrongCredentials();
  }
  if (auto cleared = co_await ClearFailedPasswords((*person)->id); !cleared) co_return cleared.error();

  auto rows = co_await Memberships((*person)->id);
  if (!rows) co_return rows.error();
  SignedIn signed_in{{(*person)->id, "", ClinicRole::kReadOnly, crypto::NewUuidV4()},
                     (*person)->email, (*person)->display_name, {}};
  for (int row = 0; row < rows->size(); ++row) {
    signed_in.memberships.push_back(
        {{"clinic_id", rows->Text(row, 0)}, {"clinic_name", rows->Text(row, 1)}, {"role", rows->Text(row, 2)}});
    const bool wanted = clinic_id ? *clinic_id == rows->Get(row, 0) : signed_in.principal.clinic_id.empty();
    if (wanted) {
      signed_in.principal.clinic_id = rows->Text(row, 0);
      signed_in.principal.role = *security::ParseClinicRole(rows->Get(row, 2));
    }
  }
  if (signed_in.principal.clinic_id.empty()) {
    co_return MakeError(ErrorCode::kPermissionDenied, clinic_id ? "you are not a member of that clinic"
                                                                : "you are not a member of any clinic");
  }
  RequestContext context{request, signed_in.principal, {}};
  // No session check: this transaction creates the session.
  const db::TenantScope scope{signed_in.principal.clinic_id, signed_in.principal.user_id, ""};
  auto recorded = co_await db::InClinic(scope, [&](db::Tx& tx) -> awaitable<Status> {
    signed_in.refresh_token = StartSession(tx, context, services.sessions, {"pwd"});
    const security::AuditEntry entry{.action = "session.create", .resource_type = "session",
                                     .resource_id = signed_in.principal.session_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!recorded) co_return recorded.error();
  co_return signed_in;
}

awaitable<Result<std::string>> AddMember(const RequestContext& context, PasswordWorkers& passwords,
                                         const NewMember& member) {
  auto person = co_await FindPerson(member.email);
  if (!person) co_return person.error();
  std::optional<std::string> password_hash;
  if (!*person) {
    auto hashed = co_await passwords.Hash(member.password);
    if (!hashed) co_return hashed.error();
    password_hash = std::move(*hashed);
  }
  const std::string user_id = *person ? (*person)->id : crypto::NewUuidV4();
  const std::string role(security::RoleName(member.role));
  // Named, not a braced temporary: GCC 12 destroys those twice across co_await.
  const db::TenantScope scope{member.clinic_id, context.Scope().user_id};
  auto status = co_await db::InClinic(scope, [&](db::Tx& tx) -> awaitable<Status> {
    if (password_hash) {
      auto user = co_await tx.Query("INSERT INTO users (id, email, display_name) VALUES ($1, $2, $3)",
                                    user_id, member.email, member.display_name);
      if (!user) co_return user.error();
      auto credential = co_await tx.Query("INSERT INTO credentials (user_id, password_hash) VALUES ($1, $2)",
                                          user_id, password_hash);
      if (!credential) co_return credential.error();
    }
    auto membership = co_await tx.Query("INSERT INTO memberships (clinic_id, user_id, role) VALUES ($1, $2, $3)",
                                        member.clinic_id, user_id, role);
    if (!membership) co_return membership.error();
    const security::AuditEntry entry{.action = "membership.create", .resource_type = "user",
                                                      .resource_id = user_id,
                                                      .after = boost::json::object{{"role", security::RoleName(member.role)}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return user_id;
}

}  // namespace consilium::identity

namespace consilium::identity {

awaitable<Status> UnlockMember(const RequestContext& context, const std::string& user_id) {
  co_return co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto member = co_await tx.Query("SELECT 1 FROM memberships WHERE clinic_id = $1 AND user_id = $2",
                                    context.principal->clinic_id, user_id);
    if (!member) co_return member.error();
    if (member->empty()) co_return NotFound("no such member of this clinic");
    tx.Defer("UPDATE account_lockouts SET failed_attempts = 0, locked_until = NULL WHERE user_id = $1", user_id);
    const AuditEntry entry{.action = "user.unlock", .resource_type = "user", .resource_id = user_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
}

}  // namespace consilium::identity

namespace consilium::identity {

awaitable<Status> ChangePassword(const RequestContext& context, const IdentityServices& services,
                                 const std::string& current_password, const std::string& new_password) {
  const std::string& user_id = context.principal->user_id;
  std::string email;
  std::string stored_hash;
  auto read = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await tx.Query(
        "SELECT u.email, c.password_hash FROM users u JOIN credentials c ON c.user_id = u.id WHERE u.id = $1",
        user_id);
    if (!rows) co_return rows.error();
    if (rows->empty()) co_return MakeError(ErrorCode::kPermissionDenied, "this account has no password to change");
    email = rows->Text(0, 0);
    stored_hash = rows->Text(0, 1);
    co_return Status{};
  });
  if (!read) co_return read.error();
  auto matches = co_await services.passwords.Verify(current_password, std::move(stored_hash));
  if (!matches) co_return matches.error();
  if (!*matches) {
    auto counted = co_await RecordFailedPassword(user_id, services.guessing);
    if (!counted) co_return counted.error();
    co_return MakeError(ErrorCode::kPermissionDenied, "the current password is not correct");
  }
  if (auto acceptable = CheckNewPassword(new_password, email); !acceptable) co_return acceptable.error();
  auto hashed = co_await services.passwords.Hash(new_password);
  if (!hashed) co_return hashed.error();
  co_return co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    tx.Defer("UPDATE credentials SET password_hash = $2, updated_at = now() WHERE user_id = $1", user_id, *hashed);
    tx.Defer("UPDATE sessions SET revoked_at = now(), revoke_reason = 'password_changed' "
             "WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL",
             user_id, context.principal->session_id);
    const AuditEntry entry{.action = "password.change", .resource_type = "user", .resource_id = user_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
}

}  // namespace consilium::identity
