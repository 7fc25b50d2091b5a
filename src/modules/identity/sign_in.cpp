#include "modules/identity/identity.hpp"
#include "modules/identity/people.hpp"
#include "platform/crypto/password.hpp"
#include "platform/crypto/random.hpp"
#include "security/audit.hpp"

namespace consilium::identity {
namespace {

using security::ClinicRole;
using security::RequestContext;

Error WrongCredentials() {
  return MakeError(ErrorCode::kUnauthenticated, "email or password is incorrect");
}

awaitable<Result<db::Rows>> Memberships(const std::string& user_id) {
  db::Rows memberships;
  auto status = co_await db::InSignIn(user_id, [&](db::Tx& tx) -> awaitable<Status> {
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

}  // namespace consilium::identity
