#include "modules/audit/export_format.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace consilium::audit {
namespace {

constexpr std::string_view kClinic = "33333333-3333-4333-8333-333333333333";
constexpr std::string_view kPatient = "22222222-2222-4222-8222-222222222222";

boost::json::object Event(std::string_view action = "patient.update", std::string_view outcome = "success") {
  auto event = boost::json::parse(R"({
    "id": "7", "occurred_at": "2026-11-25T18:02:55.123456Z",
    "actor": {"id": "11111111-1111-4111-8111-111111111111", "name": "Dr Ada Demo"},
    "clinic_role": "owner", "meeting_role": "organiser", "resource_type": "patient",
    "resource_id": "22222222-2222-4222-8222-222222222222", "patient_id": "22222222-2222-4222-8222-222222222222",
    "patient_ids": null, "changed_fields": ["given_name"], "before": {"given_name": "Secretname"},
    "after": {"given_name": "Othersecret"}, "values_withheld": false, "detail": {"part": "x"},
    "ip": "127.0.0.1", "user_agent": "curl", "request_id": "r1"})").as_object();
  event["action"] = action;
  event["outcome"] = outcome;
  return event;
}

TEST(FhirAuditEvent, HasTheRequiredElementsWithR4Codes) {
  const auto resource = FhirAuditEvent(Event(), kClinic);
  EXPECT_EQ(resource.at("resourceType"), "AuditEvent");
  EXPECT_EQ(resource.at("id"), "7");
  EXPECT_EQ(resource.at("type").at("system"), "http://terminology.hl7.org/CodeSystem/audit-event-type");
  EXPECT_EQ(resource.at("type").at("code"), "rest");
  EXPECT_EQ(resource.at("subtype").at(0).at("system"), "urn:consilium:audit-action");
  EXPECT_EQ(resource.at("subtype").at(0).at("code"), "patient.update");
  EXPECT_EQ(resource.at("action"), "U");
  EXPECT_EQ(resource.at("recorded"), "2026-11-25T18:02:55.123456Z");
  EXPECT_EQ(resource.at("outcome"), "0");
  EXPECT_EQ(resource.at("source").at("site").as_string(), kClinic);
  EXPECT_EQ(resource.at("source").at("observer").at("display"), "Consilium");
}

TEST(FhirAuditEvent, ThePersonIsTheRequestingAgentWithRolesAndAddress) {
  const auto agent = FhirAuditEvent(Event(), kClinic).at("agent").at(0).as_object();
  EXPECT_EQ(agent.at("requestor"), true);
  EXPECT_EQ(agent.at("who").at("identifier").at("system"), "urn:consilium:user");
  EXPECT_EQ(agent.at("who").at("identifier").at("value"), "11111111-1111-4111-8111-111111111111");
  EXPECT_EQ(agent.at("who").at("display"), "Dr Ada Demo");
  EXPECT_EQ(agent.at("role").at(0).at("text"), "owner");
  EXPECT_EQ(agent.at("role").at(1).at("text"), "organiser");
  EXPECT_EQ(agent.at("network").at("address"), "127.0.0.1");
  EXPECT_EQ(agent.at("network").at("type"), "2");
}

TEST(FhirAuditEvent, WithoutAPersonTheServerIsTheAgentAndNotARequestor) {
  auto event = Event();
  event["actor"] = nullptr;
  event["ip"] = nullptr;
  const auto agent = FhirAuditEvent(event, kClinic).at("agent").at(0).as_object();
  EXPECT_EQ(agent.at("requestor"), false);
  EXPECT_EQ(agent.at("who").at("display"), "Consilium");
  EXPECT_FALSE(agent.contains("network"));
}

TEST(FhirAuditEvent, ThePatientIsOneEntityAndTheChangedFieldsAreNamedWithoutValues) {
  const auto resource = FhirAuditEvent(Event(), kClinic);
  const auto& entities = resource.at("entity").as_array();
  ASSERT_EQ(entities.size(), 1u);
  EXPECT_EQ(entities[0].at("what").at("reference").as_string(), "Patient/" + std::string(kPatient));
  EXPECT_EQ(entities[0].at("role").at("code"), "1");
  EXPECT_EQ(entities[0].at("role").at("system"), "http://terminology.hl7.org/CodeSystem/object-role");
  const std::string text = boost::json::serialize(resource);
  EXPECT_NE(text.find("given_name"), std::string::npos);
  EXPECT_EQ(text.find("Secretname"), std::string::npos);
  EXPECT_EQ(text.find("Othersecret"), std::string::npos);
}

TEST(FhirAuditEvent, ListedPatientsAreEntitiesBesideTheResource) {
  auto event = Event("patient.list");
  event["resource_id"] = nullptr;
  event["patient_id"] = nullptr;
  event["patient_ids"] = boost::json::array{kPatient, "44444444-4444-4444-8444-444444444444", kPatient};
  const auto resource = FhirAuditEvent(event, kClinic);
  const auto& entities = resource.at("entity").as_array();
  ASSERT_EQ(entities.size(), 3u) << boost::json::serialize(resource);
  EXPECT_FALSE(entities[0].as_object().contains("what"));
  EXPECT_EQ(entities[1].at("what").at("reference").as_string(), "Patient/" + std::string(kPatient));
  EXPECT_EQ(entities[2].at("what").at("reference"), "Patient/44444444-4444-4444-8444-444444444444");
  EXPECT_EQ(resource.at("action"), "R");
}

TEST(FhirAuditEvent, OtherResourcesAreNamedByAnIdentifierOfTheirType) {
  auto event = Event("meeting.read");
  event["resource_type"] = "meeting";
  event["patient_id"] = nullptr;
  const auto entity = FhirAuditEvent(event, kClinic).at("entity").at(0).as_object();
  EXPECT_EQ(entity.at("what").at("identifier").at("system"), "urn:consilium:meeting");
  EXPECT_EQ(entity.at("what").at("identifier").at("value").as_string(), kPatient);
}

TEST(FhirAuditEvent, SignInsAreUserAuthenticationEvents) {
  const auto type = FhirAuditEvent(Event("session.create"), kClinic).at("type").as_object();
  EXPECT_EQ(type.at("system"), "http://dicom.nema.org/resources/ontology/DCM");
  EXPECT_EQ(type.at("code"), "110114");
}

TEST(FhirAuditEvent, ActionsAndOutcomesMapToR4Codes) {
  const std::pair<std::string_view, std::string_view> actions[] = {
      {"patient.create", "C"}, {"patient.read", "R"}, {"audit.export", "R"}, {"meeting.transition", "U"},
      {"session.revoke", "D"}, {"session.refresh", "E"}};
  for (const auto& [action, code] : actions) {
    EXPECT_EQ(FhirAuditEvent(Event(action), kClinic).at("action").as_string(), code) << action;
  }
  const std::pair<std::string_view, std::string_view> outcomes[] = {
      {"success", "0"}, {"denied", "4"}, {"not_found", "4"}, {"failure", "8"}};
  for (const auto& [outcome, code] : outcomes) {
    const auto resource = FhirAuditEvent(Event("patient.read", outcome), kClinic);
    EXPECT_EQ(resource.at("outcome").as_string(), code) << outcome;
    EXPECT_EQ(resource.at("outcomeDesc").as_string(), outcome);
  }
}

TEST(FhirBundle, PiecesMakeOneCollectionBundle) {
  auto fhir = MakeFhirFormat(std::string(kClinic), "2026-11-25T18:03:00.000000Z");
  std::string text = fhir->Begin();
  fhir->Append(text, Event());
  fhir->Append(text, Event("patient.read"));
  text += fhir->End();
  const auto bundle = boost::json::parse(text).as_object();
  EXPECT_EQ(bundle.at("resourceType"), "Bundle");
  EXPECT_EQ(bundle.at("type"), "collection");
  EXPECT_EQ(bundle.at("timestamp"), "2026-11-25T18:03:00.000000Z");
  const auto& entries = bundle.at("entry").as_array();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_TRUE(entries[0].at("fullUrl").as_string().starts_with("urn:uuid:"));
  EXPECT_NE(entries[0].at("fullUrl"), entries[1].at("fullUrl"));
  EXPECT_EQ(entries[1].at("resource").at("action"), "R");
}

TEST(FhirBundle, AnEmptyExportIsAnEmptyBundle) {
  auto fhir = MakeFhirFormat(std::string(kClinic), "2026-11-25T18:03:00Z");
  const auto bundle = boost::json::parse(fhir->Begin() + fhir->End()).as_object();
  EXPECT_TRUE(bundle.at("entry").as_array().empty());
}

}  // namespace
}  // namespace consilium::audit
