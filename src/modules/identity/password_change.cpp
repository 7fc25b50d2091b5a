#include "modules/identity/identity.hpp"
#include "modules/identity/password_policy.hpp"
#include "modules/identity/people.hpp"
#include "security/audit.hpp"

namespace consilium::identity {

using security::AuditEntry;
using security::RequestContext;

awaitable<Result<std::string>> CheckOwnPassword(const RequestContext& context, const IdentityServices& services,
                                                const std::string& password) {
  const std::string& user_id = context.principal->user_id;
  std::string email;
  std::string stored_hash;
  auto read = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await tx.Query(
        "SELECT u.email, c.password_hash FROM users u JOIN credentials c ON c.user_id = u.id WHERE u.id = $1",
        user_id);
    if (!rows) co_return rows.error();
    if (rows->empty()) co_return MakeError(ErrorCode::kPermissionDenied, "this account has no password");
    email = rows->Text(0, 0);
    stored_hash = rows->Text(0, 1);
    co_return Status{};
  });
  if (!read) co_return read.error();
  auto matches = co_await services.passwords.Verify(password, std::move(stored_hash));
  if (!matches) co_return matches.error();
  if (!*matches) {
    auto counted = co_await RecordFailedPassword(context.request, user_id, services.guessing);
    if (!counted) co_return counted.error();
    co_return MakeError(ErrorCode::kPermissionDenied, "the current password is not correct");
  }
  co_return email;
}

awaitable<Status> ChangePassword(const RequestContext& context, const IdentityServices& services,
                                 const std::string& current_password, const std::string& new_password) {
  const std::string& user_id = context.principal->user_id;
  auto email = co_await CheckOwnPassword(context, services, current_password);
  if (!email) co_return email.error();
  auto min_chars = co_await StrictestPasswordLength(user_id);
  if (!min_chars) co_return min_chars.error();
  if (auto acceptable = CheckNewPassword(new_password, *email, *min_chars); !acceptable) co_return acceptable.error();
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
