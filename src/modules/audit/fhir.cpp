// The FHIR export: each record as an R4 AuditEvent (hl7.org/fhir/R4/auditevent.html)
// in a Bundle of type collection. Before/after values are clinical content
// and stay out; the changed fields are named in the entity's details.
#include "modules/audit/export_format.hpp"
#include "platform/crypto/random.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <utility>
#include <vector>

namespace consilium::audit {
namespace {

constexpr std::string_view kEventTypes = "http://terminology.hl7.org/CodeSystem/audit-event-type";
constexpr std::string_view kDicom = "http://dicom.nema.org/resources/ontology/DCM";
constexpr std::string_view kEntityTypes = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
constexpr std::string_view kObjectRoles = "http://terminology.hl7.org/CodeSystem/object-role";
constexpr std::string_view kSourceTypes = "http://terminology.hl7.org/CodeSystem/security-source-type";
constexpr std::string_view kNetworkIpAddress = "2";

// AuditEvent.action from the action's last word: Create, Read, Update,
// Delete, or Execute for anything else (a sign-in's refresh, a switch).
constexpr std::pair<std::string_view, std::string_view> kVerbCodes[] = {
    {"create", "C"}, {"propose", "C"},  {"record", "C"},     {"addendum", "C"},   {"read", "R"},
    {"list", "R"},   {"export", "R"},   {"update", "U"},     {"merge", "U"},      {"transition", "U"},
    {"manage", "U"}, {"review", "U"},   {"sign", "U"},       {"write", "U"},      {"change", "U"},
    {"renew", "U"},  {"reset", "U"},    {"unlock", "U"},     {"lock", "U"},       {"enrol", "U"},
    {"delete", "D"}, {"revoke", "D"},   {"revoke_all", "D"}};

std::string_view Text(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return value->as_string();
}

boost::json::object Coding(std::string_view system, std::string_view code, std::string_view display = {}) {
  boost::json::object coding{{"system", system}, {"code", code}};
  if (!display.empty()) coding["display"] = display;
  return coding;
}

std::string_view ActionCode(std::string_view action) {
  const std::string_view verb = action.substr(action.rfind('.') + 1);
  for (const auto& [name, code] : kVerbCodes) {
    if (verb == name) return code;
  }
  return "E";
}

// 0 success, 4 minor failure (refused, not found), 8 serious failure.
std::string_view OutcomeCode(std::string_view outcome) {
  if (outcome == "success") return "0";
  if (outcome == "denied" || outcome == "not_found") return "4";
  return "8";
}

boost::json::object Role(std::string_view system, std::string_view code) {
  return {{"coding", boost::json::array{Coding(system, code)}}, {"text", code}};
}

boost::json::object Agent(const boost::json::object& event) {
  boost::json::object agent;
  const auto* actor = event.if_contains("actor");
  if (actor != nullptr && actor->is_object()) {
    const std::string_view name = Text(actor->as_object(), "name");
    boost::json::object who{{"identifier", {{"system", "urn:consilium:user"}, {"value", Text(actor->as_object(), "id")}}}};
    if (!name.empty()) {
      who["display"] = name;
      agent["name"] = name;
    }
    agent["who"] = std::move(who);
    boost::json::array roles;
    if (const auto role = Text(event, "clinic_role"); !role.empty()) roles.push_back(Role("urn:consilium:clinic-role", role));
    if (const auto role = Text(event, "meeting_role"); !role.empty()) roles.push_back(Role("urn:consilium:meeting-role", role));
    if (!roles.empty()) agent["role"] = std::move(roles);
    agent["requestor"] = true;
  } else {
    // The server itself (the retention job) or an operator at the command line.
    agent["type"] = {{"coding", boost::json::array{Coding(kDicom, "110150", "Application")}}};
    agent["who"] = {{"display", "Consilium"}};
    agent["requestor"] = false;
  }
  if (const auto ip = Text(event, "ip"); !ip.empty()) agent["network"] = {{"address", ip}, {"type", kNetworkIpAddress}};
  return agent;
}

boost::json::object PatientEntity(std::string_view patient_id) {
  return {{"what", {{"reference", "Patient/" + std::string(patient_id)}}},
          {"type", Coding(kEntityTypes, "1", "Person")},
          {"role", Coding(kObjectRoles, "1", "Patient")}};
}

boost::json::object Detail(std::string_view type, std::string_view value) {
  return {{"type", type}, {"valueString", value}};
}

// The record's resource, with what the record says about the request.
boost::json::object ResourceEntity(const boost::json::object& event) {
  const std::string_view type = Text(event, "resource_type");
  const std::string_view id = Text(event, "resource_id");
  boost::json::object entity;
  if (type == "patient" && !id.empty()) {
    entity = PatientEntity(id);
  } else {
    entity = {{"type", Coding(kEntityTypes, "2", "System Object")}, {"role", Coding(kObjectRoles, "4", "Domain Resource")}};
    if (!id.empty()) entity["what"] = {{"identifier", {{"system", "urn:consilium:" + std::string(type)}, {"value", id}}}};
  }
  boost::json::array details{Detail("resource_type", type)};
  if (const auto* changed = event.if_contains("changed_fields"); changed != nullptr && changed->is_array()) {
    std::string names;
    for (const auto& field : changed->as_array()) {
      if (!field.is_string()) continue;
      if (!names.empty()) names += ',';
      names += field.as_string();
    }
    if (!names.empty()) details.push_back(Detail("changed_fields", names));
  }
  if (const auto* detail = event.if_contains("detail"); detail != nullptr && !detail->is_null()) {
    details.push_back(Detail("detail", boost::json::serialize(*detail)));
  }
  for (const std::string_view key : {"request_id", "user_agent"}) {
    if (const auto value = Text(event, key); !value.empty()) details.push_back(Detail(key, value));
  }
  entity["detail"] = std::move(details);
  return entity;
}

boost::json::array Entities(const boost::json::object& event) {
  boost::json::array entities{ResourceEntity(event)};
  std::vector<std::string_view> patients;
  if (Text(event, "resource_type") == "patient") patients.push_back(Text(event, "resource_id"));
  auto add_patient = [&](std::string_view id) {
    if (id.empty() || std::find(patients.begin(), patients.end(), id) != patients.end()) return;
    patients.push_back(id);
    entities.push_back(PatientEntity(id));
  };
  add_patient(Text(event, "patient_id"));
  if (const auto* listed = event.if_contains("patient_ids"); listed != nullptr && listed->is_array()) {
    for (const auto& id : listed->as_array()) {
      if (id.is_string()) add_patient(id.as_string());
    }
  }
  return entities;
}

class FhirBundle final : public ExportFormat {
 public:
  FhirBundle(std::string clinic_id, std::string timestamp)
      : clinic_id_(std::move(clinic_id)), timestamp_(std::move(timestamp)) {}

  std::string_view Name() const override { return "fhir"; }
  std::string_view ContentType() const override { return "application/fhir+json"; }
  std::string_view Extension() const override { return "json"; }

  std::string Begin() override {
    return R"({"resourceType":"Bundle","type":"collection","timestamp":)" +
           boost::json::serialize(boost::json::string(timestamp_)) + R"(,"entry":[)";
  }

  void Append(std::string& out, const boost::json::object& event) override {
    if (!first_) out += ',';
    first_ = false;
    const boost::json::object entry{{"fullUrl", "urn:uuid:" + crypto::NewUuidV4()},
                                    {"resource", FhirAuditEvent(event, clinic_id_)}};
    out += boost::json::serialize(entry);
  }

  std::string End() override { return "]}"; }

 private:
  std::string clinic_id_;
  std::string timestamp_;
  bool first_ = true;
};

}  // namespace

boost::json::object FhirAuditEvent(const boost::json::object& event, std::string_view clinic_id) {
  const std::string_view action = Text(event, "action");
  const std::string_view outcome = Text(event, "outcome");
  boost::json::object type = Coding(kEventTypes, "rest", "RESTful Operation");
  if (action.starts_with("session.")) type = Coding(kDicom, "110114", "User Authentication");
  return {{"resourceType", "AuditEvent"},
          {"id", Text(event, "id")},
          {"type", std::move(type)},
          {"subtype", boost::json::array{Coding("urn:consilium:audit-action", action)}},
          {"action", ActionCode(action)},
          {"recorded", Text(event, "occurred_at")},
          {"outcome", OutcomeCode(outcome)},
          {"outcomeDesc", outcome},
          {"agent", boost::json::array{Agent(event)}},
          {"source", {{"site", clinic_id},
                      {"observer", {{"display", "Consilium"}}},
                      {"type", boost::json::array{Coding(kSourceTypes, "4", "Application Server")}}}},
          {"entity", Entities(event)}};
}

std::unique_ptr<ExportFormat> MakeFhirFormat(std::string clinic_id, std::string timestamp) {
  return std::make_unique<FhirBundle>(std::move(clinic_id), std::move(timestamp));
}

}  // namespace consilium::audit
