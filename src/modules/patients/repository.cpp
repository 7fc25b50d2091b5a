#include "modules/patients/repository.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace consilium::patients::repository {
namespace {

// Every statement names the table "p", so the identifiers subquery can refer to it.
#define PATIENT_COLUMNS                                                                            \
  "p.id, p.mrn, p.family_name, p.given_name, p.birth_date::text, p.sex::text, p.version, "        \
  "to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "                 \
  "to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "                 \
  "p.status::text, p.merged_into_id, p.phone, p.email, p.address, "                                \
  "(SELECT COALESCE(json_agg(json_build_object('system', i.system, 'value', i.value) "              \
  "  ORDER BY i.system, i.value), '[]') FROM patient_identifiers i "                                \
  "  WHERE i.clinic_id = p.clinic_id AND i.patient_id = p.id AND i.removed_at IS NULL)::text"

std::vector<Identifier> IdentifiersFromJson(std::string_view text) {
  std::vector<Identifier> identifiers;
  const boost::json::value parsed = boost::json::parse(text);
  for (const auto& item : parsed.as_array()) {
    identifiers.push_back(Identifier{std::string(item.at("system").as_string()),
                                     std::string(item.at("value").as_string())});
  }
  return identifiers;
}

Patient FromRow(const db::Rows& rows, int row) {
  Patient patient{rows.Text(row, 0), rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3), rows.Text(row, 4),
                  rows.Text(row, 5), std::stoi(rows.Text(row, 6)), rows.Text(row, 7), rows.Text(row, 8)};
  patient.status = rows.Text(row, 9);
  if (!rows.IsNull(row, 10)) patient.merged_into_id = rows.Text(row, 10);
  patient.phone = rows.Text(row, 11);
  patient.email = rows.Text(row, 12);
  patient.address = rows.Text(row, 13);
  patient.identifiers = IdentifiersFromJson(rows.Get(row, 14));
  return patient;
}

std::string IdentifiersParam(const std::vector<Identifier>& identifiers) {
  boost::json::array out;
  for (const auto& identifier : identifiers) out.push_back({{"system", identifier.system}, {"value", identifier.value}});
  return boost::json::serialize(out);
}

// LIKE treats % and _ as wildcards: a name prefix must match literally.
std::string EscapeLike(std::string_view text) {
  std::string escaped;
  for (char c : text) {
    if (c == '\\' || c == '%' || c == '_') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

}  // namespace

awaitable<Result<Patient>> Insert(db::Tx& tx, const std::string& clinic_id, const std::string& id,
                                  const PatientChanges& fields) {
  auto rows = co_await tx.Query(
      "INSERT INTO patients AS p (clinic_id, id, mrn, family_name, given_name, birth_date, sex, status, phone, email, "
      "address) VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($8::patient_status, 'active'), COALESCE($9, ''), "
      "COALESCE($10, ''), COALESCE($11, '')) RETURNING " PATIENT_COLUMNS,
      clinic_id, id, fields.mrn, fields.family_name, fields.given_name, fields.birth_date, fields.sex, fields.status,
      fields.phone, fields.email, fields.address);
  if (!rows) co_return rows.error();
  co_return FromRow(*rows, 0);
}

awaitable<Result<std::optional<Patient>>> Find(db::Tx& tx, const std::string& clinic_id, const std::string& id,
                                               bool for_update) {
  constexpr std::string_view kSelect =
      "SELECT " PATIENT_COLUMNS " FROM patients p WHERE p.clinic_id = $1 AND p.id = $2";
  constexpr std::string_view kSelectForUpdate =
      "SELECT " PATIENT_COLUMNS " FROM patients p WHERE p.clinic_id = $1 AND p.id = $2 FOR UPDATE OF p";
  const std::string_view sql = for_update ? kSelectForUpdate : kSelect;
  auto rows = co_await tx.Query(sql, clinic_id, id);
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return std::optional<Patient>{};
  co_return std::optional<Patient>(FromRow(*rows, 0));
}

awaitable<Result<Patient>> Update(db::Tx& tx, const std::string& clinic_id, const Patient& changed) {
  auto rows = co_await tx.Query(
      "UPDATE patients p SET mrn = $3, family_name = $4, given_name = $5, birth_date = $6, sex = $7, "
      "status = $8::patient_status, merged_into_id = $9, phone = $10, email = $11, address = $12, "
      "version = version + 1, updated_at = now() WHERE clinic_id = $1 AND id = $2 RETURNING " PATIENT_COLUMNS,
      clinic_id, changed.id, changed.mrn, changed.family_name, changed.given_name, changed.birth_date, changed.sex,
      changed.status, changed.merged_into_id, changed.phone, changed.email, changed.address);
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return NotFound("patient not found");
  co_return FromRow(*rows, 0);
}

awaitable<Result<std::vector<Patient>>> Search(db::Tx& tx, const std::string& clinic_id, const PatientQuery& query) {
  db::Param name_pattern;
  if (query.name_prefix) name_pattern = EscapeLike(*query.name_prefix) + "%";
  std::optional<std::string> system;
  std::optional<std::string> value;
  if (query.identifier) {
    system = query.identifier->system;
    value = query.identifier->value;
  }
  // One prepared statement serves every combination of filters.
  auto rows = co_await tx.Query(
      "SELECT " PATIENT_COLUMNS " FROM patients p WHERE clinic_id = $1 "
      "AND ($2::text IS NULL OR lower(family_name) LIKE lower($2) OR lower(given_name) LIKE lower($2)) "
      "AND ($3::text IS NULL OR mrn = $3) "
      "AND ($4::date IS NULL OR birth_date = $4::date) "
      "AND ($5::uuid IS NULL OR (lower(family_name), lower(given_name), id) > "
      "  (SELECT lower(family_name), lower(given_name), id FROM patients WHERE clinic_id = $1 AND id = $5::uuid)) "
      "AND ($7::text IS NULL OR EXISTS (SELECT 1 FROM patient_identifiers i WHERE i.clinic_id = p.clinic_id "
      "  AND i.patient_id = p.id AND i.removed_at IS NULL AND i.system = $7 AND i.value = $8)) "
      "AND status <> 'merged' "
      "ORDER BY lower(family_name), lower(given_name), id LIMIT $6",
      clinic_id, name_pattern, query.mrn, query.birth_date, query.after_id, std::to_string(query.limit), system,
      value);
  if (!rows) co_return rows.error();
  std::vector<Patient> patients;
  patients.reserve(rows->size());
  for (int row = 0; row < rows->size(); ++row) patients.push_back(FromRow(*rows, row));
  co_return patients;
}

awaitable<Status> ReplaceIdentifiers(db::Tx& tx, const std::string& clinic_id, const std::string& patient_id,
                                     const std::vector<Identifier>& identifiers) {
  auto removed = co_await tx.Query("UPDATE patient_identifiers SET removed_at = now() "
                                   "WHERE clinic_id = $1 AND patient_id = $2 AND removed_at IS NULL",
                                   clinic_id, patient_id);
  if (!removed) co_return removed.error();
  co_return co_await AddIdentifiers(tx, clinic_id, patient_id, identifiers, false);
}

awaitable<Status> AddIdentifiers(db::Tx& tx, const std::string& clinic_id, const std::string& patient_id,
                                 const std::vector<Identifier>& identifiers, bool skip_taken) {
  constexpr std::string_view kInsert =
      "INSERT INTO patient_identifiers (clinic_id, patient_id, system, value) "
      "SELECT $1, $2, t.system, t.value FROM json_to_recordset($3::json) AS t(system text, value text)";
  constexpr std::string_view kInsertSkippingTaken =
      "INSERT INTO patient_identifiers (clinic_id, patient_id, system, value) "
      "SELECT $1, $2, t.system, t.value FROM json_to_recordset($3::json) AS t(system text, value text) "
      "ON CONFLICT (clinic_id, system, value) WHERE removed_at IS NULL DO NOTHING";
  auto added = co_await tx.Query(skip_taken ? kInsertSkippingTaken : kInsert, clinic_id, patient_id,
                                 IdentifiersParam(identifiers));
  if (!added) co_return added.error();
  co_return Status{};
}

awaitable<Result<std::vector<Identifier>>> TakeIdentifiers(db::Tx& tx, const std::string& clinic_id,
                                                            const std::string& patient_id) {
  auto rows = co_await tx.Query("UPDATE patient_identifiers SET removed_at = now() "
                                "WHERE clinic_id = $1 AND patient_id = $2 AND removed_at IS NULL RETURNING system, value",
                                clinic_id, patient_id);
  if (!rows) co_return rows.error();
  std::vector<Identifier> taken;
  for (int row = 0; row < rows->size(); ++row) {
    Identifier identifier{rows->Text(row, 0), rows->Text(row, 1)};
    taken.push_back(std::move(identifier));
  }
  co_return taken;
}

#undef PATIENT_COLUMNS

}  // namespace consilium::patients::repository
