#include "modules/plans/repository.hpp"

#include "modules/keys/keys.hpp"
#include "platform/db/sql_fragments.hpp"
#include "platform/json/fields.hpp"

#include <boost/json/serialize.hpp>

namespace consilium::plans::repository {
namespace {

// The goals and steps are in the sealed clinical text only (OpenContent).
#define VERSION_COLUMNS(v)                                                                                \
  v ".version, " v ".state::text, "                                                                       \
  v ".start_date::text, " v ".end_date::text, " v ".responsible_clinician_id, " v ".changed_by, "          \
  CONSILIUM_SQL_UTC(v ".changed_at") ", encode(" v ".clinical_text, 'hex')"

// The edit window closes the clinic's plan_edit_window_days after completion.
#define PLAN_SELECT                                                                                        \
  "SELECT p.id, p.patient_id, p.decision_item_id, " CONSILIUM_SQL_UTC("p.completed_at") ", "               \
  CONSILIUM_SQL_UTC("p.completed_at + make_interval(days => c.plan_edit_window_days)") ", "                \
  "COALESCE(now() < p.completed_at + make_interval(days => c.plan_edit_window_days), false), "             \
  VERSION_COLUMNS("v") " FROM treatment_plans p "                                                          \
  "JOIN treatment_plan_versions v ON v.clinic_id = p.clinic_id AND v.plan_id = p.id AND v.version = p.version " \
  "JOIN clinics c ON c.id = p.clinic_id "

std::optional<std::string> OptionalText(const db::Rows& rows, int row, int column) {
  if (rows.IsNull(row, column)) return std::nullopt;
  return rows.Text(row, column);
}

PlanVersion VersionFromRow(const db::Rows& rows, int row, int first) {
  PlanVersion version;
  version.version = std::stoi(rows.Text(row, first));
  version.state = *ParsePlanState(rows.Get(row, first + 1));
  version.content.start_date = OptionalText(rows, row, first + 2);
  version.content.end_date = OptionalText(rows, row, first + 3);
  version.content.responsible_clinician_id = rows.Text(row, first + 4);
  version.changed_by = rows.Text(row, first + 5);
  version.changed_at = rows.Text(row, first + 6);
  return version;
}

constexpr int kVersionTextColumn = 7;  // after the version's first column

awaitable<Status> OpenContent(keys::ClinicalText& text, const std::string& patient_id, const std::string& plan_id,
                              const db::Rows& rows, int row, int first, PlanVersion& version) {
  const std::string place = VersionPlace(plan_id, version.version);
  auto fields = co_await text.Open(patient_id, place, rows.Get(row, first + kVersionTextColumn));
  if (!fields) co_return fields.error();
  version.content.goals = json::StringOr(*fields, "goals");
  const auto* steps = fields->if_contains("steps");
  if (steps == nullptr || !steps->is_array()) co_return Internal("sealed plan content has no steps");
  version.content.steps = steps->as_array();
  co_return Status{};
}

Plan PlanFromRow(const db::Rows& rows, int row) {
  Plan plan;
  plan.id = rows.Text(row, 0);
  plan.patient_id = rows.Text(row, 1);
  plan.decision_item_id = OptionalText(rows, row, 2);
  plan.completed_at = OptionalText(rows, row, 3);
  plan.edit_window_closes_at = OptionalText(rows, row, 4);
  plan.edit_window_open = rows.Get(row, 5) == "t";
  plan.current = VersionFromRow(rows, row, 6);
  return plan;
}

constexpr int kPlanVersionFirstColumn = 6;

awaitable<Result<std::vector<Plan>>> PlansFrom(keys::ClinicalText& text, const db::Rows& rows) {
  std::vector<Plan> plans;
  for (int row = 0; row < rows.size(); ++row) {
    plans.push_back(PlanFromRow(rows, row));
    Plan& plan = plans.back();
    auto opened = co_await OpenContent(text, plan.patient_id, plan.id, rows, row, kPlanVersionFirstColumn, plan.current);
    if (!opened) co_return opened.error();
  }
  co_return plans;
}

awaitable<Result<Addendum>> AddendumFrom(keys::ClinicalText& text, const std::string& patient_id, const db::Rows& rows,
                                         int row) {
  Addendum addendum{.id = rows.Text(row, 0), .author_id = rows.Text(row, 1), .created_at = rows.Text(row, 2)};
  const std::string place = AddendumPlace(addendum.id);
  auto fields = co_await text.Open(patient_id, place, rows.Get(row, 3));
  if (!fields) co_return fields.error();
  addendum.text = json::StringOr(*fields, "text");
  co_return addendum;
}

}  // namespace

std::string VersionPlace(const std::string& plan_id, int version) {
  return "treatment_plan_versions:" + plan_id + "/" + std::to_string(version);
}

std::string AddendumPlace(const std::string& addendum_id) { return "treatment_plan_addenda:" + addendum_id; }

awaitable<Result<std::optional<Plan>>> Find(db::Tx& tx, const std::string& clinic_id, const std::string& plan_id,
                                            bool for_update) {
  constexpr std::string_view kSelect = PLAN_SELECT "WHERE p.clinic_id = $1 AND p.id = $2";
  constexpr std::string_view kSelectForUpdate = PLAN_SELECT "WHERE p.clinic_id = $1 AND p.id = $2 FOR UPDATE OF p";
  auto rows = co_await tx.Query(for_update ? kSelectForUpdate : kSelect, clinic_id, plan_id);
  if (!rows) co_return rows.error();
  keys::ClinicalText text(tx, clinic_id);
  auto plans = co_await PlansFrom(text, *rows);
  if (!plans) co_return plans.error();
  if (plans->empty()) co_return std::optional<Plan>{};
  Plan plan = std::move(plans->front());
  auto addenda = co_await tx.Query(
      "SELECT id, author_id, " CONSILIUM_SQL_UTC("created_at") ", encode(clinical_text, 'hex') "
      "FROM treatment_plan_addenda WHERE clinic_id = $1 AND plan_id = $2 ORDER BY created_at, id",
      clinic_id, plan_id);
  if (!addenda) co_return addenda.error();
  for (int row = 0; row < addenda->size(); ++row) {
    auto addendum = co_await AddendumFrom(text, plan.patient_id, *addenda, row);
    if (!addendum) co_return addendum.error();
    plan.addenda.push_back(std::move(*addendum));
  }
  co_return std::optional<Plan>(std::move(plan));
}

awaitable<Result<std::vector<Plan>>> ListForPatient(db::Tx& tx, const std::string& clinic_id,
                                                    const std::string& patient_id) {
  auto rows = co_await tx.Query(PLAN_SELECT "WHERE p.clinic_id = $1 AND p.patient_id = $2 ORDER BY p.created_at DESC",
                                clinic_id, patient_id);
  if (!rows) co_return rows.error();
  keys::ClinicalText text(tx, clinic_id);
  co_return co_await PlansFrom(text, *rows);
}

awaitable<Status> Insert(db::Tx& tx, const std::string& clinic_id, const std::string& plan_id,
                         const std::string& patient_id, const NewPlan& plan, const std::string& author) {
  auto inserted = co_await tx.Query(
      "INSERT INTO treatment_plans (clinic_id, id, patient_id, decision_item_id, responsible_clinician_id, "
      "created_by) VALUES ($1, $2, $3, $4, $5, $6)",
      clinic_id, plan_id, patient_id, plan.decision_item_id, plan.content.responsible_clinician_id, author);
  if (!inserted) co_return inserted.error();
  const PlanVersion first{1, PlanState::kDraft, plan.content, author, ""};
  co_return co_await WriteVersion(tx, clinic_id, plan_id, patient_id, first);
}

awaitable<Status> WriteVersion(db::Tx& tx, const std::string& clinic_id, const std::string& plan_id,
                               const std::string& patient_id, const PlanVersion& version) {
  const PlanContent& content = version.content;
  const std::string state(PlanStateName(version.state));
  keys::ClinicalText text(tx, clinic_id);
  const boost::json::object fields{{"goals", content.goals}, {"steps", content.steps}};
  const std::string place = VersionPlace(plan_id, version.version);
  auto sealed = co_await text.Seal(patient_id, place, fields);
  if (!sealed) co_return sealed.error();
  auto written = co_await tx.Query(
      "INSERT INTO treatment_plan_versions (clinic_id, plan_id, version, state, responsible_clinician_id, "
      "clinical_text, start_date, end_date, changed_by) VALUES ($1, $2, $3, $4::plan_state, $5, decode($6, 'hex'), "
      "$7::date, $8::date, $9)",
      clinic_id, plan_id, std::to_string(version.version), state, content.responsible_clinician_id, *sealed,
      content.start_date, content.end_date, version.changed_by);
  if (!written) co_return written.error();
  // At once, not with the commit: the transaction reads the plan back.
  auto moved = co_await tx.Query(
      "UPDATE treatment_plans SET version = $3, state = $4::plan_state, responsible_clinician_id = $5, "
      "completed_at = CASE WHEN $4::plan_state = 'completed' THEN COALESCE(completed_at, now()) END "
      "WHERE clinic_id = $1 AND id = $2",
      clinic_id, plan_id, std::to_string(version.version), state, content.responsible_clinician_id);
  if (!moved) co_return moved.error();
  co_return Status{};
}

awaitable<Result<std::vector<PlanVersion>>> Versions(db::Tx& tx, const std::string& clinic_id,
                                                     const std::string& plan_id, std::optional<int> version) {
  std::optional<std::string> only;
  if (version) only = std::to_string(*version);
  auto rows = co_await tx.Query("SELECT " VERSION_COLUMNS("v") ", p.patient_id FROM treatment_plan_versions v "
                                "JOIN treatment_plans p ON p.clinic_id = v.clinic_id AND p.id = v.plan_id "
                                "WHERE v.clinic_id = $1 AND v.plan_id = $2 AND ($3::int IS NULL OR v.version = $3) "
                                "ORDER BY v.version DESC",
                                clinic_id, plan_id, only);
  if (!rows) co_return rows.error();
  keys::ClinicalText text(tx, clinic_id);
  std::vector<PlanVersion> versions;
  for (int row = 0; row < rows->size(); ++row) {
    versions.push_back(VersionFromRow(*rows, row, 0));
    const std::string patient_id = rows->Text(row, kVersionTextColumn + 1);
    auto opened = co_await OpenContent(text, patient_id, plan_id, *rows, row, 0, versions.back());
    if (!opened) co_return opened.error();
  }
  co_return versions;
}

awaitable<Status> InsertAddendum(db::Tx& tx, const std::string& clinic_id, const std::string& plan_id,
                                 const std::string& patient_id, const Addendum& addendum) {
  keys::ClinicalText text(tx, clinic_id);
  const boost::json::object fields{{"text", addendum.text}};
  const std::string place = AddendumPlace(addendum.id);
  auto sealed = co_await text.Seal(patient_id, place, fields);
  if (!sealed) co_return sealed.error();
  auto written = co_await tx.Query(
      "INSERT INTO treatment_plan_addenda (clinic_id, plan_id, id, clinical_text, author_id) "
      "VALUES ($1, $2, $3, decode($4, 'hex'), $5)",
      clinic_id, plan_id, addendum.id, *sealed, addendum.author_id);
  if (!written) co_return written.error();
  co_return Status{};
}

awaitable<Result<bool>> DecisionExists(db::Tx& tx, const std::string& clinic_id, const std::string& item_id,
                                       const std::string& patient_id) {
  auto rows = co_await tx.Query(
      "SELECT 1 FROM decision_versions WHERE clinic_id = $1 AND agenda_item_id = $2 AND patient_id = $3 LIMIT 1",
      clinic_id, item_id, patient_id);
  if (!rows) co_return rows.error();
  co_return !rows->empty();
}

}  // namespace consilium::plans::repository
