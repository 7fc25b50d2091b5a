#include "modules/agenda/agenda.hpp"
#include "modules/meetings/meetings.hpp"
#include "modules/meetings/repository.hpp"
#include "platform/crypto/random.hpp"
#include "platform/json/fields.hpp"
#include "security/audit.hpp"

namespace consilium::meetings {
namespace {

using security::AuditEntry;
constexpr std::string_view kResource = "meeting";

std::int64_t Seconds(const std::string& timestamp) { return json::Rfc3339ToUnixSeconds(timestamp).value_or(0); }

Status CheckTimes(const std::string& starts_at, const std::string& ends_at,
                  const std::optional<std::string>& proposal_cutoff_at) {
  if (Seconds(ends_at) <= Seconds(starts_at)) return InvalidArgument("'ends_at' must be after 'starts_at'");
  if (proposal_cutoff_at && Seconds(*proposal_cutoff_at) > Seconds(starts_at)) {
    return InvalidArgument("'proposal_cutoff_at' must not be after 'starts_at'");
  }
  return {};
}

// Applies the changes; returns the fields that changed, before and after.
std::pair<boost::json::object, boost::json::object> Apply(Meeting& meeting, const MeetingFields& changes) {
  boost::json::object before;
  boost::json::object after;
  const auto change = [&](std::string_view key, const std::optional<std::string>& value, std::string& field) {
    if (!value || *value == field) return;
    before[key] = field;
    after[key] = *value;
    field = *value;
  };
  std::string location = meeting.location.value_or("");
  std::string online_link = meeting.online_link.value_or("");
  change("title", changes.title, meeting.title);
  change("specialty", changes.specialty, meeting.specialty);
  change("starts_at", changes.starts_at, meeting.starts_at);
  change("ends_at", changes.ends_at, meeting.ends_at);
  change("proposal_cutoff_at", changes.proposal_cutoff_at, meeting.proposal_cutoff_at);
  change("location", changes.location, location);
  change("online_link", changes.online_link, online_link);
  meeting.location = location;
  meeting.online_link = online_link;
  if (changes.core_roles && *changes.core_roles != meeting.core_roles) {
    before["core_roles"] = CoreRolesLiteral(meeting.core_roles);
    after["core_roles"] = CoreRolesLiteral(*changes.core_roles);
    meeting.core_roles = *changes.core_roles;
  }
  return {std::move(before), std::move(after)};
}

// A meeting's organiser is a member of the clinic, and not a guest.
awaitable<Status> CheckOrganiser(db::Tx& tx, const std::string& clinic_id, const std::string& organiser) {
  auto role = co_await repository::MemberRole(tx, clinic_id, organiser);
  if (!role) co_return role.error();
  if (!*role) co_return InvalidArgument("'organiser_id' must be a member of this clinic");
  if (**role == security::ClinicRole::kGuest) co_return InvalidArgument("a guest cannot organise a meeting");
  co_return Status{};
}

Error Stale(const Meeting& meeting) {
  return MakeError(ErrorCode::kPreconditionFailed,
                   "the meeting changed since you read it (now version " + std::to_string(meeting.version) + ")");
}

}  // namespace

awaitable<Result<Meeting>> CreateMeeting(const RequestContext& context, const MeetingFields& fields) {
  if (auto valid = CheckTimes(*fields.starts_at, *fields.ends_at, fields.proposal_cutoff_at); !valid) {
    co_return valid.error();
  }
  const std::string& clinic_id = context.principal->clinic_id;
  const std::string organiser = fields.organiser_id.value_or(context.principal->user_id);
  Meeting created;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    if (auto can = co_await CheckOrganiser(tx, clinic_id, organiser); !can) co_return can.error();
    auto inserted = co_await repository::Insert(tx, clinic_id, crypto::NewUuidV4(), context.principal->user_id, fields);
    if (!inserted) co_return inserted.error();
    auto organised = co_await repository::WriteParticipant(tx, clinic_id, inserted->id, organiser,
                                                           security::MeetingRole::kOrganiser);
    if (!organised) co_return organised.error();
    auto reread = co_await repository::WithParticipants(tx, clinic_id, std::move(*inserted));
    if (!reread) co_return reread.error();
    created = std::move(*reread);
    const AuditEntry entry{.action = "meeting.create", .resource_type = kResource, .resource_id = created.id,
                           .after = ToJson(created), .detail = boost::json::object{{"organiser_id", organiser}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return created;
}

awaitable<Result<Meeting>> GetMeeting(const RequestContext& context, const std::string& id) {
  std::optional<Meeting> found;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto row = co_await repository::Find(tx, context.principal->clinic_id, id, false);
    if (!row) co_return row.error();
    if (!*row) co_return NotFound("meeting not found");
    found = std::move(*row);
    const AuditEntry entry{.action = "meeting.read", .resource_type = kResource, .resource_id = id};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return std::move(*found);
}

awaitable<Result<MeetingPage>> ListMeetings(const RequestContext& context, const MeetingQuery& query) {
  std::optional<std::string> only_guest;
  if (context.principal->role == security::ClinicRole::kGuest) only_guest = context.principal->user_id;
  MeetingPage page;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto rows = co_await repository::List(tx, context.principal->clinic_id, query, only_guest);
    if (!rows) co_return rows.error();
    page.items = std::move(*rows);
    const AuditEntry entry{.action = "meeting.list", .resource_type = kResource,
                           .detail = boost::json::object{{"returned", page.items.size()}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  if (static_cast<int>(page.items.size()) > query.limit) {
    page.items.pop_back();
    page.next_cursor = EncodeCursor(page.items.back());
  }
  co_return page;
}

awaitable<Result<Meeting>> UpdateMeeting(const RequestContext& context, const std::string& id,
                                         const MeetingFields& changes, std::optional<int> expected_version) {
  Meeting updated;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto meeting = co_await repository::Lock(tx, context.principal->clinic_id, id);
    if (!meeting) co_return meeting.error();
    if (expected_version && *expected_version != meeting->version) co_return Stale(*meeting);
    if (meeting->state != State::kDraft && meeting->state != State::kScheduled) {
      co_return MakeError(ErrorCode::kConflict, "a meeting can be changed only while draft or scheduled");
    }
    auto [before, after] = Apply(*meeting, changes);
    if (auto valid = CheckTimes(meeting->starts_at, meeting->ends_at, meeting->proposal_cutoff_at); !valid) {
      co_return valid.error();
    }
    auto written = co_await repository::Update(tx, context.principal->clinic_id, *meeting);
    if (!written) co_return written.error();
    updated = std::move(*written);
    const AuditEntry entry{.action = "meeting.update", .resource_type = kResource, .resource_id = id,
                           .before = std::move(before), .after = std::move(after)};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return updated;
}

awaitable<Result<Meeting>> TransitionMeeting(const RequestContext& context, const std::string& id, State to) {
  Meeting moved;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto meeting = co_await repository::Lock(tx, context.principal->clinic_id, id);
    if (!meeting) co_return meeting.error();
    const State from = meeting->state;
    if (!CanTransition(from, to)) {
      co_return MakeError(ErrorCode::kConflict, "a " + std::string(StateName(from)) + " meeting cannot become " +
                                                    std::string(StateName(to)));
    }
    meeting->state = to;
    auto written = co_await repository::Update(tx, context.principal->clinic_id, *meeting);
    if (!written) co_return written.error();
    moved = std::move(*written);
    repository::QueueTransition(tx, context.principal->clinic_id, id, from, to, context.principal->user_id);
    if (to == State::kCompleted) {
      if (auto carried = co_await agenda::CarryOverUnresolved(tx, context, id); !carried) co_return carried.error();
    }
    const AuditEntry entry{.action = "meeting.transition", .resource_type = kResource, .resource_id = id,
                           .before = boost::json::object{{"state", StateName(from)}},
                           .after = boost::json::object{{"state", StateName(to)}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return moved;
}

awaitable<Result<boost::json::array>> ListTransitions(const RequestContext& context, const std::string& id) {
  boost::json::array transitions;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto meeting = co_await repository::Find(tx, context.principal->clinic_id, id, false);
    if (!meeting) co_return meeting.error();
    if (!*meeting) co_return NotFound("meeting not found");
    auto rows = co_await repository::Transitions(tx, context.principal->clinic_id, id);
    if (!rows) co_return rows.error();
    transitions = std::move(*rows);
    const AuditEntry entry{.action = "meeting.read", .resource_type = kResource, .resource_id = id,
                           .detail = boost::json::object{{"part", "transitions"}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return transitions;
}

awaitable<Result<std::vector<Meeting>>> CreateSeries(const RequestContext& context, const SeriesRule& rule) {
  const std::string& clinic_id = context.principal->clinic_id;
  const std::string series_id = crypto::NewUuidV4();
  const std::string organiser = rule.meeting.organiser_id.value_or(context.principal->user_id);
  std::vector<Meeting> meetings;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto zone = co_await repository::IsTimeZone(tx, rule.time_zone);
    if (!zone) co_return zone.error();
    if (!*zone) co_return InvalidArgument("'time_zone' must be an IANA time zone, e.g. Europe/London");
    if (auto can = co_await CheckOrganiser(tx, clinic_id, organiser); !can) co_return can.error();
    auto ids = co_await repository::InsertSeries(tx, clinic_id, series_id, context.principal->user_id, rule);
    if (!ids) co_return ids.error();
    boost::json::array created;
    for (const auto& id : *ids) {
      auto organised = co_await repository::WriteParticipant(tx, clinic_id, id, organiser,
                                                             security::MeetingRole::kOrganiser);
      if (!organised) co_return organised.error();
      auto meeting = co_await repository::Find(tx, clinic_id, id, false);
      if (!meeting) co_return meeting.error();
      meetings.push_back(std::move(**meeting));
      created.push_back(boost::json::string(id));
    }
    const AuditEntry entry{.action = "meeting.create", .resource_type = "meeting_series", .resource_id = series_id,
                           .detail = boost::json::object{{"meetings", std::move(created)},
                                                         {"organiser_id", organiser}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return meetings;
}

}  // namespace consilium::meetings
