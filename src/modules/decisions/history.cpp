// A patient's history at the boards: every agenda item about them, newest
// meeting first, with the latest version of its decision. One query; read
// access is audited like any read of the record.
#include "modules/agenda/agenda.hpp"
#include "modules/decisions/decisions.hpp"
#include "modules/decisions/repository.hpp"
#include "modules/keys/keys.hpp"
#include "modules/patients/patients.hpp"
#include "platform/db/sql_fragments.hpp"
#include "platform/http/message.hpp"
#include "platform/json/fields.hpp"
#include "security/audit.hpp"

namespace consilium::decisions {
namespace {

constexpr std::string_view kHistorySelect =
    "SELECT a.id, m.id, m.title, " CONSILIUM_SQL_UTC("m.starts_at") ", m.state::text, a.state::text, "
    "a.triage::text, " CONSILIUM_SQL_UTC("a.created_at") ", "
    "d.version, d.outcome::text, d.resolution::text, d.responsible_clinician_id, "
    CONSILIUM_SQL_UTC("d.recorded_at") ", " CONSILIUM_SQL_UTC("d.signed_at") ", "
    "encode(a.clinical_text, 'hex'), encode(d.clinical_text, 'hex') "
    "FROM agenda_items a JOIN meetings m ON m.clinic_id = a.clinic_id AND m.id = a.meeting_id "
    "LEFT JOIN LATERAL (SELECT * FROM decision_versions v WHERE v.clinic_id = a.clinic_id "
    "  AND v.agenda_item_id = a.id ORDER BY v.version DESC LIMIT 1) d ON true "
    "WHERE a.clinic_id = $1 AND a.patient_id = $2 ORDER BY m.starts_at DESC, a.created_at DESC LIMIT 500";

boost::json::value NullableText(const db::Rows& rows, int row, int column) {
  if (rows.IsNull(row, column)) return nullptr;
  return boost::json::string(rows.Get(row, column));
}

constexpr int kDecisionVersionColumn = 8;  // NULL: the item has no decision

boost::json::value DecisionJson(const db::Rows& rows, int row) {
  if (rows.IsNull(row, kDecisionVersionColumn)) return nullptr;
  return boost::json::object{{"version", std::stoi(rows.Text(row, kDecisionVersionColumn))},
                             {"outcome", rows.Text(row, 9)},
                             {"outcome_detail", ""},
                             {"resolution", rows.Text(row, 10)},
                             {"responsible_clinician_id", rows.Text(row, 11)},
                             {"recorded_at", rows.Text(row, 12)},
                             {"signed", !rows.IsNull(row, 13)},
                             {"signed_at", NullableText(rows, row, 13)}};
}

constexpr int kItemTextColumn = 14;
constexpr int kDecisionTextColumn = 15;

// The item's question and, if it has a decision, the decision's detail, from their sealed clinical text.
awaitable<Status> OpenText(keys::ClinicalText& text, const std::string& patient_id, const db::Rows& rows, int row,
                           boost::json::object& item) {
  auto question = co_await text.Open(patient_id, agenda::kClinicalTextPlace, rows.Get(row, kItemTextColumn));
  if (!question) co_return question.error();
  item["clinical_question"] = json::StringOr(*question, "clinical_question");
  if (!rows.IsNull(row, kDecisionVersionColumn)) {
    const std::string place =
        repository::PlaceOf(rows.Text(row, 0), std::stoi(rows.Text(row, kDecisionVersionColumn)));
    auto fields = co_await text.Open(patient_id, place, rows.Get(row, kDecisionTextColumn));
    if (!fields) co_return fields.error();
    item["decision"].as_object()["outcome_detail"] = json::StringOr(*fields, "outcome_detail");
  }
  co_return Status{};
}

// The question (and the decision's detail) are filled in from the sealed text by OpenText.
boost::json::object HistoryItemJson(const db::Rows& rows, int row) {
  return {{"item_id", rows.Text(row, 0)},         {"meeting_id", rows.Text(row, 1)},
          {"meeting_title", rows.Text(row, 2)},   {"meeting_starts_at", rows.Text(row, 3)},
          {"meeting_state", rows.Text(row, 4)},   {"state", rows.Text(row, 5)},
          {"clinical_question", ""},              {"triage", NullableText(rows, row, 6)},
          {"proposed_at", rows.Text(row, 7)},     {"decision", DecisionJson(rows, row)}};
}

awaitable<Result<boost::json::array>> PatientHistory(const RequestContext& context, const std::string& patient_id) {
  boost::json::array items;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto patient = co_await patients::PatientExists(tx, context.principal->clinic_id, patient_id);
    if (!patient) co_return patient.error();
    if (!*patient) co_return NotFound("patient not found");
    auto rows = co_await tx.Query(kHistorySelect, context.principal->clinic_id, patient_id);
    if (!rows) co_return rows.error();
    keys::ClinicalText text(tx, context.principal->clinic_id);
    for (int row = 0; row < rows->size(); ++row) {
      boost::json::object item = HistoryItemJson(*rows, row);
      if (auto opened = co_await OpenText(text, patient_id, *rows, row, item); !opened) co_return opened.error();
      items.push_back(std::move(item));
    }
    const security::AuditEntry entry{.action = "patient.history.read", .resource_type = "patient",
                                     .resource_id = patient_id, .patient_id = patient_id,
                                     .detail = boost::json::object{{"returned", items.size()}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return items;
}

}  // namespace

void RegisterHistoryRoute(security::Endpoints& endpoints) {
  endpoints.Add(http::Method::kGet, "/api/v1/patients/{patient_id}/history", security::Action::kPatientHistoryRead,
                [](RequestContext& context) -> awaitable<Result<http::Response>> {
                  auto patient_id = json::ParseId(context.Param("patient_id"), "patient id");
                  if (!patient_id) co_return patient_id.error();
                  auto items = co_await PatientHistory(context, *patient_id);
                  if (!items) co_return items.error();
                  co_return http::JsonResponse(200, {{"items", std::move(*items)}});
                });
}

}  // namespace consilium::decisions
