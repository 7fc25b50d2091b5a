#include "modules/identity/identity.hpp"
#include "modules/identity/people.hpp"
#include "platform/crypto/encoding.hpp"
#include "platform/crypto/hash.hpp"
#include "platform/crypto/password.hpp"
#include "platform/crypto/random.hpp"
#include "security/audit.hpp"

namespace consilium::identity {
namespace {

using security::ClinicRole;
using security::RequestContext;

constexpr std::size_t kChallengeTokenBytes = 32;
constexpr int kChallengeAttempts = 5;

Error WrongCredentials() {
  return MakeError(ErrorCode::kUnauthenticated, "email or password is incorrect");
}

Error ChallengeExpired() {
  return MakeError(ErrorCode::kUnauthenticated, "this sign-in has expired; start again with your password");
}

Error Throttled(std::chrono::seconds wait) {
  Error error = MakeError(ErrorCode::kTooManyRequests, "too many failed sign-ins from your network; try again later");
  error.retry_after_seconds = static_cast<int>(wait.count());
  return error;
}

std::string HashChallenge(std::string_view token) { return crypto::HexEncode(crypto::Sha256(token)); }

// A refused sign-in of a known person: why, in each of their clinics.
awaitable<Status> RecordRefusal(http::Request& request, const std::string& user_id, std::string_view reason) {
  const security::AuditEntry entry{.action = "session.create", .outcome = security::Outcome::kFailure,
                                   .resource_type = "session", .detail = boost::json::object{{"reason", reason}}};
  co_return co_await RecordForPerson(request, user_id, entry);
}

// Why a known person with this password may not sign in, if they may not.
std::optional<std::string_view> RefusalReason(const Person& person, bool password_matches) {
  if (!password_matches) return "wrong_password";
  if (person.disabled) return "account_disabled";
  if (person.locked) return "account_locked";
  return std::nullopt;
}

// The wanted clinic, or the first one when none is named.
Result<std::size_t> ChooseClinic(const std::vector<Membership>& memberships,
                                 const std::optional<std::string>& clinic_id) {
  for (std::size_t i = 0; i < memberships.size(); ++i) {
    if (!clinic_id || *clinic_id == memberships[i].clinic_id) return i;
  }
  return MakeError(ErrorCode::kPermissionDenied,
                   clinic_id ? "you are not a member of that clinic" : "you are not a member of any clinic");
}

SignedIn Describe(const Person& person, const std::vector<Membership>& memberships, std::size_t chosen,
                  bool multi_factor) {
  SignedIn signed_in{{person.id, memberships[chosen].clinic_id, memberships[chosen].role, crypto::NewUuidV4(),
                      multi_factor},
                     person.email, person.display_name, MembershipsJson(memberships), {}, {}};
  return signed_in;
}

// The sign-in's clinic, without a session check: this transaction creates the session.
db::TenantScope SignInScope(const SignedIn& signed_in) {
  return {signed_in.principal.clinic_id, signed_in.principal.user_id, ""};
}

void QueueSession(db::Tx& tx, const RequestContext& context, const IdentityServices& services, SignedIn& signed_in) {
  signed_in.refresh_token = StartSession(tx, context, services.sessions);
  const security::AuditEntry entry{
      .action = "session.create", .resource_type = "session", .resource_id = signed_in.principal.session_id,
      .detail = boost::json::object{{"second_factor", signed_in.principal.multi_factor}}};
  security::Record(tx, context, entry);
}

awaitable<Result<std::string>> CreateChallenge(const std::string& user_id, const std::string& clinic_id) {
  std::string token = crypto::RandomToken(kChallengeTokenBytes);
  const std::string lifetime = std::to_string(kMfaChallengeLifetime.count()) + " minutes";
  auto created = co_await db::InSignIn([&](db::Tx& tx) -> awaitable<Status> {
    tx.Defer("DELETE FROM mfa_challenges WHERE user_id = $1 AND expires_at < now()", user_id);
    tx.Defer("INSERT INTO mfa_challenges (token_hash, user_id, chosen_clinic_id, expires_at) "
             "VALUES ($1, $2, $3, now() + $4::interval)",
             HashChallenge(token), user_id, clinic_id, lifetime);
    co_return Status{};
  });
  if (!created) co_return created.error();
  co_return token;
}

struct Challenge {
  Person person;
  std::string clinic_id;
};

// A challenge still usable: not expired, not worn out by wrong codes, its
// person neither disabled nor locked (a refusal of a known person is recorded).
awaitable<Result<Challenge>> FindChallenge(http::Request& request, const std::string& token_hash) {
  std::optional<Challenge> challenge;
  auto status = co_await db::InSignIn([&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await tx.Query(
        "SELECT u.id, u.display_name, u.email, COALESCE(l.locked_until > now(), false), ch.chosen_clinic_id, "
        "u.disabled "
        "FROM mfa_challenges ch JOIN users u ON u.id = ch.user_id "
        "LEFT JOIN account_lockouts l ON l.user_id = u.id "
        "WHERE ch.token_hash = $1 AND ch.expires_at > now() AND ch.failed_attempts < $2::int",
        token_hash, std::to_string(kChallengeAttempts));
    if (!rows) co_return rows.error();
    if (rows->empty()) co_return Status{};
    Person person{rows->Text(0, 0), rows->Text(0, 1), rows->Text(0, 2)};
    person.locked = rows->Get(0, 3) == "t";
    person.disabled = rows->Get(0, 5) == "t";
    challenge = Challenge{std::move(person), rows->Text(0, 4)};
    co_return Status{};
  });
  if (!status) co_return status.error();
  if (!challenge) co_return ChallengeExpired();
  const auto refused = RefusalReason(challenge->person, true);
  if (!refused) co_return std::move(*challenge);
  if (auto recorded = co_await RecordRefusal(request, challenge->person.id, *refused); !recorded) {
    co_return recorded.error();
  }
  if (challenge->person.disabled) co_return ChallengeExpired();
  co_return MakeError(ErrorCode::kUnauthenticated,
                      "this account is locked after repeated failed sign-ins; try again later or ask an "
                      "administrator to unlock it");
}

// The challenge's person and clinic, as a sign-in with a second factor would describe them.
awaitable<Result<SignedIn>> DescribeChallenge(const Challenge& challenge) {
  auto memberships = co_await Memberships(challenge.person.id);
  if (!memberships) co_return memberships.error();
  auto chosen = ChooseClinic(*memberships, challenge.clinic_id);
  if (!chosen) co_return ChallengeExpired();
  co_return Describe(challenge.person, *memberships, *chosen, true);
}

}  // namespace

awaitable<Result<std::variant<SignedIn, MfaChallenge>>> SignIn(http::Request& request,
                                                                const IdentityServices& services,
                                                                const std::string& email, const std::string& password,
                                                                const std::optional<std::string>& clinic_id) {
  if (const auto wait = services.throttle.WaitFor(request.remote_ip); wait.count() > 0) co_return Throttled(wait);
  auto person = co_await FindPerson(email);
  if (!person) co_return person.error();
  const bool known = person->has_value() && !(*person)->password_hash.empty();
  // Unknown people cost the same bcrypt work as known ones.
  std::string stored_hash = crypto::DummyPasswordHash();
  if (known) stored_hash = (*person)->password_hash;
  auto matches = co_await services.passwords.Verify(password, std::move(stored_hash));
  if (!matches) co_return matches.error();
  if (!known) {
    // Nobody to record it against, in no clinic: the address is only throttled.
    services.throttle.RecordFailure(request.remote_ip);
    co_return WrongCredentials();
  }
  const Person& who = **person;
  if (const auto refused = RefusalReason(who, *matches)) {
    services.throttle.RecordFailure(request.remote_ip);
    if (auto recorded = co_await RecordRefusal(request, who.id, *refused); !recorded) co_return recorded.error();
    if (!*matches) {
      auto counted = co_await RecordFailedPassword(request, who.id, services.guessing);
      if (!counted) co_return counted.error();
    }
    co_return WrongCredentials();
  }
  auto memberships = co_await Memberships(who.id);
  if (!memberships) co_return memberships.error();
  auto chosen = ChooseClinic(*memberships, clinic_id);
  if (!chosen) {
    if (auto recorded = co_await RecordRefusal(request, who.id, "no_membership"); !recorded) co_return recorded.error();
    co_return chosen.error();
  }

  if (who.mfa_active || who.mfa_required || (*memberships)[*chosen].mfa_required) {
    // Failed attempts are cleared only by a complete sign-in, so that
    // alternating passwords and codes cannot guess codes without limit.
    auto token = co_await CreateChallenge(who.id, (*memberships)[*chosen].clinic_id);
    if (!token) co_return token.error();
    MfaChallenge challenge{MfaChallenge::Next::kEnrolment, std::move(*token)};
    if (who.mfa_active) challenge.next = MfaChallenge::Next::kCode;
    // The password was right: a second factor that never follows is worth seeing.
    const SignedIn pending = Describe(who, *memberships, *chosen, false);
    const RequestContext context{request, pending.principal, {}};
    const security::AuditEntry entry{
        .action = "session.challenge", .resource_type = "session",
        .detail = boost::json::object{{"next", who.mfa_active ? "mfa_code" : "mfa_enrolment"}}};
    auto recorded = co_await db::InClinic(SignInScope(pending), [&](db::Tx& tx) -> awaitable<Status> {
      security::Record(tx, context, entry);
      co_return Status{};
    });
    if (!recorded) co_return recorded.error();
    co_return challenge;
  }
  if (auto cleared = co_await ClearFailedPasswords(who.id); !cleared) co_return cleared.error();
  SignedIn signed_in = Describe(who, *memberships, *chosen, false);
  RequestContext context{request, signed_in.principal, {}};
  auto opened = co_await db::InClinic(SignInScope(signed_in), [&](db::Tx& tx) -> awaitable<Status> {
    QueueSession(tx, context, services, signed_in);
    co_return Status{};
  });
  if (!opened) co_return opened.error();
  co_return signed_in;
}

awaitable<Result<SignedIn>> CompleteSignIn(http::Request& request, const IdentityServices& services,
                                           const std::string& mfa_token, const SecondFactor& factor) {
  if (const auto wait = services.throttle.WaitFor(request.remote_ip); wait.count() > 0) co_return Throttled(wait);
  const std::string token_hash = HashChallenge(mfa_token);
  auto challenge = co_await FindChallenge(request, token_hash);
  if (!challenge) co_return challenge.error();
  auto signed_in = co_await DescribeChallenge(*challenge);
  if (!signed_in) co_return signed_in.error();
  RequestContext context{request, signed_in->principal, {}};
  SpentFactor spent;
  auto status = co_await db::InClinic(SignInScope(*signed_in), [&](db::Tx& tx) -> awaitable<Status> {
    auto checked = co_await SpendSecondFactor(tx, services.secrets, signed_in->principal.user_id, factor);
    if (!checked) co_return checked.error();
    spent = std::move(*checked);
    if (!spent.accepted) {
      tx.Defer("UPDATE mfa_challenges SET failed_attempts = failed_attempts + 1 WHERE token_hash = $1", token_hash);
      const security::AuditEntry entry{.action = "session.create", .outcome = security::Outcome::kFailure,
                                       .resource_type = "session",
                                       .detail = boost::json::object{{"reason", "wrong_second_factor"}}};
      security::Record(tx, context, entry);
      co_return Status{};
    }
    // Spent exactly once, even by two requests racing with different codes.
    auto deleted = co_await tx.Query("DELETE FROM mfa_challenges WHERE token_hash = $1", token_hash);
    if (!deleted) co_return deleted.error();
    if (deleted->Affected() != 1) co_return ChallengeExpired();
    QueueSession(tx, context, services, *signed_in);
    co_return Status{};
  });
  if (!status) co_return status.error();
  if (!spent.accepted) {
    services.throttle.RecordFailure(request.remote_ip);
    auto counted = co_await RecordFailedPassword(request, signed_in->principal.user_id, services.guessing);
    if (!counted) co_return counted.error();
    co_return MakeError(ErrorCode::kUnauthenticated, "the code is not correct");
  }
  if (auto cleared = co_await ClearFailedPasswords(signed_in->principal.user_id); !cleared) co_return cleared.error();
  signed_in->recovery_codes = std::move(spent.new_recovery_codes);
  co_return std::move(*signed_in);
}

awaitable<Result<TotpEnrolment>> BeginSignInEnrolment(http::Request& request, const IdentityServices& services,
                                                      const std::string& mfa_token) {
  if (const auto wait = services.throttle.WaitFor(request.remote_ip); wait.count() > 0) co_return Throttled(wait);
  const std::string token_hash = HashChallenge(mfa_token);
  auto challenge = co_await FindChallenge(request, token_hash);
  if (!challenge) co_return challenge.error();
  auto signed_in = co_await DescribeChallenge(*challenge);
  if (!signed_in) co_return signed_in.error();
  RequestContext context{request, signed_in->principal, {}};
  TotpEnrolment enrolment;
  auto status = co_await db::InClinic(SignInScope(*signed_in), [&](db::Tx& tx) -> awaitable<Status> {
    auto begun = co_await BeginTotpEnrolment(tx, services.secrets, challenge->person.id, challenge->person.email);
    if (!begun) co_return begun.error();
    enrolment = std::move(*begun);
    const security::AuditEntry entry{.action = "mfa.enrol", .resource_type = "user",
                                     .resource_id = challenge->person.id,
                                     .detail = boost::json::object{{"step", "begin"}, {"at_sign_in", true}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return enrolment;
}

}  // namespace consilium::identity
