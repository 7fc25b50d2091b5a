#include "modules/identity/identity.hpp"
#include "modules/identity/people.hpp"
#include "platform/crypto/random.hpp"
#include "security/audit.hpp"

namespace consilium::identity {

using security::AuditEntry;
using security::RequestContext;

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
    // The permission's name, whether an administrator or the operator's command adds the member.
    const security::AuditEntry entry{.action = "user.create", .resource_type = "user", .resource_id = user_id,
                                     .after = boost::json::object{{"role", security::RoleName(member.role)}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return user_id;
}


awaitable<Status> UnlockMember(const RequestContext& context, const std::string& user_id) {
  co_return co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    if (auto member = co_await RequireMember(tx, context.principal->clinic_id, user_id); !member) co_return member;
    tx.Defer("UPDATE account_lockouts SET failed_attempts = 0, locked_until = NULL WHERE user_id = $1", user_id);
    const AuditEntry entry{.action = "user.unlock", .resource_type = "user", .resource_id = user_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
}


}  // namespace consilium::identity
