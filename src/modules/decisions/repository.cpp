#include "modules/decisions/repository.hpp"

#include "platform/db/array_literal.hpp"
#include "platform/db/sql_fragments.hpp"
#include "platform/json/fields.hpp"

#include <sstream>

namespace consilium::decisions::repository {
namespace {

// The outcome's detail and the rationale are in the sealed clinical text only (OpenText).
#define VERSION_COLUMNS                                                                                     \
  "version, agenda_item_id, meeting_id, patient_id, outcome::text, "                                       \
  "resolution::text, trial_considered, trial_name, responsible_clinician_id, change_reason, "               \
  "array_to_string(present, ','), quorate, recorded_by, " CONSILIUM_SQL_UTC("recorded_at") ", signed_by, " \
  CONSILIUM_SQL_UTC("signed_at") ", encode(clinical_text, 'hex')"

std::vector<std::string> SplitCommas(std::string_view text) {
  std::vector<std::string> parts;
  std::stringstream in{std::string(text)};
  for (std::string part; std::getline(in, part, ',');) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

std::optional<std::string> OptionalText(const db::Rows& rows, int row, int column) {
  if (rows.IsNull(row, column)) return std::nullopt;
  return rows.Text(row, column);
}

Version FromRow(const db::Rows& rows, int row) {
  Version version;
  version.version = std::stoi(rows.Text(row, 0));
  version.agenda_item_id = rows.Text(row, 1);
  version.meeting_id = rows.Text(row, 2);
  version.patient_id = rows.Text(row, 3);
  version.input.outcome = rows.Text(row, 4);
  version.input.resolution = rows.Text(row, 5);
  version.input.trial_considered = rows.Get(row, 6) == "t";
  version.input.trial_name = OptionalText(rows, row, 7);
  version.input.responsible_clinician_id = rows.Text(row, 8);
  version.input.reason = OptionalText(rows, row, 9);
  version.present = SplitCommas(rows.Get(row, 10));
  version.quorate = rows.Get(row, 11) == "t";
  version.recorded_by = rows.Text(row, 12);
  version.recorded_at = rows.Text(row, 13);
  version.signed_by = OptionalText(rows, row, 14);
  version.signed_at = OptionalText(rows, row, 15);
  return version;
}

std::string Bool(bool value) { return value ? "true" : "false"; }

constexpr int kClinicalTextColumn = 16;

std::string VersionPlace(const Version& version) { return PlaceOf(version.agenda_item_id, version.version); }

awaitable<Result<std::string>> SealText(keys::ClinicalText& text, const Version& version) {
  const boost::json::object fields{{"outcome_detail", version.input.outcome_detail},
                                   {"rationale", version.input.rationale}};
  const std::string place = VersionPlace(version);
  co_return co_await text.Seal(version.patient_id, place, fields);
}

awaitable<Status> OpenText(keys::ClinicalText& text, const db::Rows& rows, int row, Version& version) {
  const std::string place = VersionPlace(version);
  auto fields = co_await text.Open(version.patient_id, place, rows.Get(row, kClinicalTextColumn));
  if (!fields) co_return fields.error();
  version.input.outcome_detail = json::StringOr(*fields, "outcome_detail");
  version.input.rationale = json::StringOr(*fields, "rationale");
  co_return Status{};
}

}  // namespace

std::string PlaceOf(const std::string& item_id, int version) {
  return "decision_versions:" + item_id + "/" + std::to_string(version);
}

awaitable<Result<ItemFacts>> LockItem(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                                      const std::string& item_id) {
  auto rows = co_await tx.Query(
      "SELECT a.state = 'approved', a.patient_id, m.state::text, array_to_string(m.core_roles, ',') "
      "FROM agenda_items a JOIN meetings m ON m.clinic_id = a.clinic_id AND m.id = a.meeting_id "
      "WHERE a.clinic_id = $1 AND a.meeting_id = $2 AND a.id = $3 FOR UPDATE OF a",
      clinic_id, meeting_id, item_id);
  if (!rows) co_return rows.error();
  ItemFacts facts;
  if (rows->empty()) co_return facts;
  facts.exists = true;
  facts.approved = rows->Get(0, 0) == "t";
  facts.patient_id = rows->Text(0, 1);
  facts.meeting_state = rows->Text(0, 2);
  for (const auto& name : SplitCommas(rows->Get(0, 3))) facts.core_roles.push_back(*security::ParseMeetingRole(name));
  auto present = co_await tx.Query(
      "SELECT user_id, meeting_role::text FROM meeting_participants "
      "WHERE clinic_id = $1 AND meeting_id = $2 AND attended AND removed_at IS NULL ORDER BY user_id",
      clinic_id, meeting_id);
  if (!present) co_return present.error();
  for (int row = 0; row < present->size(); ++row) {
    facts.present.emplace_back(present->Text(row, 0), *security::ParseMeetingRole(present->Get(row, 1)));
  }
  co_return facts;
}

awaitable<Result<std::vector<Version>>> Versions(db::Tx& tx, keys::ClinicalText& text, const std::string& clinic_id,
                                                 const std::string& item_id) {
  auto rows = co_await tx.Query("SELECT " VERSION_COLUMNS " FROM decision_versions "
                                "WHERE clinic_id = $1 AND agenda_item_id = $2 ORDER BY version DESC",
                                clinic_id, item_id);
  if (!rows) co_return rows.error();
  std::vector<Version> versions;
  for (int row = 0; row < rows->size(); ++row) {
    versions.push_back(FromRow(*rows, row));
    if (auto opened = co_await OpenText(text, *rows, row, versions.back()); !opened) co_return opened.error();
  }
  co_return versions;
}

awaitable<Status> Insert(db::Tx& tx, keys::ClinicalText& text, const std::string& clinic_id, const Version& v) {
  const DecisionInput& in = v.input;
  auto sealed = co_await SealText(text, v);
  if (!sealed) co_return sealed.error();
  auto rows = co_await tx.Query(
      "INSERT INTO decision_versions (clinic_id, agenda_item_id, version, meeting_id, patient_id, outcome, "
      "clinical_text, resolution, present, quorate, trial_considered, trial_name, "
      "responsible_clinician_id, change_reason, recorded_by) VALUES ($1, $2, $3, $4, $5, $6::decision_outcome, "
      "decode($7, 'hex'), $8::decision_resolution, $9::uuid[], $10, $11, $12, $13, $14, $15)",
      clinic_id, v.agenda_item_id, std::to_string(v.version), v.meeting_id, v.patient_id, in.outcome, *sealed,
      in.resolution, db::ArrayLiteral(v.present), Bool(v.quorate),
      Bool(in.trial_considered), in.trial_name, in.responsible_clinician_id, in.reason, v.recorded_by);
  if (!rows) co_return rows.error();
  co_return Status{};
}

awaitable<Status> ReplaceDraft(db::Tx& tx, keys::ClinicalText& text, const std::string& clinic_id,
                               const Version& v) {
  const DecisionInput& in = v.input;
  auto sealed = co_await SealText(text, v);
  if (!sealed) co_return sealed.error();
  auto rows = co_await tx.Query(
      "UPDATE decision_versions SET outcome = $4::decision_outcome, outcome_detail = NULL, rationale = NULL, "
      "clinical_text = decode($5, 'hex'), "
      "resolution = $6::decision_resolution, present = $7::uuid[], quorate = $8, trial_considered = $9, "
      "trial_name = $10, responsible_clinician_id = $11, recorded_by = $12, recorded_at = now() "
      "WHERE clinic_id = $1 AND agenda_item_id = $2 AND version = $3 AND signed_at IS NULL",
      clinic_id, v.agenda_item_id, std::to_string(v.version), in.outcome, *sealed,
      in.resolution, db::ArrayLiteral(v.present), Bool(v.quorate), Bool(in.trial_considered), in.trial_name,
      in.responsible_clinician_id, v.recorded_by);
  if (!rows) co_return rows.error();
  co_return Status{};
}

awaitable<Status> Sign(db::Tx& tx, const std::string& clinic_id, const std::string& item_id, int version,
                       const std::string& signer) {
  auto rows = co_await tx.Query(
      "UPDATE decision_versions SET signed_by = $4, signed_at = now() "
      "WHERE clinic_id = $1 AND agenda_item_id = $2 AND version = $3",
      clinic_id, item_id, std::to_string(version), signer);
  if (!rows) co_return rows.error();
  co_return Status{};
}

}  // namespace consilium::decisions::repository
