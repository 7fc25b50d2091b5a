#pragma once
// MDT meetings: set up, scheduled, run and closed, with participants in
// meeting roles. Every read and write is audited in its own transaction.
#include "modules/meetings/model.hpp"
#include "security/endpoints.hpp"

#include <boost/asio/awaitable.hpp>

namespace consilium::meetings {

using boost::asio::awaitable;
using security::RequestContext;

struct MeetingPage {
  std::vector<Meeting> items;
  std::optional<std::string> next_cursor;
};

awaitable<Result<Meeting>> CreateMeeting(const RequestContext& context, const MeetingFields& fields);
// A recurring meeting: the series and all its meetings, as drafts.
awaitable<Result<std::vector<Meeting>>> CreateSeries(const RequestContext& context, const SeriesRule& rule);
awaitable<Result<Meeting>> GetMeeting(const RequestContext& context, const std::string& id);
// A guest sees only the meetings they are a guest of, while scheduled or in progress.
awaitable<Result<MeetingPage>> ListMeetings(const RequestContext& context, const MeetingQuery& query);
// Only while draft or scheduled; 412 if `expected_version` is stale.
awaitable<Result<Meeting>> UpdateMeeting(const RequestContext& context, const std::string& id,
                                         const MeetingFields& changes, std::optional<int> expected_version);
// 409 unless the state machine allows it; every change is recorded.
// Completing a meeting carries its unresolved items over to the series' next one.
awaitable<Result<Meeting>> TransitionMeeting(const RequestContext& context, const std::string& id, State to);
awaitable<Result<boost::json::array>> ListTransitions(const RequestContext& context, const std::string& id);

// Adds a participant or changes their role. A meeting keeps at least one
// organiser, and a guest of the clinic can only be a guest of a meeting.
awaitable<Result<Meeting>> SetParticipant(const RequestContext& context, const std::string& meeting_id,
                                          const std::string& user_id, security::MeetingRole role);
awaitable<Status> RemoveParticipant(const RequestContext& context, const std::string& meeting_id,
                                    const std::string& user_id);
// While the meeting runs: who is present (the other participants are not).
awaitable<Result<Meeting>> RecordAttendance(const RequestContext& context, const std::string& meeting_id,
                                            const std::vector<std::string>& present);

void RegisterRoutes(security::Endpoints& endpoints);

}  // namespace consilium::meetings
