#include "modules/patients/repository.hpp"

namespace consilium::patients::repository {
namespace {

#define PATIENT_COLUMNS                                                                            \
  "id, mrn, family_name, given_name, birth_date::text, sex::text, version, "                      \
  "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "                   \
  "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

Patient FromRow(const db::Rows& rows, int row) {
  return Patient{rows.Text(row, 0), rows.Text(row, 1), rows.Text(row, 2), rows.Text(row, 3), rows.Text(row, 4),
                 rows.Text(row, 5), std::stoi(rows.Text(row, 6)), rows.Text(row, 7), rows.Text(row, 8)};
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
      "INSERT INTO patients (clinic_id, id, mrn, family_name, given_name, birth_date, sex) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " PATIENT_COLUMNS,
      clinic_id, id, fields.mrn, fields.family_name, fields.given_name, fields.birth_date, fields.sex);
  if (!rows) co_return rows.error();
  co_return FromRow(*rows, 0);
}

awaitable<Result<std::optional<Patient>>> Find(db::Tx& tx, const std::string& clinic_id, const std::string& id,
                                               bool for_update) {
  constexpr std::string_view kSelect = "SELECT " PATIENT_COLUMNS " FROM patients WHERE clinic_id = $1 AND id = $2";
  constexpr std::string_view kSelectForUpdate =
      "SELECT " PATIENT_COLUMNS " FROM patients WHERE clinic_id = $1 AND id = $2 FOR UPDATE";
  const std::string_view sql = for_update ? kSelectForUpdate : kSelect;
  auto rows = co_await tx.Query(sql, clinic_id, id);
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return std::optional<Patient>{};
  co_return std::optional<Patient>(FromRow(*rows, 0));
}

awaitable<Result<Patient>> Update(db::Tx& tx, const std::string& clinic_id, const Patient& changed) {
  auto rows = co_await tx.Query(
      "UPDATE patients SET mrn = $3, family_name = $4, given_name = $5, birth_date = $6, sex = $7, "
      "version = version + 1, updated_at = now() WHERE clinic_id = $1 AND id = $2 RETURNING " PATIENT_COLUMNS,
      clinic_id, changed.id, changed.mrn, changed.family_name, changed.given_name, changed.birth_date, changed.sex);
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return NotFound("patient not found");
  co_return FromRow(*rows, 0);
}

awaitable<Result<std::vector<Patient>>> Search(db::Tx& tx, const std::string& clinic_id, const PatientQuery& query) {
  db::Param name_pattern;
  if (query.name_prefix) name_pattern = EscapeLike(*query.name_prefix) + "%";
  // One prepared statement serves every combination of filters.
  auto rows = co_await tx.Query(
      "SELECT " PATIENT_COLUMNS " FROM patients p WHERE clinic_id = $1 "
      "AND ($2::text IS NULL OR lower(family_name) LIKE lower($2) OR lower(given_name) LIKE lower($2)) "
      "AND ($3::text IS NULL OR mrn = $3) "
      "AND ($4::date IS NULL OR birth_date = $4::date) "
      "AND ($5::uuid IS NULL OR (lower(family_name), lower(given_name), id) > "
      "  (SELECT lower(family_name), lower(given_name), id FROM patients WHERE clinic_id = $1 AND id = $5::uuid)) "
      "ORDER BY lower(family_name), lower(given_name), id LIMIT $6",
      clinic_id, name_pattern, query.mrn, query.birth_date, query.after_id, std::to_string(query.limit));
  if (!rows) co_return rows.error();
  std::vector<Patient> patients;
  patients.reserve(rows->size());
  for (int row = 0; row < rows->size(); ++row) patients.push_back(FromRow(*rows, row));
  co_return patients;
}

#undef PATIENT_COLUMNS

}  // namespace consilium::patients::repository
