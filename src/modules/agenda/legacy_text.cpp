// Proformas written before their text was sealed (migration 0015) are sealed in place.
#include "modules/agenda/agenda.hpp"
#include "modules/keys/keys.hpp"

namespace consilium::agenda {

awaitable<Result<int>> SealLegacyText(db::Tx& tx, const std::string& clinic_id) {
  keys::ClinicalText text(tx, clinic_id);
  co_return co_await text.SealInPlace(
      "SELECT id, patient_id, clinical_question, summary, coalesce(comorbidities, ''), coalesce(investigations, '') "
      "FROM agenda_items WHERE clinic_id = $1 AND clinical_text IS NULL FOR UPDATE",
      [](const db::Rows& rows, int row) {
        return keys::PlainTextRow{rows.Text(row, 1),
                                  std::string(kClinicalTextPlace),
                                  {{"clinical_question", rows.Text(row, 2)},
                                   {"summary", rows.Text(row, 3)},
                                   {"comorbidities", rows.Text(row, 4)},
                                   {"investigations", rows.Text(row, 5)}},
                                  {rows.Text(row, 0)}};
      },
      "UPDATE agenda_items SET clinical_text = decode($3, 'hex'), clinical_question = NULL, summary = NULL, "
      "comorbidities = NULL, investigations = NULL WHERE clinic_id = $1 AND id = $2");
}

}  // namespace consilium::agenda
