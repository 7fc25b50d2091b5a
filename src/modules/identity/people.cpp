#include "modules/identity/people.hpp"

#include "modules/identity/password_policy.hpp"

namespace consilium::identity {

awaitable<Result<std::optional<Person>>> FindPerson(const std::string& email) {
  std::optional<Person> person;
  auto status = co_await db::InSignIn([&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await tx.Query(
        "SELECT u.id, u.display_name, u.email, u.disabled, c.password_hash, COALESCE(l.locked_until > now(), false), "
        "t.confirmed_at IS NOT NULL, COALESCE(t.required, false) "
        "FROM users u LEFT JOIN credentials c ON c.user_id = u.id LEFT JOIN account_lockouts l ON l.user_id = u.id "
        "LEFT JOIN mfa_totp t ON t.user_id = u.id "
        "WHERE u.email = $1",
        email);
    if (!rows) co_return rows.error();
    if (!rows->empty()) {
      person = Person{rows->Text(0, 0), rows->Text(0, 1), rows->Text(0, 2), rows->Get(0, 3) == "t",
                      rows->Text(0, 4), rows->Get(0, 5) == "t", rows->Get(0, 6) == "t", rows->Get(0, 7) == "t"};
    }
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return person;
}

awaitable<Result<std::vector<Membership>>> Memberships(const std::string& user_id) {
  std::vector<Membership> memberships;
  auto status = co_await db::InSignIn(user_id, [&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await tx.Query(
        "SELECT m.clinic_id, c.name, m.role::text, c.mfa_required FROM memberships m "
        "JOIN clinics c ON c.id = m.clinic_id WHERE m.user_id = $1 AND m.disabled_at IS NULL ORDER BY c.name, m.clinic_id",
        user_id);
    if (!rows) co_return rows.error();
    for (int row = 0; row < rows->size(); ++row) {
      memberships.push_back(Membership{rows->Text(row, 0), rows->Text(row, 1),
                                       *security::ParseClinicRole(rows->Get(row, 2)), rows->Get(row, 3) == "t"});
    }
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return memberships;
}

boost::json::array MembershipsJson(const std::vector<Membership>& memberships) {
  boost::json::array out;
  for (const auto& membership : memberships) {
    out.push_back(boost::json::object{{"clinic_id", membership.clinic_id},
                                      {"clinic_name", membership.clinic_name},
                                      {"role", security::RoleName(membership.role)},
                                      {"mfa_required", membership.mfa_required}});
  }
  return out;
}

awaitable<Status> RecordForPerson(http::Request& request, const std::string& user_id,
                                  const security::AuditEntry& entry) {
  std::vector<std::pair<std::string, security::ClinicRole>> clinics;
  auto read = co_await db::InSignIn(user_id, [&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await tx.Query("SELECT clinic_id, role::text FROM memberships WHERE user_id = $1 ORDER BY clinic_id",
                                  user_id);
    if (!rows) co_return rows.error();
    for (int row = 0; row < rows->size(); ++row) {
      clinics.emplace_back(rows->Text(row, 0), *security::ParseClinicRole(rows->Get(row, 1)));
    }
    co_return Status{};
  });
  if (!read) co_return read.error();
  for (const auto& [clinic_id, role] : clinics) {
    const security::RequestContext context{request, security::Principal{user_id, clinic_id, role, ""}, {}};
    // No session yet: the person's own scope in that clinic, as at sign-in.
    const db::TenantScope scope{clinic_id, user_id, ""};
    auto recorded = co_await db::InClinic(scope, [&](db::Tx& tx) -> awaitable<Status> {
      security::Record(tx, context, entry);
      co_return Status{};
    });
    if (!recorded) co_return recorded.error();
  }
  co_return Status{};
}

awaitable<Status> RecordFailedPassword(http::Request& request, const std::string& user_id,
                                       const GuessingPolicy& policy) {
  const std::string threshold = std::to_string(policy.lockout_threshold);
  const std::string lockout = std::to_string(policy.lockout.count()) + " minutes";
  bool locked_now = false;
  int failed_attempts = 0;
  auto counted = co_await db::InSignIn([&](db::Tx& tx) -> awaitable<Status> {
    // Locked first, so that of two failures racing only one sees the lock begin.
    auto before = co_await tx.Query(
        "SELECT COALESCE(locked_until > now(), false) FROM account_lockouts WHERE user_id = $1 FOR UPDATE", user_id);
    if (!before) co_return before.error();
    const bool was_locked = !before->empty() && before->Get(0, 0) == "t";
    auto after = co_await tx.Query(
        "INSERT INTO account_lockouts AS l (user_id, failed_attempts, locked_until) "
        "VALUES ($1, 1, CASE WHEN $2::int <= 1 THEN now() + $3::interval END) "
        "ON CONFLICT (user_id) DO UPDATE SET "
        "failed_attempts = CASE WHEN l.locked_until < now() THEN 1 ELSE l.failed_attempts + 1 END, "
        "locked_until = CASE WHEN l.locked_until >= now() THEN l.locked_until "
        "  WHEN (CASE WHEN l.locked_until < now() THEN 1 ELSE l.failed_attempts + 1 END) >= $2::int "
        "  THEN now() + $3::interval END "
        "RETURNING failed_attempts, COALESCE(locked_until > now(), false)",
        user_id, threshold, lockout);
    if (!after) co_return after.error();
    failed_attempts = std::stoi(after->Text(0, 0));
    locked_now = !was_locked && after->Get(0, 1) == "t";
    co_return Status{};
  });
  if (!counted) co_return counted.error();
  if (!locked_now) co_return Status{};
  const security::AuditEntry entry{
      .action = "account.lock", .resource_type = "user", .resource_id = user_id,
      .detail = boost::json::object{{"failed_attempts", failed_attempts},
                                    {"locked_minutes", policy.lockout.count()}}};
  co_return co_await RecordForPerson(request, user_id, entry);
}

awaitable<Status> ClearFailedPasswords(const std::string& user_id) {
  co_return co_await db::InSignIn([&](db::Tx& tx) -> awaitable<Status> {
    tx.Defer("UPDATE account_lockouts SET failed_attempts = 0, locked_until = NULL "
             "WHERE user_id = $1 AND failed_attempts > 0",
             user_id);
    co_return Status{};
  });
}

awaitable<Result<std::size_t>> StrictestPasswordLength(const std::string& user_id) {
  std::size_t length = kMinPasswordChars;
  auto status = co_await db::InSignIn(user_id, [&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await tx.Query(
        "SELECT max(c.min_password_length) FROM memberships m JOIN clinics c ON c.id = m.clinic_id "
        "WHERE m.user_id = $1",
        user_id);
    if (!rows) co_return rows.error();
    if (!rows->empty() && !rows->Get(0, 0).empty()) length = std::stoul(rows->Text(0, 0));
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return length;
}

awaitable<Result<bool>> IsLocked(db::Tx& tx, const std::string& user_id) {
  auto rows = co_await tx.Query("SELECT locked_until > now() FROM account_lockouts WHERE user_id = $1", user_id);
  if (!rows) co_return rows.error();
  co_return !rows->empty() && rows->Get(0, 0) == "t";
}

awaitable<Status> RequireMember(db::Tx& tx, const std::string& clinic_id, const std::string& user_id) {
  auto member = co_await tx.Query("SELECT 1 FROM memberships WHERE clinic_id = $1 AND user_id = $2", clinic_id, user_id);
  if (!member) co_return member.error();
  if (member->empty()) co_return NotFound("no such member of this clinic");
  co_return Status{};
}

}  // namespace consilium::identity
