// Decisions written before their text was sealed (migration 0015) are sealed in place. A signed version
// never changes, and this changes only how its words are stored, so the owner lifts the guard for the
// length of the transaction (the runtime role cannot).
#include "modules/decisions/decisions.hpp"
#include "modules/decisions/repository.hpp"
#include "modules/keys/keys.hpp"

namespace consilium::decisions {

awaitable<Result<int>> SealLegacyText(db::Tx& tx, const std::string& clinic_id) {
  auto rows = co_await tx.Query(
      "SELECT agenda_item_id, version, patient_id, coalesce(outcome_detail, ''), rationale FROM decision_versions "
      "WHERE clinic_id = $1 AND clinical_text IS NULL FOR UPDATE",
      clinic_id);
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return 0;
  auto unguarded = co_await tx.Query("ALTER TABLE decision_versions DISABLE TRIGGER decision_versions_final");
  if (!unguarded) co_return unguarded.error();
  keys::ClinicalText text(tx, clinic_id);
  for (int row = 0; row < rows->size(); ++row) {
    const std::string item_id = rows->Text(row, 0);
    const int version = std::stoi(rows->Text(row, 1));
    const boost::json::object fields{{"outcome_detail", rows->Text(row, 3)}, {"rationale", rows->Text(row, 4)}};
    const std::string patient_id = rows->Text(row, 2);
    const std::string place = repository::PlaceOf(item_id, version);
    auto sealed = co_await text.Seal(patient_id, place, fields);
    if (!sealed) co_return sealed.error();
    auto updated = co_await tx.Query(
        "UPDATE decision_versions SET clinical_text = decode($4, 'hex'), outcome_detail = NULL, rationale = NULL "
        "WHERE clinic_id = $1 AND agenda_item_id = $2 AND version = $3",
        clinic_id, item_id, rows->Text(row, 1), *sealed);
    if (!updated) co_return updated.error();
  }
  auto guarded = co_await tx.Query("ALTER TABLE decision_versions ENABLE TRIGGER decision_versions_final");
  if (!guarded) co_return guarded.error();
  co_return rows->size();
}

}  // namespace consilium::decisions
