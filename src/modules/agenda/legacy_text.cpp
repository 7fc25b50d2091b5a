// Proformas written before their text was sealed (migration 0015) are sealed in place.
#include "modules/agenda/agenda.hpp"
#include "modules/keys/keys.hpp"

namespace consilium::agenda {

awaitable<Result<int>> SealLegacyText(db::Tx& tx, const std::string& clinic_id) {
  auto rows = co_await tx.Query(
      "SELECT id, patient_id, clinical_question, summary, coalesce(comorbidities, ''), coalesce(investigations, '') "
      "FROM agenda_items WHERE clinic_id = $1 AND clinical_text IS NULL FOR UPDATE",
      clinic_id);
  if (!rows) co_return rows.error();
  keys::ClinicalText text(tx, clinic_id);
  for (int row = 0; row < rows->size(); ++row) {
    const boost::json::object fields{{"clinical_question", rows->Text(row, 2)},
                                     {"summary", rows->Text(row, 3)},
                                     {"comorbidities", rows->Text(row, 4)},
                                     {"investigations", rows->Text(row, 5)}};
    const std::string patient_id = rows->Text(row, 1);
    auto sealed = co_await text.Seal(patient_id, kClinicalTextPlace, fields);
    if (!sealed) co_return sealed.error();
    auto updated = co_await tx.Query(
        "UPDATE agenda_items SET clinical_text = decode($3, 'hex'), clinical_question = NULL, summary = NULL, "
        "comorbidities = NULL, investigations = NULL WHERE clinic_id = $1 AND id = $2",
        clinic_id, rows->Text(row, 0), *sealed);
    if (!updated) co_return updated.error();
  }
  co_return rows->size();
}

}  // namespace consilium::agenda
