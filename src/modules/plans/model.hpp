#pragma once
// A treatment plan as the API shows it, its state machine, and the
// validated inputs that create and change plans.
#include "platform/error/error.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace consilium::plans {

enum class PlanState { kDraft, kActive, kCompleted, kStopped };

std::string_view PlanStateName(PlanState state);
std::optional<PlanState> ParsePlanState(std::string_view name);
// draft -> active | stopped; active -> completed | stopped.
std::span<const PlanState> NextPlanStates(PlanState from);

struct PlanContent {
  std::string goals;
  boost::json::array steps;  // [{"description", "due_date"?}]
  std::optional<std::string> start_date;
  std::optional<std::string> end_date;
  std::string responsible_clinician_id;
};

struct PlanVersion {
  int version = 0;
  PlanState state = PlanState::kDraft;
  PlanContent content;
  std::string changed_by;
  std::string changed_at;
};

struct Addendum {
  std::string id;
  std::string text;
  std::string author_id;
  std::string created_at;
};

struct Plan {
  std::string id;
  std::string patient_id;
  std::optional<std::string> decision_item_id;
  PlanVersion current;
  std::optional<std::string> completed_at;
  std::optional<std::string> edit_window_closes_at;  // once completed
  bool edit_window_open = false;
  std::vector<Addendum> addenda;
};

// A new plan: the content, and optionally the decision it follows.
struct NewPlan {
  PlanContent content;
  std::optional<std::string> decision_item_id;
};

// A change: any of the content fields.
struct PlanChange {
  std::optional<std::string> goals;
  std::optional<boost::json::array> steps;
  std::optional<std::optional<std::string>> start_date;  // present-and-null clears it
  std::optional<std::optional<std::string>> end_date;
  std::optional<std::string> responsible_clinician_id;
};

boost::json::object ToJson(const Plan& plan);
boost::json::object ToJson(const PlanVersion& version);
boost::json::object ToJson(const Addendum& addendum);

Result<NewPlan> ParseNewPlan(std::string_view body);
Result<PlanChange> ParsePlanChange(std::string_view body);
// 400 unless the plan ends on or after its start.
Status CheckDates(const PlanContent& content);
// Applies a change; false if nothing changed.
bool Apply(PlanContent& content, const PlanChange& change);

}  // namespace consilium::plans
