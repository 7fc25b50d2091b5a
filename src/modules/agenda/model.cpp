#include "modules/agenda/model.hpp"

#include "platform/json/fields.hpp"

namespace consilium::agenda {
namespace {

constexpr std::string_view kStates[] = {"pending", "approved", "rejected"};
constexpr std::string_view kTriages[] = {"full_discussion", "standard_of_care"};
constexpr std::size_t kMaxAgendaItems = 500;

template <class Enum, std::size_t N>
std::optional<Enum> ParseName(const std::string_view (&names)[N], std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

boost::json::object ProformaJson(const Proforma& proforma) {
  return {{"clinical_question", proforma.clinical_question},
          {"summary", proforma.summary},
          {"ecog", proforma.ecog},
          {"comorbidities", proforma.comorbidities},
          {"investigations", proforma.investigations}};
}

boost::json::value Nullable(const std::optional<std::string>& text) {
  if (text) return boost::json::string(*text);
  return nullptr;
}

}  // namespace

std::string_view ItemStateName(ItemState state) { return kStates[static_cast<int>(state)]; }
std::optional<ItemState> ParseItemState(std::string_view name) { return ParseName<ItemState>(kStates, name); }
std::string_view TriageName(Triage triage) { return kTriages[static_cast<int>(triage)]; }
std::optional<Triage> ParseTriage(std::string_view name) { return ParseName<Triage>(kTriages, name); }

boost::json::object ToJson(const Item& item) {
  boost::json::object out = ProformaJson(item.proforma);
  out["id"] = item.id;
  out["meeting_id"] = item.meeting_id;
  out["patient"] = {{"id", item.patient.id},
                    {"mrn", item.patient.mrn},
                    {"family_name", item.patient.family_name},
                    {"given_name", item.patient.given_name},
                    {"birth_date", item.patient.birth_date},
                    {"sex", item.patient.sex}};
  out["proposed_by"] = item.proposed_by;
  out["state"] = ItemStateName(item.state);
  out["late"] = item.late;
  out["position"] = item.position ? boost::json::value(*item.position) : boost::json::value(nullptr);
  std::optional<std::string> triage;
  if (item.triage) triage = std::string(TriageName(*item.triage));
  out["triage"] = Nullable(triage);
  out["rejection_reason"] = Nullable(item.rejection_reason);
  out["attachments"] = boost::json::array();  // files arrive with the files module
  out["carried_from_item_id"] = Nullable(item.carried_from_item_id);
  out["version"] = item.version;
  out["created_at"] = item.created_at;
  return out;
}

boost::json::object ToGuestJson(const Item& item) {
  boost::json::object out = ProformaJson(item.proforma);
  out["id"] = item.id;
  out["position"] = item.position ? boost::json::value(*item.position) : boost::json::value(nullptr);
  out["triage"] = item.triage ? boost::json::value(TriageName(*item.triage)) : boost::json::value(nullptr);
  out["patient"] = {{"family_name", item.patient.family_name},
                    {"given_name", item.patient.given_name},
                    {"birth_date", item.patient.birth_date},
                    {"sex", item.patient.sex}};
  return out;
}

Result<Proposal> ParseProposal(std::string_view body) {
  auto object = json::ParseObject(body);
  if (!object) return object.error();
  if (auto known = json::CheckKnownFields(*object, {"patient_id", "clinical_question", "summary", "ecog",
                                                    "comorbidities", "investigations"});
      !known) {
    return known.error();
  }
  auto patient = json::RequiredText(*object, "patient_id", {1, 64});
  if (!patient) return patient.error();
  auto patient_id = json::ParseId(*patient, "'patient_id'");
  if (!patient_id) return patient_id.error();
  Proposal proposal{std::move(*patient_id), {}};
  auto question = json::RequiredText(*object, "clinical_question", {1, 2000});
  if (!question) return question.error();
  auto summary = json::RequiredText(*object, "summary", {1, 10000});
  if (!summary) return summary.error();
  auto ecog = json::OptionalInteger(*object, "ecog", 0, 4);
  if (!ecog) return ecog.error();
  if (!*ecog) return InvalidArgument("'ecog' (performance status 0 to 4) is required");
  auto comorbidities = json::OptionalText(*object, "comorbidities", {0, 4000});
  if (!comorbidities) return comorbidities.error();
  auto investigations = json::OptionalText(*object, "investigations", {0, 4000});
  if (!investigations) return investigations.error();
  proposal.proforma = Proforma{std::move(*question), std::move(*summary), static_cast<int>(**ecog),
                               comorbidities->value_or(""), investigations->value_or("")};
  return proposal;
}

Result<Approval> ParseApproval(std::string_view body) {
  auto object = json::ParseObject(body);
  if (!object) return object.error();
  if (auto known = json::CheckKnownFields(*object, {"triage", "position"}); !known) return known.error();
  auto triage_name = json::RequiredText(*object, "triage", {1, 32});
  if (!triage_name) return triage_name.error();
  const auto triage = ParseTriage(*triage_name);
  if (!triage) return InvalidArgument("'triage' must be full_discussion or standard_of_care");
  auto position = json::OptionalInteger(*object, "position", 1, kMaxAgendaItems);
  if (!position) return position.error();
  Approval approval{*triage, std::nullopt};
  if (*position) approval.position = static_cast<int>(**position);
  return approval;
}

Result<std::string> ParseRejection(std::string_view body) {
  auto object = json::ParseObject(body);
  if (!object) return object.error();
  if (auto known = json::CheckKnownFields(*object, {"reason"}); !known) return known.error();
  return json::RequiredText(*object, "reason", {1, 2000});
}

Result<std::vector<std::string>> ParseOrder(std::string_view body) {
  auto object = json::ParseObject(body);
  if (!object) return object.error();
  if (auto known = json::CheckKnownFields(*object, {"item_ids"}); !known) return known.error();
  const auto* ids = object->if_contains("item_ids");
  if (!ids || !ids->is_array() || ids->as_array().size() > kMaxAgendaItems) {
    return InvalidArgument("'item_ids' must be the approved items' ids, in the new order");
  }
  std::vector<std::string> order;
  for (const auto& id : ids->as_array()) {
    if (!id.is_string()) return InvalidArgument("'item_ids' must be a list of ids");
    auto parsed = json::ParseId(id.as_string(), "each of 'item_ids'");
    if (!parsed) return parsed.error();
    order.push_back(std::move(*parsed));
  }
  return order;
}

}  // namespace consilium::agenda
