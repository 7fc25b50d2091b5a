#include "modules/agenda/repository.hpp"

#include "modules/agenda/agenda.hpp"
#include "modules/keys/keys.hpp"

#include "platform/db/array_literal.hpp"
#include "platform/db/sql_fragments.hpp"
#include "platform/json/fields.hpp"

namespace consilium::agenda::repository {
namespace {

// The proforma's words are in the sealed clinical text only (OpenProforma); ecog stays plain.
#define ITEM_COLUMNS                                                                                 \
  "a.id, a.meeting_id, p.id, p.mrn, p.family_name, p.given_name, p.birth_date::text, p.sex::text, "  \
  "a.proposed_by, a.state::text, a.ecog, a.late, a.position, a.triage::text, a.rejection_reason, "   \
  "a.version, " CONSILIUM_SQL_UTC("a.created_at") ", a.carried_from_item_id, encode(a.clinical_text, 'hex')"
#define ITEM_FROM " FROM agenda_items a JOIN patients p ON p.clinic_id = a.clinic_id AND p.id = a.patient_id "

Item FromRow(const db::Rows& rows, int row) {
  Item item;
  item.id = rows.Text(row, 0);
  item.meeting_id = rows.Text(row, 1);
  item.patient = PatientSummary{rows.Text(row, 2), rows.Text(row, 3), rows.Text(row, 4),
                                rows.Text(row, 5), rows.Text(row, 6), rows.Text(row, 7)};
  item.proposed_by = rows.Text(row, 8);
  item.state = *ParseItemState(rows.Get(row, 9));
  item.proforma.ecog = std::stoi(rows.Text(row, 10));
  item.late = rows.Get(row, 11) == "t";
  if (!rows.IsNull(row, 12)) item.position = std::stoi(rows.Text(row, 12));
  if (!rows.IsNull(row, 13)) item.triage = ParseTriage(rows.Get(row, 13));
  if (!rows.IsNull(row, 14)) item.rejection_reason = rows.Text(row, 14);
  item.version = std::stoi(rows.Text(row, 15));
  item.created_at = rows.Text(row, 16);
  if (!rows.IsNull(row, 17)) item.carried_from_item_id = rows.Text(row, 17);
  return item;
}

constexpr int kClinicalTextColumn = 18;

awaitable<Status> OpenProforma(keys::ClinicalText& text, const db::Rows& rows, int row, Item& item) {
  auto fields = co_await text.Open(item.patient.id, kClinicalTextPlace, rows.Get(row, kClinicalTextColumn));
  if (!fields) co_return fields.error();
  item.proforma.clinical_question = json::StringOr(*fields, "clinical_question");
  item.proforma.summary = json::StringOr(*fields, "summary");
  item.proforma.comorbidities = json::StringOr(*fields, "comorbidities");
  item.proforma.investigations = json::StringOr(*fields, "investigations");
  co_return Status{};
}

awaitable<Result<std::vector<Item>>> ItemsFrom(db::Tx& tx, const std::string& clinic_id, const db::Rows& rows) {
  keys::ClinicalText text(tx, clinic_id);
  std::vector<std::string> patient_ids;
  for (int row = 0; row < rows.size(); ++row) patient_ids.push_back(rows.Text(row, 2));
  if (auto prefetched = co_await text.Prefetch(patient_ids); !prefetched) co_return prefetched.error();
  std::vector<Item> items;
  for (int row = 0; row < rows.size(); ++row) {
    items.push_back(FromRow(rows, row));
    if (auto opened = co_await OpenProforma(text, rows, row, items.back()); !opened) co_return opened.error();
  }
  co_return items;
}

}  // namespace

awaitable<Result<MeetingFacts>> FactsOf(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                                        const std::string& user_id, bool for_update) {
  constexpr std::string_view kSelect =
      "SELECT m.state IN ('draft', 'scheduled'), m.state IN ('completed', 'cancelled'), "
      "now() > m.proposal_cutoff_at, "
      CONSILIUM_SQL_UTC("m.proposal_cutoff_at") ", "
      "EXISTS (SELECT 1 FROM meeting_participants p WHERE p.clinic_id = m.clinic_id AND p.meeting_id = m.id "
      "  AND p.user_id = $3 AND p.removed_at IS NULL AND p.meeting_role = 'organiser') "
      "FROM meetings m WHERE m.clinic_id = $1 AND m.id = $2";
  // The meeting row is locked while its agenda is reordered, so two reviews take turns.
  const std::string sql = std::string(kSelect) + (for_update ? " FOR UPDATE OF m" : "");
  auto rows = co_await tx.Query(sql, clinic_id, meeting_id, user_id);
  if (!rows) co_return rows.error();
  MeetingFacts facts;
  if (rows->empty()) co_return facts;
  facts.exists = true;
  facts.open = rows->Get(0, 0) == "t";
  facts.over = rows->Get(0, 1) == "t";
  facts.cutoff_passed = rows->Get(0, 2) == "t";
  facts.cutoff = rows->Text(0, 3);
  facts.organiser = rows->Get(0, 4) == "t";
  co_return facts;
}

awaitable<Status> Insert(db::Tx& tx, const std::string& clinic_id, const std::string& id, const std::string& meeting_id,
                         const Proposal& proposal, const std::string& proposed_by, bool late) {
  const Proforma& form = proposal.proforma;
  keys::ClinicalText text(tx, clinic_id);
  const boost::json::object fields{{"clinical_question", form.clinical_question},
                                   {"summary", form.summary},
                                   {"comorbidities", form.comorbidities},
                                   {"investigations", form.investigations}};
  auto sealed = co_await text.Seal(proposal.patient_id, kClinicalTextPlace, fields);
  if (!sealed) co_return sealed.error();
  auto rows = co_await tx.Query(
      "INSERT INTO agenda_items (clinic_id, id, meeting_id, patient_id, proposed_by, clinical_text, ecog, late) "
      "VALUES ($1, $2, $3, $4, $5, decode($6, 'hex'), $7, $8)",
      clinic_id, id, meeting_id, proposal.patient_id, proposed_by, *sealed, std::to_string(form.ecog),
      std::string(late ? "true" : "false"));
  if (!rows) co_return rows.error();
  co_return Status{};
}

awaitable<Result<std::optional<Item>>> Find(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                                            const std::string& item_id) {
  auto rows =
      co_await tx.Query("SELECT " ITEM_COLUMNS ITEM_FROM "WHERE a.clinic_id = $1 AND a.meeting_id = $2 AND a.id = $3",
                        clinic_id, meeting_id, item_id);
  if (!rows) co_return rows.error();
  auto items = co_await ItemsFrom(tx, clinic_id, *rows);
  if (!items) co_return items.error();
  if (items->empty()) co_return std::optional<Item>{};
  co_return std::optional<Item>(std::move(items->front()));
}

awaitable<Result<std::vector<Item>>> List(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                                          bool approved) {
  constexpr std::string_view kApproved = "SELECT " ITEM_COLUMNS ITEM_FROM
                                         "WHERE a.clinic_id = $1 AND a.meeting_id = $2 AND a.state = 'approved' "
                                         "ORDER BY a.position";
  constexpr std::string_view kProposals = "SELECT " ITEM_COLUMNS ITEM_FROM
                                          "WHERE a.clinic_id = $1 AND a.meeting_id = $2 AND a.state <> 'approved' "
                                          "ORDER BY a.state, a.created_at, a.id";
  auto rows = co_await tx.Query(approved ? kApproved : kProposals, clinic_id, meeting_id);
  if (!rows) co_return rows.error();
  co_return co_await ItemsFrom(tx, clinic_id, *rows);
}

awaitable<Status> Approve(db::Tx& tx, const std::string& clinic_id, const std::string& item_id, Triage triage,
                          int position, const std::string& reviewer) {
  auto rows = co_await tx.Query(
      "UPDATE agenda_items SET state = 'approved', triage = $3::agenda_triage, position = $4, reviewed_by = $5, "
      "reviewed_at = now(), version = version + 1, updated_at = now() WHERE clinic_id = $1 AND id = $2",
      clinic_id, item_id, std::string(TriageName(triage)), std::to_string(position), reviewer);
  if (!rows) co_return rows.error();
  co_return Status{};
}

awaitable<Status> Reject(db::Tx& tx, const std::string& clinic_id, const std::string& item_id,
                         const std::string& reason, const std::string& reviewer) {
  auto rows = co_await tx.Query(
      "UPDATE agenda_items SET state = 'rejected', rejection_reason = $3, reviewed_by = $4, reviewed_at = now(), "
      "version = version + 1, updated_at = now() WHERE clinic_id = $1 AND id = $2",
      clinic_id, item_id, reason, reviewer);
  if (!rows) co_return rows.error();
  co_return Status{};
}

awaitable<Result<std::vector<std::array<std::string, 3>>>> CarryOver(db::Tx& tx, const std::string& clinic_id,
                                                                     const std::string& meeting_id,
                                                                     const std::string& actor) {
  // A patient already on (or waiting for) the next agenda is not added twice.
  auto rows = co_await tx.Query(
      "INSERT INTO agenda_items (clinic_id, id, meeting_id, patient_id, proposed_by, ecog, clinical_text, "
      "carried_from_item_id) "
      "SELECT a.clinic_id, gen_random_uuid(), next.id, a.patient_id, $3, a.ecog, a.clinical_text, a.id "
      "FROM agenda_items a "
      "JOIN LATERAL (SELECT d.resolution FROM decision_versions d WHERE d.clinic_id = a.clinic_id "
      "  AND d.agenda_item_id = a.id ORDER BY d.version DESC LIMIT 1) latest ON true "
      "CROSS JOIN (SELECT n.id FROM meetings cur JOIN meetings n ON n.clinic_id = cur.clinic_id "
      "  AND n.series_id = cur.series_id AND n.starts_at > cur.starts_at AND n.state IN ('draft', 'scheduled') "
      "  WHERE cur.clinic_id = $1 AND cur.id = $2 ORDER BY n.starts_at LIMIT 1) next "
      "WHERE a.clinic_id = $1 AND a.meeting_id = $2 AND a.state = 'approved' AND latest.resolution <> 'resolved' "
      "ON CONFLICT (clinic_id, meeting_id, patient_id) WHERE state IN ('pending', 'approved') DO NOTHING "
      "RETURNING id, patient_id, carried_from_item_id",
      clinic_id, meeting_id, actor);
  if (!rows) co_return rows.error();
  std::vector<std::array<std::string, 3>> carried;
  for (int row = 0; row < rows->size(); ++row) {
    std::array<std::string, 3> copy{rows->Text(row, 0), rows->Text(row, 1), rows->Text(row, 2)};
    carried.push_back(std::move(copy));
  }
  co_return carried;
}

awaitable<Status> WriteOrder(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                             const std::vector<std::string>& item_ids) {
  const std::string ids = db::ArrayLiteral(item_ids);
  auto rows = co_await tx.Query(
      "UPDATE agenda_items a SET position = o.position, updated_at = now() "
      "FROM unnest($3::uuid[]) WITH ORDINALITY AS o(id, position) "
      "WHERE a.clinic_id = $1 AND a.meeting_id = $2 AND a.id = o.id AND a.position IS DISTINCT FROM o.position",
      clinic_id, meeting_id, ids);
  if (!rows) co_return rows.error();
  co_return Status{};
}

}  // namespace consilium::agenda::repository
