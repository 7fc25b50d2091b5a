#include "security/audit.hpp"

#include "platform/crypto/random.hpp"
#include "platform/db/array_literal.hpp"

#include <boost/json/serialize.hpp>

namespace consilium::security {
namespace {

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kSuccess: return "success";
    case Outcome::kDenied: return "denied";
    case Outcome::kNotFound: return "not_found";
    case Outcome::kFailure: return "failure";
  }
  return "failure";
}

db::Param Json(const std::optional<boost::json::value>& value) {
  if (!value) return std::nullopt;
  return boost::json::serialize(*value);
}

db::Param NonEmpty(std::string_view text) {
  if (text.empty()) return std::nullopt;
  return std::string(text);
}

}  // namespace

void Record(db::Tx& tx, const RequestContext& context, const AuditEntry& entry) {
  const Principal& principal = *context.principal;
  // No user means an operator at the command line: no actor, no role.
  const bool operator_action = principal.user_id.empty();
  const db::Param actor = NonEmpty(principal.user_id);
  db::Param role;
  if (!operator_action) role = std::string(RoleName(principal.role));
  db::Param meeting_role;
  if (context.meeting_grant) meeting_role = std::string(MeetingRoleName(*context.meeting_grant));
  const std::string action(entry.action);
  const std::string outcome(OutcomeName(entry.outcome));
  const std::string resource_type(entry.resource_type);
  const db::Param before = Json(entry.before);
  const db::Param after = Json(entry.after);
  const db::Param detail = Json(entry.detail);
  const db::Param ip = NonEmpty(context.request.remote_ip);
  const db::Param user_agent = NonEmpty(context.request.user_agent);
  db::Param patient_ids;
  if (entry.patient_ids) patient_ids = db::ArrayLiteral(*entry.patient_ids);
  tx.Defer(
      "INSERT INTO audit_events (clinic_id, actor_user_id, clinic_role, action, outcome, resource_type, resource_id, "
      "patient_id, before, after, detail, ip, user_agent, request_id, meeting_role, "
      "patient_ids) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::meeting_role, $16::uuid[])",
      principal.clinic_id, actor, role, action, outcome, resource_type, entry.resource_id, entry.patient_id, before,
      after, detail, ip, user_agent, context.request.request_id, meeting_role, patient_ids);
}

boost::asio::awaitable<Status> RecordDenied(const RequestContext& context, std::string_view action) {
  co_return co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> boost::asio::awaitable<Status> {
    const AuditEntry entry{.action = action, .outcome = Outcome::kDenied, .resource_type = "route"};
    Record(tx, context, entry);
    co_return Status{};
  });
}

boost::asio::awaitable<Status> RecordFailed(const RequestContext& context, std::string_view action,
                                            const Error& error) {
  boost::json::object params;
  std::optional<std::string> resource_id;
  for (const auto& [name, value] : context.params) {
    params[name] = value;
    if (!resource_id && crypto::IsCanonicalUuid(value)) resource_id = value;
  }
  const AuditEntry entry{.action = action,
                         .outcome = error.code == ErrorCode::kNotFound ? Outcome::kNotFound : Outcome::kFailure,
                         .resource_type = "route",
                         .resource_id = resource_id,
                         .detail = boost::json::object{{"status", HttpStatusOf(error.code)},
                                                       {"code", SlugOf(error.code)},
                                                       {"params", std::move(params)}}};
  co_return co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> boost::asio::awaitable<Status> {
    Record(tx, context, entry);
    co_return Status{};
  });
}

}  // namespace consilium::security
