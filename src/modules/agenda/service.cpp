#include "modules/agenda/agenda.hpp"
#include "modules/agenda/repository.hpp"
#include "modules/keys/keys.hpp"
#include "modules/patients/patients.hpp"
#include "platform/crypto/random.hpp"
#include "security/audit.hpp"

#include <algorithm>
#include <set>

namespace consilium::agenda {
namespace {

using security::AuditEntry;
constexpr std::string_view kResource = "agenda_item";
constexpr std::string_view kProformaText[] = {"clinical_question", "summary", "comorbidities", "investigations"};

Error MeetingNotFound() { return NotFound("meeting not found"); }

boost::json::array Ids(const std::vector<Item>& items) {
  boost::json::array ids;
  for (const auto& item : items) ids.push_back(boost::json::string(item.id));
  return ids;
}

// The patients a list of items shows: each one was accessed.
std::vector<std::string> PatientIds(const std::vector<Item>& items) {
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(item.patient.id);
  return ids;
}

// A list read, under its route's action: which patients it showed.
void RecordListRead(db::Tx& tx, const RequestContext& context, std::string_view action, const std::string& meeting_id,
                    const std::vector<Item>& items, std::string_view part) {
  const AuditEntry entry{.action = action, .resource_type = "meeting", .resource_id = meeting_id,
                         .patient_ids = PatientIds(items), .detail = boost::json::object{{"part", part}}};
  security::Record(tx, context, entry);
}

using ItemsBody = std::function<awaitable<Status>(db::Tx&, const repository::MeetingFacts&)>;

// Runs `body` on an existing meeting, locked so that reviews take turns.
awaitable<Status> OnMeeting(const RequestContext& context, const std::string& meeting_id, bool lock, ItemsBody body) {
  co_return co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto facts = co_await repository::FactsOf(tx, context.principal->clinic_id, meeting_id,
                                              context.principal->user_id, lock);
    if (!facts) co_return facts.error();
    if (!facts->exists) co_return MeetingNotFound();
    co_return co_await body(tx, *facts);
  });
}

// A pending item of this meeting, for review.
awaitable<Result<Item>> PendingItem(db::Tx& tx, const RequestContext& context, const repository::MeetingFacts& facts,
                                    const std::string& meeting_id, const std::string& item_id) {
  if (facts.over) co_return MakeError(ErrorCode::kConflict, "the meeting is over; its agenda no longer changes");
  auto item = co_await repository::Find(tx, context.principal->clinic_id, meeting_id, item_id);
  if (!item) co_return item.error();
  if (!*item) co_return NotFound("agenda item not found");
  if ((*item)->state != ItemState::kPending) {
    co_return MakeError(ErrorCode::kConflict, "this item was already " + std::string(ItemStateName((*item)->state)));
  }
  co_return std::move(**item);
}

}  // namespace

awaitable<Result<Item>> Propose(const RequestContext& context, const std::string& meeting_id,
                                const Proposal& proposal) {
  const std::string& clinic_id = context.principal->clinic_id;
  const std::string item_id = crypto::NewUuidV4();
  std::optional<Item> proposed;
  auto status = co_await OnMeeting(context, meeting_id, false, [&](db::Tx& tx, const repository::MeetingFacts& facts)
                                                                   -> awaitable<Status> {
    if (!facts.open) co_return MakeError(ErrorCode::kConflict, "proposals are taken while a meeting is draft or scheduled");
    const bool may_be_late = facts.organiser || context.principal->role == security::ClinicRole::kOwner;
    if (facts.cutoff_passed && !may_be_late) {
      co_return MakeError(ErrorCode::kConflict, "proposals for this meeting closed at " + facts.cutoff +
                                                    "; ask the organiser to add the patient");
    }
    auto patient = co_await patients::PatientExists(tx, clinic_id, proposal.patient_id);
    if (!patient) co_return patient.error();
    if (!*patient) co_return NotFound("patient not found");
    auto inserted = co_await repository::Insert(tx, clinic_id, item_id, meeting_id, proposal,
                                                context.principal->user_id, facts.cutoff_passed);
    if (!inserted) {
      if (inserted.error().code == ErrorCode::kConflict) {
        co_return MakeError(ErrorCode::kConflict, "this patient is already on this meeting's agenda or waiting for it");
      }
      co_return inserted.error();
    }
    auto item = co_await repository::Find(tx, clinic_id, meeting_id, item_id);
    if (!item) co_return item.error();
    proposed = std::move(*item);
    // The trail keeps that the proforma was written, not what it says.
    boost::json::object after = ToJson(*proposed);
    keys::ClinicalText text(tx, clinic_id);
    if (auto withheld = co_await text.Withhold(proposal.patient_id, after, kProformaText); !withheld) {
      co_return withheld.error();
    }
    const AuditEntry entry{.action = "agenda.propose", .resource_type = kResource, .resource_id = item_id,
                           .patient_id = proposal.patient_id, .after = std::move(after)};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return std::move(*proposed);
}

awaitable<Result<std::vector<Item>>> ApprovedAgenda(const RequestContext& context, const std::string& meeting_id) {
  std::vector<Item> items;
  auto status = co_await OnMeeting(context, meeting_id, false, [&](db::Tx& tx, const repository::MeetingFacts&)
                                                                   -> awaitable<Status> {
    auto rows = co_await repository::List(tx, context.principal->clinic_id, meeting_id, true);
    if (!rows) co_return rows.error();
    items = std::move(*rows);
    RecordListRead(tx, context, "agenda.read", meeting_id, items, "agenda");
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return items;
}

awaitable<Result<std::vector<Item>>> Proposals(const RequestContext& context, const std::string& meeting_id) {
  std::vector<Item> items;
  auto status = co_await OnMeeting(context, meeting_id, false, [&](db::Tx& tx, const repository::MeetingFacts&)
                                                                   -> awaitable<Status> {
    auto rows = co_await repository::List(tx, context.principal->clinic_id, meeting_id, false);
    if (!rows) co_return rows.error();
    items = std::move(*rows);
    RecordListRead(tx, context, "agenda.review", meeting_id, items, "proposals");
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return items;
}

awaitable<Result<Item>> Approve(const RequestContext& context, const std::string& meeting_id,
                                const std::string& item_id, const Approval& approval) {
  const std::string& clinic_id = context.principal->clinic_id;
  std::optional<Item> approved;
  auto status = co_await OnMeeting(context, meeting_id, true, [&](db::Tx& tx, const repository::MeetingFacts& facts)
                                                                  -> awaitable<Status> {
    auto item = co_await PendingItem(tx, context, facts, meeting_id, item_id);
    if (!item) co_return item.error();
    auto agenda = co_await repository::List(tx, clinic_id, meeting_id, true);
    if (!agenda) co_return agenda.error();
    std::vector<std::string> order;
    for (const auto& existing : *agenda) order.push_back(existing.id);
    const auto at = std::min<std::size_t>(approval.position.value_or(order.size() + 1) - 1, order.size());
    order.insert(order.begin() + static_cast<std::ptrdiff_t>(at), item_id);
    const int position = static_cast<int>(at) + 1;
    auto written = co_await repository::Approve(tx, clinic_id, item_id, approval.triage, position,
                                                context.principal->user_id);
    if (!written) co_return written.error();
    if (auto ordered = co_await repository::WriteOrder(tx, clinic_id, meeting_id, order); !ordered) {
      co_return ordered.error();
    }
    auto reread = co_await repository::Find(tx, clinic_id, meeting_id, item_id);
    if (!reread) co_return reread.error();
    approved = std::move(*reread);
    const AuditEntry entry{.action = "agenda.review", .resource_type = kResource, .resource_id = item_id,
                           .patient_id = item->patient.id,
                           .before = boost::json::object{{"state", "pending"}},
                           .after = boost::json::object{{"state", "approved"},
                                                        {"position", position},
                                                        {"triage", TriageName(approval.triage)}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return std::move(*approved);
}

awaitable<Result<Item>> Reject(const RequestContext& context, const std::string& meeting_id,
                               const std::string& item_id, const std::string& reason) {
  const std::string& clinic_id = context.principal->clinic_id;
  std::optional<Item> rejected;
  auto status = co_await OnMeeting(context, meeting_id, true, [&](db::Tx& tx, const repository::MeetingFacts& facts)
                                                                  -> awaitable<Status> {
    auto item = co_await PendingItem(tx, context, facts, meeting_id, item_id);
    if (!item) co_return item.error();
    if (auto written = co_await repository::Reject(tx, clinic_id, item_id, reason, context.principal->user_id);
        !written) {
      co_return written.error();
    }
    auto reread = co_await repository::Find(tx, clinic_id, meeting_id, item_id);
    if (!reread) co_return reread.error();
    rejected = std::move(*reread);
    const AuditEntry entry{.action = "agenda.review", .resource_type = kResource, .resource_id = item_id,
                           .patient_id = item->patient.id, .before = boost::json::object{{"state", "pending"}},
                           .after = boost::json::object{{"state", "rejected"}, {"reason", reason}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return std::move(*rejected);
}

awaitable<Result<std::vector<Item>>> Reorder(const RequestContext& context, const std::string& meeting_id,
                                             const std::vector<std::string>& item_ids) {
  const std::string& clinic_id = context.principal->clinic_id;
  std::vector<Item> reordered;
  auto status = co_await OnMeeting(context, meeting_id, true, [&](db::Tx& tx, const repository::MeetingFacts& facts)
                                                                  -> awaitable<Status> {
    if (facts.over) co_return MakeError(ErrorCode::kConflict, "the meeting is over; its agenda no longer changes");
    auto agenda = co_await repository::List(tx, clinic_id, meeting_id, true);
    if (!agenda) co_return agenda.error();
    std::set<std::string> current;
    for (const auto& item : *agenda) current.insert(item.id);
    if (std::set<std::string>(item_ids.begin(), item_ids.end()) != current || item_ids.size() != current.size()) {
      co_return InvalidArgument("'item_ids' must list every approved item exactly once");
    }
    if (auto ordered = co_await repository::WriteOrder(tx, clinic_id, meeting_id, item_ids); !ordered) {
      co_return ordered.error();
    }
    auto reread = co_await repository::List(tx, clinic_id, meeting_id, true);
    if (!reread) co_return reread.error();
    reordered = std::move(*reread);
    const AuditEntry entry{.action = "agenda.review", .resource_type = "meeting", .resource_id = meeting_id,
                           .patient_ids = PatientIds(reordered),
                           .before = boost::json::object{{"order", Ids(*agenda)}},
                           .after = boost::json::object{{"order", Ids(reordered)}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return reordered;
}

awaitable<Result<int>> CarryOverUnresolved(db::Tx& tx, const RequestContext& context, const std::string& meeting_id) {
  auto carried = co_await repository::CarryOver(tx, context.principal->clinic_id, meeting_id,
                                                context.principal->user_id);
  if (!carried) co_return carried.error();
  for (const auto& [item_id, patient_id, from_item_id] : *carried) {
    const AuditEntry entry{.action = "agenda.propose", .resource_type = kResource, .resource_id = item_id,
                           .patient_id = patient_id,
                           .detail = boost::json::object{{"carried_from_item_id", from_item_id}}};
    security::Record(tx, context, entry);
  }
  co_return static_cast<int>(carried->size());
}

}  // namespace consilium::agenda
