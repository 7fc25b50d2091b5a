// Decisions written before their text was sealed (migration 0015) are sealed in place. A signed version
// never changes, and this changes only how its words are stored, so the owner lifts the guard for the
// length of the transaction (the runtime role cannot).
#include "modules/decisions/decisions.hpp"
#include "modules/decisions/repository.hpp"
#include "modules/keys/keys.hpp"

namespace consilium::decisions {

awaitable<Result<int>> SealLegacyText(db::Tx& tx, const std::string& clinic_id) {
  auto legacy = co_await tx.Query(
      "SELECT 1 FROM decision_versions WHERE clinic_id = $1 AND clinical_text IS NULL "
      "LIMIT 1",
      clinic_id);
  if (!legacy) co_return legacy.error();
  if (legacy->empty()) co_return 0;
  auto unguarded = co_await tx.Query("ALTER TABLE decision_versions DISABLE TRIGGER decision_versions_final");
  if (!unguarded) co_return unguarded.error();
  keys::ClinicalText text(tx, clinic_id);
  auto sealed = co_await text.SealInPlace(
      "SELECT agenda_item_id, version, patient_id, coalesce(outcome_detail, ''), rationale FROM decision_versions "
      "WHERE clinic_id = $1 AND clinical_text IS NULL FOR UPDATE",
      [](const db::Rows& rows, int row) {
        return keys::PlainTextRow{rows.Text(row, 2),
                                  repository::PlaceOf(rows.Text(row, 0), std::stoi(rows.Text(row, 1))),
                                  {{"outcome_detail", rows.Text(row, 3)}, {"rationale", rows.Text(row, 4)}},
                                  {rows.Text(row, 0), rows.Text(row, 1)}};
      },
      "UPDATE decision_versions SET clinical_text = decode($4, 'hex'), outcome_detail = NULL, rationale = NULL "
      "WHERE clinic_id = $1 AND agenda_item_id = $2 AND version = $3");
  if (!sealed) co_return sealed.error();
  auto guarded = co_await tx.Query("ALTER TABLE decision_versions ENABLE TRIGGER decision_versions_final");
  if (!guarded) co_return guarded.error();
  co_return sealed;
}

}  // namespace consilium::decisions
