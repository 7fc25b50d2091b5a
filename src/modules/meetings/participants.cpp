#include "modules/meetings/meetings.hpp"
#include "modules/meetings/repository.hpp"
#include "security/audit.hpp"

#include <algorithm>
#include <functional>

namespace consilium::meetings {
namespace {

using security::AuditEntry;
using security::MeetingRole;
constexpr std::string_view kResource = "meeting";

Status RequireOpen(const Meeting& meeting) {
  if (meeting.state == State::kCompleted || meeting.state == State::kCancelled) {
    return MakeError(ErrorCode::kConflict, "the meeting is over; its participants no longer change");
  }
  return {};
}

const Participant* FindParticipant(const Meeting& meeting, const std::string& user_id) {
  const auto found = std::find_if(meeting.participants.begin(), meeting.participants.end(),
                                  [&](const Participant& p) { return p.user_id == user_id; });
  return found == meeting.participants.end() ? nullptr : &*found;
}

// Would taking `user_id` out of the organisers leave the meeting without one?
bool IsLastOrganiser(const Meeting& meeting, const std::string& user_id) {
  const auto organisers = std::count_if(meeting.participants.begin(), meeting.participants.end(),
                                        [](const Participant& p) { return p.role == MeetingRole::kOrganiser; });
  const Participant* participant = FindParticipant(meeting, user_id);
  return participant && participant->role == MeetingRole::kOrganiser && organisers == 1;
}

Error LastOrganiser() { return MakeError(ErrorCode::kConflict, "a meeting needs an organiser; name another first"); }

boost::json::value RoleJson(const Participant* participant) {
  if (!participant) return nullptr;
  return boost::json::string(security::MeetingRoleName(participant->role));
}

// Locks the meeting, applies `change` to it, and returns the meeting as it
// now is, all in one transaction.
using ParticipantChange = std::function<awaitable<Status>(db::Tx&, const Meeting&)>;
awaitable<Result<Meeting>> ChangeParticipants(const RequestContext& context, const std::string& meeting_id,
                                              ParticipantChange change) {
  const std::string& clinic_id = context.principal->clinic_id;
  Meeting changed;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto meeting = co_await repository::Lock(tx, clinic_id, meeting_id);
    if (!meeting) co_return meeting.error();
    if (auto applied = co_await change(tx, *meeting); !applied) co_return applied.error();
    auto reread = co_await repository::WithParticipants(tx, clinic_id, std::move(*meeting));
    if (!reread) co_return reread.error();
    changed = std::move(*reread);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return changed;
}

}  // namespace

awaitable<Result<Meeting>> SetParticipant(const RequestContext& context, const std::string& meeting_id,
                                          const std::string& user_id, MeetingRole role) {
  const std::string& clinic_id = context.principal->clinic_id;
  co_return co_await ChangeParticipants(context, meeting_id, [&](db::Tx& tx, const Meeting& meeting) -> awaitable<Status> {
    if (auto open = RequireOpen(meeting); !open) co_return open.error();
    auto member = co_await repository::MemberRole(tx, clinic_id, user_id);
    if (!member) co_return member.error();
    if (!*member) co_return NotFound("no such member of this clinic");
    if (**member == security::ClinicRole::kGuest && role != MeetingRole::kGuest) {
      co_return MakeError(ErrorCode::kConflict, "a guest of the clinic can only be a guest of a meeting");
    }
    if (role != MeetingRole::kOrganiser && IsLastOrganiser(meeting, user_id)) co_return LastOrganiser();
    if (auto written = co_await repository::WriteParticipant(tx, clinic_id, meeting_id, user_id, role); !written) {
      co_return written.error();
    }
    const AuditEntry entry{.action = "meeting.participants.manage", .resource_type = kResource,
                           .resource_id = meeting_id,
                           .before = boost::json::object{{"user_id", user_id},
                                                         {"meeting_role", RoleJson(FindParticipant(meeting, user_id))}},
                           .after = boost::json::object{{"user_id", user_id},
                                                        {"meeting_role", security::MeetingRoleName(role)}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
}

awaitable<Status> RemoveParticipant(const RequestContext& context, const std::string& meeting_id,
                                    const std::string& user_id) {
  const std::string& clinic_id = context.principal->clinic_id;
  auto removed = co_await ChangeParticipants(context, meeting_id, [&](db::Tx& tx, const Meeting& meeting) -> awaitable<Status> {
    if (auto open = RequireOpen(meeting); !open) co_return open.error();
    const Participant* participant = FindParticipant(meeting, user_id);
    if (!participant) co_return NotFound("no such participant in this meeting");
    if (IsLastOrganiser(meeting, user_id)) co_return LastOrganiser();
    if (auto written = co_await repository::WriteRemoval(tx, clinic_id, meeting_id, user_id); !written) {
      co_return written.error();
    }
    const AuditEntry entry{.action = "meeting.participants.manage", .resource_type = kResource,
                           .resource_id = meeting_id,
                           .before = boost::json::object{{"user_id", user_id}, {"meeting_role", RoleJson(participant)}},
                           .after = boost::json::object{{"user_id", user_id}, {"meeting_role", nullptr}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!removed) co_return removed.error();
  co_return Status{};
}

awaitable<Result<Meeting>> RecordAttendance(const RequestContext& context, const std::string& meeting_id,
                                            const std::vector<std::string>& present) {
  const std::string& clinic_id = context.principal->clinic_id;
  co_return co_await ChangeParticipants(context, meeting_id, [&](db::Tx& tx, const Meeting& meeting) -> awaitable<Status> {
    if (meeting.state != State::kInProgress) {
      co_return MakeError(ErrorCode::kConflict, "attendance is taken while the meeting is in progress");
    }
    for (const auto& user_id : present) {
      if (!FindParticipant(meeting, user_id)) co_return InvalidArgument("everyone present must be a participant");
    }
    if (auto written = co_await repository::WriteAttendance(tx, clinic_id, meeting_id, present); !written) {
      co_return written.error();
    }
    boost::json::array ids;
    for (const auto& user_id : present) ids.push_back(boost::json::string(user_id));
    const AuditEntry entry{.action = "meeting.attendance.record", .resource_type = kResource,
                           .resource_id = meeting_id, .after = boost::json::object{{"present", std::move(ids)}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
}

}  // namespace consilium::meetings
