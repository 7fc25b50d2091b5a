#include "modules/plans/model.hpp"

#include "platform/json/fields.hpp"


namespace consilium::plans {
namespace {

constexpr std::string_view kStateNames[] = {"draft", "active", "completed", "stopped"};
constexpr PlanState kFromDraft[] = {PlanState::kActive, PlanState::kStopped};
constexpr PlanState kFromActive[] = {PlanState::kCompleted, PlanState::kStopped};
constexpr std::size_t kMaxSteps = 100;

boost::json::value Nullable(const std::optional<std::string>& text) {
  if (text) return boost::json::string(*text);
  return nullptr;
}

// Absent -> nullopt; null -> a cleared date; a string -> a YYYY-MM-DD date.
Result<std::optional<std::optional<std::string>>> OptionalDate(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value) return std::optional<std::optional<std::string>>{};
  if (value->is_null()) return std::optional<std::optional<std::string>>(std::optional<std::string>{});
  if (!value->is_string() || !json::IsIsoDate(value->as_string())) {
    return InvalidArgument("'" + std::string(key) + "' must be a date YYYY-MM-DD or null");
  }
  return std::optional<std::optional<std::string>>(std::string(value->as_string()));
}

Result<boost::json::array> ParseSteps(const boost::json::value& value) {
  const Error bad = InvalidArgument("'steps' must be up to 100 objects {\"description\", \"due_date\"?}");
  if (!value.is_array() || value.as_array().size() > kMaxSteps) return bad;
  boost::json::array steps;
  for (const auto& step : value.as_array()) {
    if (!step.is_object()) return bad;
    if (auto known = json::CheckKnownFields(step.as_object(), {"description", "due_date"}); !known) return bad;
    auto description = json::RequiredText(step.as_object(), "description", {1, 2000});
    if (!description) return description.error();
    auto due = OptionalDate(step.as_object(), "due_date");
    if (!due) return due.error();
    boost::json::object out{{"description", *description}};
    if (*due && **due) out["due_date"] = ***due;
    steps.push_back(std::move(out));
  }
  return steps;
}

Result<PlanChange> ParseFields(const boost::json::object& object) {
  PlanChange change;
  auto goals = json::OptionalText(object, "goals", {1, 10000});
  if (!goals) return goals.error();
  change.goals = std::move(*goals);
  if (const auto* steps = object.if_contains("steps")) {
    auto parsed = ParseSteps(*steps);
    if (!parsed) return parsed.error();
    change.steps = std::move(*parsed);
  }
  auto start = OptionalDate(object, "start_date");
  if (!start) return start.error();
  change.start_date = std::move(*start);
  auto end = OptionalDate(object, "end_date");
  if (!end) return end.error();
  change.end_date = std::move(*end);
  auto clinician = json::OptionalText(object, "responsible_clinician_id", {1, 64});
  if (!clinician) return clinician.error();
  if (*clinician) {
    auto id = json::ParseId(**clinician, "'responsible_clinician_id'");
    if (!id) return id.error();
    change.responsible_clinician_id = std::move(*id);
  }
  return change;
}

}  // namespace

std::string_view PlanStateName(PlanState state) { return kStateNames[static_cast<int>(state)]; }

std::optional<PlanState> ParsePlanState(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kStateNames); ++i) {
    if (kStateNames[i] == name) return static_cast<PlanState>(i);
  }
  return std::nullopt;
}

std::span<const PlanState> NextPlanStates(PlanState from) {
  if (from == PlanState::kDraft) return kFromDraft;
  if (from == PlanState::kActive) return kFromActive;
  return {};
}

boost::json::object ToJson(const PlanVersion& version) {
  const PlanContent& content = version.content;
  return {{"version", version.version},
          {"state", PlanStateName(version.state)},
          {"goals", content.goals},
          {"steps", content.steps},
          {"start_date", Nullable(content.start_date)},
          {"end_date", Nullable(content.end_date)},
          {"responsible_clinician_id", content.responsible_clinician_id},
          {"changed_by", version.changed_by},
          {"changed_at", version.changed_at}};
}

boost::json::object ToJson(const Addendum& addendum) {
  return {{"id", addendum.id},
          {"text", addendum.text},
          {"author_id", addendum.author_id},
          {"created_at", addendum.created_at}};
}

boost::json::object ToJson(const Plan& plan) {
  boost::json::object out = ToJson(plan.current);
  boost::json::array next;
  for (PlanState state : NextPlanStates(plan.current.state)) next.push_back(boost::json::string(PlanStateName(state)));
  boost::json::array addenda;
  for (const auto& addendum : plan.addenda) addenda.push_back(ToJson(addendum));
  out["id"] = plan.id;
  out["patient_id"] = plan.patient_id;
  out["decision_item_id"] = Nullable(plan.decision_item_id);
  out["allowed_transitions"] = std::move(next);
  out["completed_at"] = Nullable(plan.completed_at);
  out["edit_window_closes_at"] = Nullable(plan.edit_window_closes_at);
  out["addenda"] = std::move(addenda);
  return out;
}

Result<NewPlan> ParseNewPlan(std::string_view body) {
  auto object = json::ParseObject(body);
  if (!object) return object.error();
  if (auto known = json::CheckKnownFields(*object, {"goals", "steps", "start_date", "end_date",
                                                    "responsible_clinician_id", "decision_item_id"});
      !known) {
    return known.error();
  }
  auto fields = ParseFields(*object);
  if (!fields) return fields.error();
  if (!fields->goals) return InvalidArgument("'goals' is required");
  if (!fields->responsible_clinician_id) return InvalidArgument("'responsible_clinician_id' is required");
  NewPlan plan;
  plan.content.goals = std::move(*fields->goals);
  plan.content.steps = fields->steps.value_or(boost::json::array());
  plan.content.start_date = fields->start_date.value_or(std::nullopt);
  plan.content.end_date = fields->end_date.value_or(std::nullopt);
  plan.content.responsible_clinician_id = std::move(*fields->responsible_clinician_id);
  if (auto dates = CheckDates(plan.content); !dates) return dates.error();
  auto decision = json::OptionalText(*object, "decision_item_id", {1, 64});
  if (!decision) return decision.error();
  if (*decision) {
    auto id = json::ParseId(**decision, "'decision_item_id'");
    if (!id) return id.error();
    plan.decision_item_id = std::move(*id);
  }
  return plan;
}

Result<PlanChange> ParsePlanChange(std::string_view body) {
  auto object = json::ParseObject(body);
  if (!object) return object.error();
  if (auto known = json::CheckKnownFields(*object, {"goals", "steps", "start_date", "end_date",
                                                    "responsible_clinician_id"});
      !known) {
    return known.error();
  }
  return ParseFields(*object);
}

Status CheckDates(const PlanContent& content) {
  // ISO dates order as text.
  if (content.start_date && content.end_date && *content.end_date < *content.start_date) {
    return InvalidArgument("'end_date' must not be before 'start_date'");
  }
  return {};
}

bool Apply(PlanContent& content, const PlanChange& change) {
  const PlanContent before = content;
  if (change.goals) content.goals = *change.goals;
  if (change.steps) content.steps = *change.steps;
  if (change.start_date) content.start_date = *change.start_date;
  if (change.end_date) content.end_date = *change.end_date;
  if (change.responsible_clinician_id) content.responsible_clinician_id = *change.responsible_clinician_id;
  return content.goals != before.goals || content.steps != before.steps || content.start_date != before.start_date ||
         content.end_date != before.end_date || content.responsible_clinician_id != before.responsible_clinician_id;
}

}  // namespace consilium::plans
