#include "modules/decisions/decisions.hpp"
#include "modules/clinics/clinics.hpp"
#include "modules/decisions/repository.hpp"
#include "security/audit.hpp"

#include <algorithm>
#include <map>

namespace consilium::decisions {
namespace {

using security::AuditEntry;
constexpr std::string_view kResource = "decision";
constexpr std::string_view kClinicalText[] = {"outcome_detail", "rationale"};

struct Locked {
  repository::ItemFacts facts;
  std::vector<Version> versions;  // newest first
};

// The approved item and its versions, locked; 404 for an unknown item.
awaitable<Result<Locked>> LockDecision(db::Tx& tx, keys::ClinicalText& text, const RequestContext& context,
                                       const std::string& meeting_id, const std::string& item_id) {
  auto facts = co_await repository::LockItem(tx, context.principal->clinic_id, meeting_id, item_id);
  if (!facts) co_return facts.error();
  if (!facts->exists) co_return NotFound("agenda item not found");
  auto versions = co_await repository::Versions(tx, text, context.principal->clinic_id, item_id);
  if (!versions) co_return versions.error();
  Locked locked{std::move(*facts), std::move(*versions)};
  co_return locked;
}

Status CheckRecordable(const Locked& locked) {
  if (!locked.facts.approved) return MakeError(ErrorCode::kConflict, "only approved agenda items are decided");
  const std::string& state = locked.facts.meeting_state;
  if (locked.versions.empty() && state != "in_progress") {
    return MakeError(ErrorCode::kConflict, "a decision is first recorded while the meeting is in progress");
  }
  if (state != "in_progress" && state != "completed") {
    return MakeError(ErrorCode::kConflict, "decisions change only while the meeting runs or after it");
  }
  return {};
}

// The version this recording writes: the draft again, or a new one.
Result<Version> NextVersion(const RequestContext& context, const Locked& locked, const std::string& meeting_id,
                            const std::string& item_id, DecisionInput input) {
  Version version{1, item_id, meeting_id, locked.facts.patient_id, std::move(input), {}, false,
                  context.principal->user_id};
  for (const auto& [user_id, role] : locked.facts.present) version.present.push_back(user_id);
  version.quorate = IsQuorate(locked.facts.core_roles, locked.facts.present);
  if (locked.versions.empty()) {
    version.input.reason.reset();
    return version;
  }
  const Version& latest = locked.versions.front();
  if (!latest.signed_at) {
    version.version = latest.version;
    version.input.reason = latest.input.reason;
    return version;
  }
  if (!version.input.reason) return InvalidArgument("a signed decision changes only with a 'reason'");
  version.version = latest.version + 1;
  return version;
}

void RecordAudit(db::Tx& tx, const RequestContext& context, std::string_view action, const std::string& item_id,
                 const std::string& patient_id, std::optional<boost::json::value> before,
                 std::optional<boost::json::value> after) {
  const AuditEntry entry{.action = action, .resource_type = kResource, .resource_id = item_id,
                         .patient_id = patient_id, .before = std::move(before), .after = std::move(after)};
  security::Record(tx, context, entry);
}

// A version as the audit trail keeps it: its clinical text only as fingerprints.
awaitable<Result<boost::json::value>> AuditedVersion(keys::ClinicalText& text, const Version& version) {
  boost::json::object json = ToJson(version);
  if (auto withheld = co_await text.Withhold(version.patient_id, json, kClinicalText); !withheld) {
    co_return withheld.error();
  }
  co_return boost::json::value(std::move(json));
}

}  // namespace

bool IsQuorate(const std::vector<security::MeetingRole>& core_roles,
               const std::vector<std::pair<std::string, security::MeetingRole>>& present) {
  std::map<security::MeetingRole, int> available;
  for (const auto& [user_id, role] : present) ++available[role];
  return std::all_of(core_roles.begin(), core_roles.end(), [&](security::MeetingRole role) {
    return available[role]-- > 0;
  });
}

awaitable<Result<Version>> RecordDecision(const RequestContext& context, const std::string& meeting_id,
                                          const std::string& item_id, const DecisionInput& input) {
  const std::string& clinic_id = context.principal->clinic_id;
  std::optional<Version> recorded;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    keys::ClinicalText text(tx, clinic_id);
    auto locked = co_await LockDecision(tx, text, context, meeting_id, item_id);
    if (!locked) co_return locked.error();
    if (auto recordable = CheckRecordable(*locked); !recordable) co_return recordable.error();
    auto clinician = co_await clinics::IsClinician(tx, clinic_id, input.responsible_clinician_id);
    if (!clinician) co_return clinician.error();
    if (!*clinician) {
      co_return InvalidArgument("'responsible_clinician_id' must be a practitioner or owner of this clinic");
    }
    auto next = NextVersion(context, *locked, meeting_id, item_id, input);
    if (!next) co_return next.error();
    const bool replaces_draft = !locked->versions.empty() && next->version == locked->versions.front().version;
    Status written;
    if (replaces_draft) {
      written = co_await repository::ReplaceDraft(tx, text, clinic_id, *next);
    } else {
      written = co_await repository::Insert(tx, text, clinic_id, *next);
    }
    if (!written) co_return written.error();
    auto versions = co_await repository::Versions(tx, text, clinic_id, item_id);
    if (!versions) co_return versions.error();
    recorded = versions->front();
    std::optional<boost::json::value> before;
    if (!locked->versions.empty()) {
      auto audited = co_await AuditedVersion(text, locked->versions.front());
      if (!audited) co_return audited.error();
      before = std::move(*audited);
    }
    auto after = co_await AuditedVersion(text, *recorded);
    if (!after) co_return after.error();
    RecordAudit(tx, context, "decision.record", item_id, locked->facts.patient_id, std::move(before),
                std::move(*after));
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return std::move(*recorded);
}

awaitable<Result<Version>> SignDecision(const RequestContext& context, const std::string& meeting_id,
                                        const std::string& item_id) {
  const std::string& clinic_id = context.principal->clinic_id;
  std::optional<Version> signed_version;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    keys::ClinicalText text(tx, clinic_id);
    auto locked = co_await LockDecision(tx, text, context, meeting_id, item_id);
    if (!locked) co_return locked.error();
    if (locked->versions.empty()) co_return NotFound("no decision is recorded for this item yet");
    const Version& latest = locked->versions.front();
    if (latest.signed_at) co_return MakeError(ErrorCode::kConflict, "the latest version is already signed");
    auto written = co_await repository::Sign(tx, clinic_id, item_id, latest.version, context.principal->user_id);
    if (!written) co_return written.error();
    auto versions = co_await repository::Versions(tx, text, clinic_id, item_id);
    if (!versions) co_return versions.error();
    signed_version = versions->front();
    RecordAudit(tx, context, "decision.sign", item_id, locked->facts.patient_id,
                boost::json::object{{"version", latest.version}, {"signed", false}},
                boost::json::object{{"version", latest.version}, {"signed", true}});
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return std::move(*signed_version);
}

awaitable<Result<std::vector<Version>>> DecisionVersions(const RequestContext& context, const std::string& meeting_id,
                                                         const std::string& item_id) {
  std::vector<Version> versions;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    keys::ClinicalText text(tx, context.principal->clinic_id);
    auto rows = co_await repository::Versions(tx, text, context.principal->clinic_id, item_id);
    if (!rows) co_return rows.error();
    // The meeting in the path must be the item's own.
    if (!rows->empty() && rows->front().meeting_id != meeting_id) rows->clear();
    if (rows->empty()) co_return NotFound("no decision is recorded for this item yet");
    versions = std::move(*rows);
    const AuditEntry entry{.action = "decision.read", .resource_type = kResource, .resource_id = item_id,
                           .patient_id = versions.front().patient_id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return versions;
}

}  // namespace consilium::decisions
