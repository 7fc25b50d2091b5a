// Plan versions and addenda written before their text was sealed (migration 0015) are sealed in place.
#include "modules/keys/keys.hpp"
#include "modules/plans/plans.hpp"
#include "modules/plans/repository.hpp"

#include <boost/json/parse.hpp>

namespace consilium::plans {
namespace {

awaitable<Result<int>> SealVersions(db::Tx& tx, keys::ClinicalText& text, const std::string& clinic_id) {
  auto rows = co_await tx.Query(
      "SELECT v.plan_id, v.version, p.patient_id, v.goals, v.steps::text FROM treatment_plan_versions v "
      "JOIN treatment_plans p ON p.clinic_id = v.clinic_id AND p.id = v.plan_id "
      "WHERE v.clinic_id = $1 AND v.clinical_text IS NULL FOR UPDATE OF v",
      clinic_id);
  if (!rows) co_return rows.error();
  for (int row = 0; row < rows->size(); ++row) {
    const std::string plan_id = rows->Text(row, 0);
    const boost::json::object fields{{"goals", rows->Text(row, 3)}, {"steps", boost::json::parse(rows->Get(row, 4))}};
    const std::string patient_id = rows->Text(row, 2);
    const std::string place = repository::VersionPlace(plan_id, std::stoi(rows->Text(row, 1)));
    auto sealed = co_await text.Seal(patient_id, place, fields);
    if (!sealed) co_return sealed.error();
    auto updated = co_await tx.Query(
        "UPDATE treatment_plan_versions SET clinical_text = decode($4, 'hex'), goals = NULL, steps = NULL "
        "WHERE clinic_id = $1 AND plan_id = $2 AND version = $3",
        clinic_id, plan_id, rows->Text(row, 1), *sealed);
    if (!updated) co_return updated.error();
  }
  co_return rows->size();
}

awaitable<Result<int>> SealAddenda(db::Tx& tx, keys::ClinicalText& text, const std::string& clinic_id) {
  auto rows = co_await tx.Query(
      "SELECT a.id, p.patient_id, a.text FROM treatment_plan_addenda a "
      "JOIN treatment_plans p ON p.clinic_id = a.clinic_id AND p.id = a.plan_id "
      "WHERE a.clinic_id = $1 AND a.clinical_text IS NULL FOR UPDATE OF a",
      clinic_id);
  if (!rows) co_return rows.error();
  for (int row = 0; row < rows->size(); ++row) {
    const boost::json::object fields{{"text", rows->Text(row, 2)}};
    const std::string patient_id = rows->Text(row, 1);
    const std::string place = repository::AddendumPlace(rows->Text(row, 0));
    auto sealed = co_await text.Seal(patient_id, place, fields);
    if (!sealed) co_return sealed.error();
    auto updated = co_await tx.Query(
        "UPDATE treatment_plan_addenda SET clinical_text = decode($3, 'hex'), text = NULL "
        "WHERE clinic_id = $1 AND id = $2",
        clinic_id, rows->Text(row, 0), *sealed);
    if (!updated) co_return updated.error();
  }
  co_return rows->size();
}

}  // namespace

awaitable<Result<int>> SealLegacyText(db::Tx& tx, const std::string& clinic_id) {
  keys::ClinicalText text(tx, clinic_id);
  auto versions = co_await SealVersions(tx, text, clinic_id);
  if (!versions) co_return versions.error();
  auto addenda = co_await SealAddenda(tx, text, clinic_id);
  if (!addenda) co_return addenda.error();
  co_return *versions + *addenda;
}

}  // namespace consilium::plans
