#include "modules/clinics/clinics.hpp"
#include "modules/keys/keys.hpp"
#include "modules/patients/patients.hpp"
#include "modules/plans/plans.hpp"
#include "modules/plans/repository.hpp"
#include "platform/crypto/random.hpp"
#include "security/audit.hpp"

#include <algorithm>

namespace consilium::plans {
namespace {

using security::AuditEntry;
constexpr std::string_view kResource = "treatment_plan";
constexpr std::string_view kClinicalText[] = {"goals", "steps", "text"};

// The plan's clinical text (goals, steps, an addendum's text) goes into the trail only as fingerprints.
awaitable<Status> Withhold(keys::ClinicalText& text, const Plan& plan, std::optional<boost::json::value>& record) {
  if (!record || !record->is_object()) co_return Status{};
  co_return co_await text.Withhold(plan.patient_id, record->as_object(), kClinicalText);
}

awaitable<Status> RecordAudit(db::Tx& tx, const RequestContext& context, std::string_view action, const Plan& plan,
                              std::optional<boost::json::value> before, std::optional<boost::json::value> after) {
  keys::ClinicalText text(tx, context.principal->clinic_id);
  if (auto withheld = co_await Withhold(text, plan, before); !withheld) co_return withheld.error();
  if (auto withheld = co_await Withhold(text, plan, after); !withheld) co_return withheld.error();
  const AuditEntry entry{.action = action, .resource_type = kResource, .resource_id = plan.id,
                         .patient_id = plan.patient_id, .before = std::move(before), .after = std::move(after)};
  security::Record(tx, context, entry);
  co_return Status{};
}

awaitable<Result<Plan>> LockPlan(db::Tx& tx, const RequestContext& context, const std::string& plan_id) {
  auto plan = co_await repository::Find(tx, context.principal->clinic_id, plan_id, true);
  if (!plan) co_return plan.error();
  if (!*plan) co_return NotFound("treatment plan not found");
  co_return std::move(**plan);
}

awaitable<Status> RequireClinician(db::Tx& tx, const RequestContext& context, const std::string& user_id) {
  auto clinician = co_await clinics::IsClinician(tx, context.principal->clinic_id, user_id);
  if (!clinician) co_return clinician.error();
  if (!*clinician) {
    co_return InvalidArgument("'responsible_clinician_id' must be a practitioner or owner of this clinic");
  }
  co_return Status{};
}

// Who may still change the plan's content, and what to say otherwise.
Status CheckEditable(const RequestContext& context, const Plan& plan) {
  switch (plan.current.state) {
    case PlanState::kDraft:
    case PlanState::kActive: return {};
    case PlanState::kStopped:
      return MakeError(ErrorCode::kConflict, "a stopped plan is read-only; add an addendum to correct it");
    case PlanState::kCompleted:
      if (!plan.edit_window_open) {
        return MakeError(ErrorCode::kConflict, "the plan's edit window has closed; add an addendum to correct it");
      }
      if (context.principal->user_id != plan.current.content.responsible_clinician_id) {
        return MakeError(ErrorCode::kPermissionDenied, "only the responsible clinician may edit a completed plan");
      }
      return {};
  }
  return {};
}

// The plan as this transaction has just written it.
awaitable<Result<Plan>> ReadBack(db::Tx& tx, const RequestContext& context, const std::string& plan_id) {
  auto found = co_await repository::Find(tx, context.principal->clinic_id, plan_id, false);
  if (!found) co_return found.error();
  if (!*found) co_return NotFound("treatment plan not found");
  co_return std::move(**found);
}

// A new current version with `state`, written and read back.
awaitable<Result<Plan>> WriteNext(db::Tx& tx, const RequestContext& context, const Plan& plan, PlanContent content,
                                  PlanState state) {
  const PlanVersion next{plan.current.version + 1, state, std::move(content), context.principal->user_id, ""};
  if (auto written = co_await repository::WriteVersion(tx, context.principal->clinic_id, plan.id, plan.patient_id, next); !written) {
    co_return written.error();
  }
  co_return co_await ReadBack(tx, context, plan.id);
}

// Returns the plan as the change leaves it.
using PlanChangeBody = std::function<awaitable<Result<Plan>>(db::Tx&, const Plan&)>;

// Locks the plan and applies `change`, in one transaction.
awaitable<Result<Plan>> ChangePlan(const RequestContext& context, const std::string& plan_id, PlanChangeBody change) {
  std::optional<Plan> changed;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto plan = co_await LockPlan(tx, context, plan_id);
    if (!plan) co_return plan.error();
    auto after = co_await change(tx, *plan);
    if (!after) co_return after.error();
    changed = std::move(*after);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return std::move(*changed);
}

}  // namespace

awaitable<Result<Plan>> CreatePlan(const RequestContext& context, const std::string& patient_id, const NewPlan& plan) {
  const std::string& clinic_id = context.principal->clinic_id;
  const std::string plan_id = crypto::NewUuidV4();
  std::optional<Plan> created;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto patient = co_await patients::PatientExists(tx, clinic_id, patient_id);
    if (!patient) co_return patient.error();
    if (!*patient) co_return NotFound("patient not found");
    if (auto clinician = co_await RequireClinician(tx, context, plan.content.responsible_clinician_id); !clinician) {
      co_return clinician.error();
    }
    if (plan.decision_item_id) {
      auto decided = co_await repository::DecisionExists(tx, clinic_id, *plan.decision_item_id, patient_id);
      if (!decided) co_return decided.error();
      if (!*decided) co_return InvalidArgument("'decision_item_id' must name an agenda item decided for this patient");
    }
    if (auto inserted = co_await repository::Insert(tx, clinic_id, plan_id, patient_id, plan,
                                                    context.principal->user_id);
        !inserted) {
      co_return inserted.error();
    }
    auto written = co_await ReadBack(tx, context, plan_id);
    if (!written) co_return written.error();
    created = std::move(*written);
    std::optional<boost::json::value> after = ToJson(created->current);
    co_return co_await RecordAudit(tx, context, "plan.create", *created, std::nullopt, std::move(after));
  });
  if (!status) co_return status.error();
  co_return std::move(*created);
}

awaitable<Result<Plan>> GetPlan(const RequestContext& context, const std::string& plan_id) {
  std::optional<Plan> found;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto plan = co_await repository::Find(tx, context.principal->clinic_id, plan_id, false);
    if (!plan) co_return plan.error();
    if (!*plan) co_return NotFound("treatment plan not found");
    found = std::move(*plan);
    const AuditEntry entry{.action = "plan.read", .resource_type = kResource, .resource_id = plan_id,
                           .patient_id = found->patient_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return std::move(*found);
}

awaitable<Result<std::vector<Plan>>> PatientPlans(const RequestContext& context, const std::string& patient_id) {
  std::vector<Plan> plans;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto patient = co_await patients::PatientExists(tx, context.principal->clinic_id, patient_id);
    if (!patient) co_return patient.error();
    if (!*patient) co_return NotFound("patient not found");
    auto rows = co_await repository::ListForPatient(tx, context.principal->clinic_id, patient_id);
    if (!rows) co_return rows.error();
    plans = std::move(*rows);
    const AuditEntry entry{.action = "plan.read", .resource_type = kResource, .patient_id = patient_id,
                           .detail = boost::json::object{{"returned", plans.size()}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return plans;
}

awaitable<Result<Plan>> UpdatePlan(const RequestContext& context, const std::string& plan_id,
                                   const PlanChange& change, std::optional<int> expected_version) {
  co_return co_await ChangePlan(context, plan_id, [&](db::Tx& tx, const Plan& plan) -> awaitable<Result<Plan>> {
    if (expected_version && *expected_version != plan.current.version) {
      co_return MakeError(ErrorCode::kPreconditionFailed, "the plan changed since you read it (now version " +
                                                              std::to_string(plan.current.version) + ")");
    }
    if (auto editable = CheckEditable(context, plan); !editable) co_return editable.error();
    PlanContent content = plan.current.content;
    if (!Apply(content, change)) {
      // Nothing to change is still a request that succeeded: recorded, with no difference.
      std::optional<boost::json::value> nothing = boost::json::object{};
      if (auto recorded = co_await RecordAudit(tx, context, "plan.update", plan, nothing, nothing); !recorded) {
        co_return recorded.error();
      }
      co_return plan;
    }
    if (auto dates = CheckDates(content); !dates) co_return dates.error();
    if (change.responsible_clinician_id) {
      if (auto clinician = co_await RequireClinician(tx, context, content.responsible_clinician_id); !clinician) {
        co_return clinician.error();
      }
    }
    auto next = co_await WriteNext(tx, context, plan, content, plan.current.state);
    if (!next) co_return next.error();
    std::optional<boost::json::value> before = ToJson(plan.current);
    std::optional<boost::json::value> after = ToJson(next->current);
    if (auto recorded = co_await RecordAudit(tx, context, "plan.update", plan, std::move(before), std::move(after));
        !recorded) {
      co_return recorded.error();
    }
    co_return next;
  });
}

awaitable<Result<Plan>> TransitionPlan(const RequestContext& context, const std::string& plan_id, PlanState to) {
  co_return co_await ChangePlan(context, plan_id, [&](db::Tx& tx, const Plan& plan) -> awaitable<Result<Plan>> {
    const auto next_states = NextPlanStates(plan.current.state);
    if (std::find(next_states.begin(), next_states.end(), to) == next_states.end()) {
      co_return MakeError(ErrorCode::kConflict, "a " + std::string(PlanStateName(plan.current.state)) +
                                                    " plan cannot become " + std::string(PlanStateName(to)));
    }
    auto next = co_await WriteNext(tx, context, plan, plan.current.content, to);
    if (!next) co_return next.error();
    std::optional<boost::json::value> before = boost::json::object{{"state", PlanStateName(plan.current.state)}};
    std::optional<boost::json::value> after =
        boost::json::object{{"state", PlanStateName(to)}, {"version", next->current.version}};
    if (auto recorded = co_await RecordAudit(tx, context, "plan.transition", plan, std::move(before), std::move(after));
        !recorded) {
      co_return recorded.error();
    }
    co_return next;
  });
}

awaitable<Result<std::vector<PlanVersion>>> PlanVersions(const RequestContext& context, const std::string& plan_id,
                                                         std::optional<int> version) {
  std::vector<PlanVersion> versions;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto plan = co_await repository::Find(tx, context.principal->clinic_id, plan_id, false);
    if (!plan) co_return plan.error();
    if (!*plan) co_return NotFound("treatment plan not found");
    auto rows = co_await repository::Versions(tx, context.principal->clinic_id, plan_id, version);
    if (!rows) co_return rows.error();
    if (rows->empty()) co_return NotFound("no such version of this plan");
    versions = std::move(*rows);
    if (auto recorded = co_await RecordAudit(tx, context, "plan.read", **plan, std::nullopt, std::nullopt); !recorded) {
      co_return recorded.error();
    }
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return versions;
}

awaitable<Result<Plan>> AddAddendum(const RequestContext& context, const std::string& plan_id,
                                    const std::string& text) {
  co_return co_await ChangePlan(context, plan_id, [&](db::Tx& tx, const Plan& plan) -> awaitable<Result<Plan>> {
    const bool read_only = plan.current.state == PlanState::kStopped ||
                           (plan.current.state == PlanState::kCompleted && !plan.edit_window_open);
    if (!read_only) co_return MakeError(ErrorCode::kConflict, "the plan can still be edited; change it instead");
    const Addendum addendum{crypto::NewUuidV4(), text, context.principal->user_id, ""};
    if (auto written = co_await repository::InsertAddendum(tx, context.principal->clinic_id, plan.id, plan.patient_id,
                                                               addendum);
        !written) {
      co_return written.error();
    }
    std::optional<boost::json::value> after = ToJson(addendum);
    if (auto recorded = co_await RecordAudit(tx, context, "plan.addendum", plan, std::nullopt, std::move(after));
        !recorded) {
      co_return recorded.error();
    }
    co_return co_await ReadBack(tx, context, plan.id);
  });
}

}  // namespace consilium::plans
