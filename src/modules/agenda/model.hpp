#pragma once
// An agenda item as the API shows it (in full, or as a guest sees it), and
// the validated inputs that propose and review items.
#include "platform/error/error.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace consilium::agenda {

enum class ItemState { kPending, kApproved, kRejected };
enum class Triage { kFullDiscussion, kStandardOfCare };

std::string_view ItemStateName(ItemState state);
std::optional<ItemState> ParseItemState(std::string_view name);
std::string_view TriageName(Triage triage);
std::optional<Triage> ParseTriage(std::string_view name);

struct PatientSummary {
  std::string id;
  std::string mrn;
  std::string family_name;
  std::string given_name;
  std::string birth_date;
  std::string sex;
};

// The referral proforma (what the board needs to decide).
struct Proforma {
  std::string clinical_question;
  std::string summary;
  int ecog = 0;  // performance status, 0-4
  std::string comorbidities;
  std::string investigations;
};

struct Item {
  std::string id;
  std::string meeting_id;
  PatientSummary patient;
  std::string proposed_by;
  ItemState state = ItemState::kPending;
  Proforma proforma;
  bool late = false;
  std::optional<int> position;
  std::optional<Triage> triage;
  std::optional<std::string> rejection_reason;
  int version = 0;
  std::string created_at;
  std::optional<std::string> carried_from_item_id;  // unresolved at the series' previous meeting
};

struct Proposal {
  std::string patient_id;
  Proforma proforma;
};

struct Approval {
  Triage triage = Triage::kFullDiscussion;
  std::optional<int> position;  // default: the end of the agenda
};

boost::json::object ToJson(const Item& item);
// What a guest sees: the approved item and the patient's summary, without
// identifiers.
boost::json::object ToGuestJson(const Item& item);

Result<Proposal> ParseProposal(std::string_view body);
Result<Approval> ParseApproval(std::string_view body);
Result<std::string> ParseRejection(std::string_view body);
Result<std::vector<std::string>> ParseOrder(std::string_view body);

}  // namespace consilium::agenda
