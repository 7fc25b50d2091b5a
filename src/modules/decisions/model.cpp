#include "modules/decisions/model.hpp"

#include "platform/json/fields.hpp"

#include <algorithm>

namespace consilium::decisions {
namespace {

constexpr std::string_view kOutcomes[] = {"surgery",          "chemotherapy",         "radiotherapy",
                                          "chemoradiotherapy", "systemic_therapy",     "surveillance",
                                          "further_investigation", "best_supportive_care", "standard_of_care",
                                          "other"};
constexpr std::string_view kResolutions[] = {"resolved", "deferred", "awaiting_investigation"};

template <std::size_t N>
bool OneOf(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

boost::json::value Nullable(const std::optional<std::string>& text) {
  if (text) return boost::json::string(*text);
  return nullptr;
}

}  // namespace

boost::json::object ToJson(const Version& version) {
  boost::json::array present;
  for (const auto& id : version.present) present.push_back(boost::json::string(id));
  const DecisionInput& input = version.input;
  return {{"agenda_item_id", version.agenda_item_id},
          {"meeting_id", version.meeting_id},
          {"patient_id", version.patient_id},
          {"version", version.version},
          {"outcome", input.outcome},
          {"outcome_detail", input.outcome_detail},
          {"rationale", input.rationale},
          {"resolution", input.resolution},
          {"trial_considered", input.trial_considered},
          {"trial_name", Nullable(input.trial_name)},
          {"responsible_clinician_id", input.responsible_clinician_id},
          {"change_reason", Nullable(input.reason)},
          {"present", std::move(present)},
          {"quorate", version.quorate},
          {"recorded_by", version.recorded_by},
          {"recorded_at", version.recorded_at},
          {"signed_by", Nullable(version.signed_by)},
          {"signed_at", Nullable(version.signed_at)}};
}

Result<DecisionInput> ParseDecision(std::string_view body) {
  auto object = json::ParseObject(body);
  if (!object) return object.error();
  if (auto known = json::CheckKnownFields(*object, {"outcome", "outcome_detail", "rationale", "resolution",
                                                    "trial_considered", "trial_name", "responsible_clinician_id",
                                                    "reason"});
      !known) {
    return known.error();
  }
  DecisionInput input;
  auto outcome = json::RequiredText(*object, "outcome", {1, 32});
  if (!outcome) return outcome.error();
  if (!OneOf(kOutcomes, *outcome)) return InvalidArgument("'outcome' is not one of the decision outcomes");
  input.outcome = std::move(*outcome);
  auto detail = json::OptionalText(*object, "outcome_detail", {0, 2000});
  if (!detail) return detail.error();
  input.outcome_detail = detail->value_or("");
  if (input.outcome == "other" && input.outcome_detail.empty()) {
    return InvalidArgument("an 'other' outcome needs 'outcome_detail'");
  }
  auto rationale = json::RequiredText(*object, "rationale", {1, 10000});
  if (!rationale) return rationale.error();
  input.rationale = std::move(*rationale);
  auto resolution = json::OptionalText(*object, "resolution", {1, 32});
  if (!resolution) return resolution.error();
  if (*resolution && !OneOf(kResolutions, **resolution)) {
    return InvalidArgument("'resolution' must be resolved, deferred or awaiting_investigation");
  }
  input.resolution = resolution->value_or("resolved");
  auto trial = json::OptionalBool(*object, "trial_considered");
  if (!trial) return trial.error();
  if (!*trial) return InvalidArgument("'trial_considered' (true or false) is required");
  input.trial_considered = **trial;
  auto trial_name = json::OptionalText(*object, "trial_name", {1, 500});
  if (!trial_name) return trial_name.error();
  if (*trial_name && !input.trial_considered) return InvalidArgument("'trial_name' needs 'trial_considered'");
  input.trial_name = std::move(*trial_name);
  auto clinician = json::RequiredText(*object, "responsible_clinician_id", {1, 64});
  if (!clinician) return clinician.error();
  auto clinician_id = json::ParseId(*clinician, "'responsible_clinician_id'");
  if (!clinician_id) return clinician_id.error();
  input.responsible_clinician_id = std::move(*clinician_id);
  auto reason = json::OptionalText(*object, "reason", {1, 2000});
  if (!reason) return reason.error();
  input.reason = std::move(*reason);
  return input;
}

}  // namespace consilium::decisions
