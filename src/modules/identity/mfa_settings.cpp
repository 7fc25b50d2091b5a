// A signed-in person's own authenticator, and an administrator's reset.
#include "modules/identity/identity.hpp"
#include "modules/identity/people.hpp"
#include "security/audit.hpp"

namespace consilium::identity {
namespace {

using security::AuditEntry;
using security::RequestContext;

constexpr std::string_view kUserResource = "user";

Error WrongCode() { return InvalidArgument("the code is not correct"); }

}  // namespace

awaitable<Result<MfaStatus>> OwnMfaStatus(const RequestContext& context) {
  MfaStatus status;
  auto read = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto mfa = co_await ReadMfa(tx, context.principal->user_id);
    if (!mfa) co_return mfa.error();
    status = *mfa;
    // Required of the person, or by the clinic they are working in.
    auto clinic = co_await tx.Query("SELECT mfa_required FROM clinics WHERE id = $1", context.principal->clinic_id);
    if (!clinic) co_return clinic.error();
    status.required = status.required || (!clinic->empty() && clinic->Get(0, 0) == "t");
    const AuditEntry entry{.action = "mfa.read", .resource_type = kUserResource,
                           .resource_id = context.principal->user_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!read) co_return read.error();
  co_return status;
}

awaitable<Result<TotpEnrolment>> BeginOwnEnrolment(const RequestContext& context, const IdentityServices& services,
                                                   const std::string& password) {
  const std::string& user_id = context.principal->user_id;
  auto email = co_await CheckOwnPassword(context, services, password);
  if (!email) co_return email.error();
  TotpEnrolment enrolment;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto begun = co_await BeginTotpEnrolment(tx, services.secrets, user_id, *email);
    if (!begun) co_return begun.error();
    enrolment = std::move(*begun);
    const AuditEntry entry{.action = "mfa.enrol", .resource_type = kUserResource, .resource_id = user_id,
                           .detail = boost::json::object{{"step", "begin"}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return enrolment;
}

awaitable<Result<std::vector<std::string>>> ConfirmOwnEnrolment(const RequestContext& context,
                                                                const IdentityServices& services,
                                                                const std::string& code) {
  const std::string& user_id = context.principal->user_id;
  SpentFactor spent;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto mfa = co_await ReadMfa(tx, user_id);
    if (!mfa) co_return mfa.error();
    if (mfa->state == MfaState::kActive) co_return MakeError(ErrorCode::kConflict, "an authenticator app is already set up");
    const SecondFactor factor{false, code};
    auto checked = co_await SpendSecondFactor(tx, services.secrets, user_id, factor);
    if (!checked) co_return checked.error();
    if (!checked->accepted) co_return WrongCode();
    spent = std::move(*checked);
    const AuditEntry entry{.action = "mfa.enrol", .resource_type = kUserResource, .resource_id = user_id,
                           .detail = boost::json::object{{"step", "confirm"}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return std::move(spent.new_recovery_codes);
}

awaitable<Result<std::vector<std::string>>> RenewRecoveryCodes(const RequestContext& context,
                                                               const IdentityServices& services,
                                                               const std::string& code) {
  const std::string& user_id = context.principal->user_id;
  std::vector<std::string> codes;
  bool wrong_code = false;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    // Wrong codes lock the account, and a locked account takes no more: a
    // stolen session cannot guess its way to new recovery codes.
    auto locked = co_await IsLocked(tx, user_id);
    if (!locked) co_return locked.error();
    if (*locked) co_return MakeError(ErrorCode::kPermissionDenied, "this account is locked after repeated wrong codes");
    auto mfa = co_await ReadMfa(tx, user_id);
    if (!mfa) co_return mfa.error();
    if (mfa->state != MfaState::kActive) co_return MakeError(ErrorCode::kConflict, "no authenticator app is set up");
    const SecondFactor factor{false, code};
    auto checked = co_await SpendSecondFactor(tx, services.secrets, user_id, factor);
    if (!checked) co_return checked.error();
    wrong_code = !checked->accepted;
    if (wrong_code) co_return WrongCode();
    codes = ReplaceRecoveryCodes(tx, user_id);
    const AuditEntry entry{.action = "mfa.recovery_codes.renew", .resource_type = kUserResource,
                           .resource_id = user_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (wrong_code) {
    auto counted = co_await RecordFailedPassword(context.request, user_id, services.guessing);
    if (!counted) co_return counted.error();
  }
  if (!status) co_return status.error();
  co_return codes;
}

awaitable<Status> ResetMemberMfa(const RequestContext& context, const std::string& user_id) {
  co_return co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    if (auto member = co_await RequireMember(tx, context.principal->clinic_id, user_id); !member) {
      co_return member.error();
    }
    QueueMfaReset(tx, user_id);
    const AuditEntry entry{.action = "user.mfa.reset", .resource_type = kUserResource, .resource_id = user_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
}

}  // namespace consilium::identity
