#include "modules/keys/repository.hpp"

#include "platform/db/array_literal.hpp"
#include "platform/db/sql_fragments.hpp"

namespace consilium::keys::repository {
namespace {

WrappedClinicKey ClinicKeyFrom(const db::Rows& rows, int row, int first_column) {
  return {std::stoi(rows.Text(row, first_column)), std::stoi(rows.Text(row, first_column + 1)),
          rows.Text(row, first_column + 2)};
}

}  // namespace

awaitable<Result<std::optional<WrappedClinicKey>>> NewestClinicKey(db::Tx& tx, const std::string& clinic_id) {
  auto rows = co_await tx.Query(
      "SELECT version, root_key_version, encode(wrapped_key, 'hex') FROM clinic_keys WHERE clinic_id = $1 "
      "ORDER BY version DESC LIMIT 1",
      clinic_id);
  if (!rows) co_return rows.error();
  std::optional<WrappedClinicKey> key;
  if (!rows->empty()) key = ClinicKeyFrom(*rows, 0, 0);
  co_return key;
}

awaitable<Result<bool>> InsertClinicKey(db::Tx& tx, const std::string& clinic_id, const WrappedClinicKey& key) {
  auto rows = co_await tx.Query(
      "INSERT INTO clinic_keys (clinic_id, version, root_key_version, wrapped_key) "
      "VALUES ($1, $2, $3, decode($4, 'hex')) ON CONFLICT DO NOTHING",
      clinic_id, std::to_string(key.version), std::to_string(key.root_version), key.wrapped_hex);
  if (!rows) co_return rows.error();
  co_return rows->Affected() == 1;
}

#define PATIENT_KEY_SELECT                                                                     \
  "SELECT DISTINCT ON (p.patient_id) p.patient_id, p.version, c.version, c.root_key_version, " \
  "encode(c.wrapped_key, 'hex'), encode(p.wrapped_key, 'hex') "                                \
  "FROM patient_keys p JOIN clinic_keys c ON c.clinic_id = p.clinic_id AND c.version = p.clinic_key_version "

awaitable<Result<std::vector<std::pair<std::string, WrappedPatientKey>>>> FindPatientKeys(
    db::Tx& tx, const std::string& clinic_id, const std::vector<std::string>& patient_ids) {
  auto rows = co_await tx.Query(PATIENT_KEY_SELECT
                                "WHERE p.clinic_id = $1 AND p.patient_id = ANY($2::uuid[]) "
                                "ORDER BY p.patient_id, p.version DESC",
                                clinic_id, db::ArrayLiteral(patient_ids));
  if (!rows) co_return rows.error();
  std::vector<std::pair<std::string, WrappedPatientKey>> keys;
  for (int row = 0; row < rows->size(); ++row) {
    WrappedPatientKey key;
    key.version = std::stoi(rows->Text(row, 1));
    key.clinic_key = ClinicKeyFrom(*rows, row, 2);
    if (!rows->IsNull(row, 5)) key.wrapped_hex = rows->Text(row, 5);
    keys.emplace_back(rows->Text(row, 0), std::move(key));
  }
  co_return keys;
}

awaitable<Result<std::optional<WrappedPatientKey>>> FindPatientKey(db::Tx& tx, const std::string& clinic_id,
                                                                   const std::string& patient_id) {
  const std::vector<std::string> one{patient_id};
  auto keys = co_await FindPatientKeys(tx, clinic_id, one);
  if (!keys) co_return keys.error();
  std::optional<WrappedPatientKey> key;
  if (!keys->empty()) key = std::move(keys->front().second);
  co_return key;
}

awaitable<Result<bool>> InsertPatientKey(db::Tx& tx, const std::string& clinic_id, const std::string& patient_id,
                                         int clinic_key_version, const std::string& wrapped_hex) {
  auto rows = co_await tx.Query(
      "INSERT INTO patient_keys (clinic_id, patient_id, clinic_key_version, wrapped_key) "
      "VALUES ($1, $2, $3, decode($4, 'hex')) ON CONFLICT DO NOTHING",
      clinic_id, patient_id, std::to_string(clinic_key_version), wrapped_hex);
  if (!rows) co_return rows.error();
  co_return rows->Affected() == 1;
}

awaitable<Result<KeyStatus>> ReadStatus(db::Tx& tx, const std::string& clinic_id) {
  auto rows = co_await tx.Query(
      "SELECT c.version, c.root_key_version, " CONSILIUM_SQL_UTC("c.created_at") ", "
      "(SELECT count(*) FROM patient_keys p WHERE p.clinic_id = c.clinic_id AND p.clinic_key_version = c.version "
      "  AND p.wrapped_key IS NOT NULL) "
      "FROM clinic_keys c WHERE c.clinic_id = $1 ORDER BY c.version DESC",
      clinic_id);
  if (!rows) co_return rows.error();
  KeyStatus status;
  for (int row = 0; row < rows->size(); ++row) {
    status.versions.push_back({std::stoi(rows->Text(row, 0)), std::stoi(rows->Text(row, 1)), rows->Text(row, 2),
                               std::stol(rows->Text(row, 3))});
  }
  auto counts = co_await tx.Query(
      "SELECT count(*) FILTER (WHERE wrapped_key IS NOT NULL), count(*) FILTER (WHERE wrapped_key IS NULL) "
      "FROM patient_keys WHERE clinic_id = $1",
      clinic_id);
  if (!counts) co_return counts.error();
  status.patient_keys = std::stol(counts->Text(0, 0));
  status.destroyed_patient_keys = std::stol(counts->Text(0, 1));
  co_return status;
}

awaitable<Result<std::vector<WrappedClinicKey>>> ClinicKeysUnderOlderRoot(db::Tx& tx, const std::string& clinic_id,
                                                                          int root_version) {
  auto rows = co_await tx.Query(
      "SELECT version, root_key_version, encode(wrapped_key, 'hex') FROM clinic_keys "
      "WHERE clinic_id = $1 AND root_key_version < $2 ORDER BY version FOR UPDATE",
      clinic_id, std::to_string(root_version));
  if (!rows) co_return rows.error();
  std::vector<WrappedClinicKey> keys;
  for (int row = 0; row < rows->size(); ++row) keys.push_back(ClinicKeyFrom(*rows, row, 0));
  co_return keys;
}

awaitable<Status> RewrapClinicKey(db::Tx& tx, const std::string& clinic_id, int version, int root_version,
                                  const std::string& wrapped_hex) {
  auto rows = co_await tx.Query(
      "UPDATE clinic_keys SET root_key_version = $3, wrapped_key = decode($4, 'hex') "
      "WHERE clinic_id = $1 AND version = $2",
      clinic_id, std::to_string(version), std::to_string(root_version), wrapped_hex);
  if (!rows) co_return rows.error();
  co_return Status{};
}

awaitable<Result<std::vector<StalePatientKey>>> PatientKeysUnderOlderClinicKey(db::Tx& tx, const std::string& clinic_id,
                                                                               int clinic_key_version, int limit) {
  // SKIP LOCKED: several servers may run the job at once, each on its own batch.
  auto rows = co_await tx.Query(
      "SELECT p.patient_id, p.version, c.version, c.root_key_version, encode(c.wrapped_key, 'hex'), "
      "encode(p.wrapped_key, 'hex') "
      "FROM patient_keys p JOIN clinic_keys c ON c.clinic_id = p.clinic_id AND c.version = p.clinic_key_version "
      "WHERE p.clinic_id = $1 AND p.clinic_key_version < $2 AND p.wrapped_key IS NOT NULL "
      "ORDER BY p.patient_id LIMIT $3 FOR UPDATE OF p SKIP LOCKED",
      clinic_id, std::to_string(clinic_key_version), std::to_string(limit));
  if (!rows) co_return rows.error();
  std::vector<StalePatientKey> keys;
  for (int row = 0; row < rows->size(); ++row) {
    keys.push_back(
        {rows->Text(row, 0), std::stoi(rows->Text(row, 1)), ClinicKeyFrom(*rows, row, 2), rows->Text(row, 5)});
  }
  co_return keys;
}

awaitable<Status> RewrapPatientKeys(db::Tx& tx, const std::string& clinic_id,
                                    const std::vector<std::string>& patient_ids,
                                    const std::vector<std::string>& wrapped_hex, int clinic_key_version) {
  auto rows = co_await tx.Query(
      "UPDATE patient_keys p SET clinic_key_version = $4, wrapped_key = decode(t.wrapped, 'hex') "
      "FROM unnest($2::uuid[], $3::text[]) AS t(patient_id, wrapped) "
      "WHERE p.clinic_id = $1 AND p.patient_id = t.patient_id AND p.wrapped_key IS NOT NULL",
      clinic_id, db::ArrayLiteral(patient_ids), db::ArrayLiteral(wrapped_hex), std::to_string(clinic_key_version));
  if (!rows) co_return rows.error();
  co_return Status{};
}

awaitable<Result<std::vector<std::string>>> ClinicsWithStaleKeys(db::Tx& tx, int root_version) {
  auto rows = co_await tx.Query(
      "SELECT clinic_id FROM clinic_keys WHERE root_key_version < $1 "
      "UNION SELECT p.clinic_id FROM patient_keys p "
      "JOIN (SELECT clinic_id, max(version) AS newest FROM clinic_keys GROUP BY clinic_id) c "
      "  ON c.clinic_id = p.clinic_id "
      "WHERE p.clinic_key_version < c.newest AND p.wrapped_key IS NOT NULL ORDER BY 1",
      std::to_string(root_version));
  if (!rows) co_return rows.error();
  std::vector<std::string> clinics;
  for (int row = 0; row < rows->size(); ++row) clinics.push_back(rows->Text(row, 0));
  co_return clinics;
}

}  // namespace consilium::keys::repository
