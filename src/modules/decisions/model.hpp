#pragma once
// A decision version as the API shows it, and the validated input that
// records or changes one.
#include "platform/error/error.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace consilium::decisions {

// What the board decided, and whether the item is settled or carries over.
struct DecisionInput {
  std::string outcome;  // one of kOutcomes
  std::string outcome_detail;
  std::string rationale;
  std::string resolution = "resolved";  // or deferred, awaiting_investigation
  bool trial_considered = false;
  std::optional<std::string> trial_name;
  std::string responsible_clinician_id;
  std::optional<std::string> reason;  // why a signed decision changes
};

struct Version {
  int version = 0;
  std::string agenda_item_id;
  std::string meeting_id;
  std::string patient_id;
  DecisionInput input;
  std::vector<std::string> present;
  bool quorate = false;
  std::string recorded_by;
  std::string recorded_at;
  std::optional<std::string> signed_by;
  std::optional<std::string> signed_at;
};

boost::json::object ToJson(const Version& version);
Result<DecisionInput> ParseDecision(std::string_view body);

}  // namespace consilium::decisions
