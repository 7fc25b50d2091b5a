#pragma once
// A meeting as the API shows it, its state machine, and the validated
// inputs that create, change and list meetings.
#include "platform/error/error.hpp"
#include "platform/http/message.hpp"
#include "security/principal.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace consilium::meetings {

enum class State { kDraft, kScheduled, kInProgress, kCompleted, kCancelled };

std::string_view StateName(State state);
std::optional<State> ParseState(std::string_view name);
// draft -> scheduled | cancelled; scheduled -> in_progress | cancelled;
// in_progress -> completed. Completed and cancelled are final.
std::span<const State> NextStates(State from);
bool CanTransition(State from, State to);

struct Participant {
  std::string user_id;
  std::string display_name;
  security::MeetingRole role = security::MeetingRole::kDoctor;
  std::optional<bool> attended;
};

struct Meeting {
  std::string id;
  std::optional<std::string> series_id;
  std::string title;
  std::string specialty;
  std::string starts_at;  // RFC 3339, UTC
  std::string ends_at;
  std::optional<std::string> location;
  std::optional<std::string> online_link;
  std::string proposal_cutoff_at;
  State state = State::kDraft;
  std::vector<security::MeetingRole> core_roles;  // present for a quorum, one person each
  int version = 0;
  std::string created_at;
  std::string updated_at;
  std::vector<Participant> participants;
};

// Fields a create or a change may carry; on create, title, specialty,
// starts_at and ends_at are required and the cut-off defaults to a day
// before the start. An empty location or link clears it.
struct MeetingFields {
  std::optional<std::string> title;
  std::optional<std::string> specialty;
  std::optional<std::string> starts_at;
  std::optional<std::string> ends_at;
  std::optional<std::string> location;
  std::optional<std::string> online_link;
  std::optional<std::string> proposal_cutoff_at;
  std::optional<std::string> organiser_id;  // create only: who organises (default: the creator)
  std::optional<std::vector<security::MeetingRole>> core_roles;  // default: an organiser and a doctor
};

// As PostgreSQL writes a meeting_role[] literal.
std::string CoreRolesLiteral(const std::vector<security::MeetingRole>& roles);

// A recurring meeting: `occurrences` meetings, `interval_weeks` apart, all
// at the first one's local time in `time_zone` (so summer time moves nothing).
struct SeriesRule {
  MeetingFields meeting;  // title, specialty, place, link, core roles, organiser; starts_at is the first start
  std::string time_zone;  // IANA, e.g. Europe/London
  int duration_minutes = 60;
  int interval_weeks = 1;
  int occurrences = 1;
  int cutoff_hours = 24;
};

struct MeetingQuery {
  std::optional<std::string> from;  // starts at or after
  std::optional<std::string> to;    // starts before
  std::optional<std::string> specialty;
  std::optional<State> state;
  int limit = 50;
  std::optional<std::pair<std::string, std::string>> after;  // (starts_at, id) from the cursor
};

// Lists leave the participants out (they are not loaded there).
boost::json::object ToJson(const Meeting& meeting, bool with_participants = true);
boost::json::object ToJson(const Participant& participant);

Result<MeetingFields> ParseNewMeeting(std::string_view body);
Result<MeetingFields> ParseMeetingChanges(std::string_view body);
Result<SeriesRule> ParseSeriesRule(std::string_view body);
Result<MeetingQuery> ParseMeetingQuery(const http::Fields& query);
std::string EncodeCursor(const Meeting& last);

}  // namespace consilium::meetings
