// Plan versions and addenda written before their text was sealed (migration 0015) are sealed in place.
#include "modules/keys/keys.hpp"
#include "modules/plans/plans.hpp"
#include "modules/plans/repository.hpp"

#include <boost/json/parse.hpp>

namespace consilium::plans {

awaitable<Result<int>> SealLegacyText(db::Tx& tx, const std::string& clinic_id) {
  keys::ClinicalText text(tx, clinic_id);
  auto versions = co_await text.SealInPlace(
      "SELECT v.plan_id, v.version, p.patient_id, v.goals, v.steps::text FROM treatment_plan_versions v "
      "JOIN treatment_plans p ON p.clinic_id = v.clinic_id AND p.id = v.plan_id "
      "WHERE v.clinic_id = $1 AND v.clinical_text IS NULL FOR UPDATE OF v",
      [](const db::Rows& rows, int row) {
        return keys::PlainTextRow{rows.Text(row, 2),
                                  repository::VersionPlace(rows.Text(row, 0), std::stoi(rows.Text(row, 1))),
                                  {{"goals", rows.Text(row, 3)}, {"steps", boost::json::parse(rows.Get(row, 4))}},
                                  {rows.Text(row, 0), rows.Text(row, 1)}};
      },
      "UPDATE treatment_plan_versions SET clinical_text = decode($4, 'hex'), goals = NULL, steps = NULL "
      "WHERE clinic_id = $1 AND plan_id = $2 AND version = $3");
  if (!versions) co_return versions.error();
  auto addenda = co_await text.SealInPlace(
      "SELECT a.id, p.patient_id, a.text FROM treatment_plan_addenda a "
      "JOIN treatment_plans p ON p.clinic_id = a.clinic_id AND p.id = a.plan_id "
      "WHERE a.clinic_id = $1 AND a.clinical_text IS NULL FOR UPDATE OF a",
      [](const db::Rows& rows, int row) {
        return keys::PlainTextRow{rows.Text(row, 1),
                                  repository::AddendumPlace(rows.Text(row, 0)),
                                  {{"text", rows.Text(row, 2)}},
                                  {rows.Text(row, 0)}};
      },
      "UPDATE treatment_plan_addenda SET clinical_text = decode($3, 'hex'), text = NULL "
      "WHERE clinic_id = $1 AND id = $2");
  if (!addenda) co_return addenda.error();
  co_return *versions + *addenda;
}

}  // namespace consilium::plans
