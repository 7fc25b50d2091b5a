#include "modules/meetings/repository.hpp"

#include "platform/db/array_literal.hpp"
#include "platform/db/sql_fragments.hpp"

#include <sstream>

namespace consilium::meetings::repository {
namespace {

#define UTC(column) CONSILIUM_SQL_UTC(column)
#define MEETING_COLUMNS                                                                                   \
  "id, title, specialty, " UTC("starts_at") ", " UTC("ends_at") ", location, online_link, "               \
  UTC("proposal_cutoff_at") ", state::text, version, " UTC("created_at") ", " UTC("updated_at") ", "          \
  "array_to_string(core_roles, ','), series_id"

std::optional<std::string> OptionalText(const db::Rows& rows, int row, int column) {
  if (rows.IsNull(row, column)) return std::nullopt;
  return rows.Text(row, column);
}

Meeting FromRow(const db::Rows& rows, int row) {
  Meeting meeting;
  meeting.id = rows.Text(row, 0);
  meeting.title = rows.Text(row, 1);
  meeting.specialty = rows.Text(row, 2);
  meeting.starts_at = rows.Text(row, 3);
  meeting.ends_at = rows.Text(row, 4);
  meeting.location = OptionalText(rows, row, 5);
  meeting.online_link = OptionalText(rows, row, 6);
  meeting.proposal_cutoff_at = rows.Text(row, 7);
  meeting.state = *ParseState(rows.Get(row, 8));
  meeting.version = std::stoi(rows.Text(row, 9));
  meeting.created_at = rows.Text(row, 10);
  meeting.updated_at = rows.Text(row, 11);
  std::stringstream roles{rows.Text(row, 12)};
  for (std::string role; std::getline(roles, role, ',');) meeting.core_roles.push_back(*security::ParseMeetingRole(role));
  meeting.series_id = OptionalText(rows, row, 13);
  return meeting;
}

// An empty location or link is stored as none.
std::optional<std::string> NoneIfEmpty(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  return text;
}

}  // namespace

awaitable<Result<Meeting>> Insert(db::Tx& tx, const std::string& clinic_id, const std::string& id,
                                  const std::string& created_by, const MeetingFields& fields) {
  std::optional<std::string> core_roles;
  if (fields.core_roles) core_roles = CoreRolesLiteral(*fields.core_roles);
  auto rows = co_await tx.Query(
      "INSERT INTO meetings (clinic_id, id, title, specialty, starts_at, ends_at, location, online_link, "
      "proposal_cutoff_at, created_by, core_roles) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
      "COALESCE($9::timestamptz, $5::timestamptz - interval '1 day'), $10, "
      "COALESCE($11::meeting_role[], '{organiser,doctor}')) RETURNING " MEETING_COLUMNS,
      clinic_id, id, fields.title, fields.specialty, fields.starts_at, fields.ends_at, NoneIfEmpty(fields.location),
      NoneIfEmpty(fields.online_link), fields.proposal_cutoff_at, created_by, core_roles);
  if (!rows) co_return rows.error();
  co_return FromRow(*rows, 0);
}

awaitable<Result<bool>> IsTimeZone(db::Tx& tx, const std::string& name) {
  auto rows = co_await tx.Query("SELECT 1 FROM pg_timezone_names WHERE name = $1", name);
  if (!rows) co_return rows.error();
  co_return !rows->empty();
}

awaitable<Result<std::vector<std::string>>> InsertSeries(db::Tx& tx, const std::string& clinic_id,
                                                         const std::string& series_id, const std::string& created_by,
                                                         const SeriesRule& rule) {
  const MeetingFields& meeting = rule.meeting;
  auto series = co_await tx.Query(
      "INSERT INTO meeting_series (clinic_id, id, title, specialty, time_zone, first_starts_at, duration_minutes, "
      "interval_weeks, occurrences, cutoff_hours, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      clinic_id, series_id, meeting.title, meeting.specialty, rule.time_zone, meeting.starts_at,
      std::to_string(rule.duration_minutes), std::to_string(rule.interval_weeks), std::to_string(rule.occurrences),
      std::to_string(rule.cutoff_hours), created_by);
  if (!series) co_return series.error();
  std::optional<std::string> core_roles;
  if (meeting.core_roles) core_roles = CoreRolesLiteral(*meeting.core_roles);
  // Each start is the first one's wall-clock time in the series' zone, n intervals on.
  auto rows = co_await tx.Query(
      "INSERT INTO meetings (clinic_id, id, series_id, title, specialty, starts_at, ends_at, location, online_link, "
      "proposal_cutoff_at, created_by, core_roles) "
      "SELECT $1, gen_random_uuid(), $2, $3, $4, s.starts_at, s.starts_at + make_interval(mins => $5::int), $6, $7, "
      "s.starts_at - make_interval(hours => $8::int), $9, COALESCE($10::meeting_role[], '{organiser,doctor}') "
      "FROM (SELECT ((($11::timestamptz AT TIME ZONE $12) + make_interval(weeks => n * $13::int)) AT TIME ZONE $12) "
      "      AS starts_at FROM generate_series(0, $14::int - 1) AS n) s "
      "ORDER BY s.starts_at RETURNING id",
      clinic_id, series_id, meeting.title, meeting.specialty, std::to_string(rule.duration_minutes),
      NoneIfEmpty(meeting.location), NoneIfEmpty(meeting.online_link), std::to_string(rule.cutoff_hours), created_by,
      core_roles, meeting.starts_at, rule.time_zone, std::to_string(rule.interval_weeks),
      std::to_string(rule.occurrences));
  if (!rows) co_return rows.error();
  std::vector<std::string> ids;
  for (int row = 0; row < rows->size(); ++row) ids.push_back(rows->Text(row, 0));
  co_return ids;
}

awaitable<Result<std::optional<Meeting>>> Find(db::Tx& tx, const std::string& clinic_id, const std::string& id,
                                               bool for_update) {
  constexpr std::string_view kSelect = "SELECT " MEETING_COLUMNS " FROM meetings WHERE clinic_id = $1 AND id = $2";
  constexpr std::string_view kSelectForUpdate =
      "SELECT " MEETING_COLUMNS " FROM meetings WHERE clinic_id = $1 AND id = $2 FOR UPDATE";
  auto rows = co_await tx.Query(for_update ? kSelectForUpdate : kSelect, clinic_id, id);
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return std::optional<Meeting>{};
  Meeting found = FromRow(*rows, 0);
  auto meeting = co_await WithParticipants(tx, clinic_id, std::move(found));
  if (!meeting) co_return meeting.error();
  co_return std::optional<Meeting>(std::move(*meeting));
}

awaitable<Result<Meeting>> Lock(db::Tx& tx, const std::string& clinic_id, const std::string& id) {
  auto found = co_await Find(tx, clinic_id, id, true);
  if (!found) co_return found.error();
  if (!*found) co_return NotFound("meeting not found");
  co_return std::move(**found);
}

awaitable<Result<Meeting>> Update(db::Tx& tx, const std::string& clinic_id, const Meeting& changed) {
  auto rows = co_await tx.Query(
      "UPDATE meetings SET title = $3, specialty = $4, starts_at = $5, ends_at = $6, location = $7, "
      "online_link = $8, proposal_cutoff_at = $9, state = $10::meeting_state, core_roles = $11::meeting_role[], "
      "version = version + 1, updated_at = now() WHERE clinic_id = $1 AND id = $2 RETURNING " MEETING_COLUMNS,
      clinic_id, changed.id, changed.title, changed.specialty, changed.starts_at, changed.ends_at,
      NoneIfEmpty(changed.location), NoneIfEmpty(changed.online_link), changed.proposal_cutoff_at,
      std::string(StateName(changed.state)), CoreRolesLiteral(changed.core_roles));
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return NotFound("meeting not found");
  Meeting updated = FromRow(*rows, 0);
  updated.participants = changed.participants;
  co_return updated;
}

awaitable<Result<std::vector<Meeting>>> List(db::Tx& tx, const std::string& clinic_id, const MeetingQuery& query,
                                             const std::optional<std::string>& only_guest) {
  std::optional<std::string> state;
  if (query.state) state = std::string(StateName(*query.state));
  std::optional<std::string> after_start;
  std::optional<std::string> after_id;
  if (query.after) {
    after_start = query.after->first;
    after_id = query.after->second;
  }
  auto rows = co_await tx.Query(
      "SELECT " MEETING_COLUMNS " FROM meetings m WHERE clinic_id = $1 "
      "AND ($2::timestamptz IS NULL OR starts_at >= $2) AND ($3::timestamptz IS NULL OR starts_at < $3) "
      "AND ($4::text IS NULL OR specialty = $4) AND ($5::meeting_state IS NULL OR state = $5) "
      "AND ($6::timestamptz IS NULL OR (starts_at, id) > ($6, $7::uuid)) "
      // A guest lists only the meetings they are a guest of, while those are open to them.
      "AND ($8::uuid IS NULL OR (state IN ('scheduled', 'in_progress') AND EXISTS ("
      "  SELECT 1 FROM meeting_participants p WHERE p.clinic_id = m.clinic_id AND p.meeting_id = m.id "
      "  AND p.user_id = $8 AND p.removed_at IS NULL))) "
      "ORDER BY starts_at, id LIMIT $9",
      clinic_id, query.from, query.to, query.specialty, state, after_start, after_id, only_guest,
      std::to_string(query.limit + 1));
  if (!rows) co_return rows.error();
  std::vector<Meeting> meetings;
  for (int row = 0; row < rows->size(); ++row) meetings.push_back(FromRow(*rows, row));
  co_return meetings;
}

awaitable<Result<std::vector<Participant>>> Participants(db::Tx& tx, const std::string& clinic_id,
                                                         const std::string& meeting_id) {
  auto rows = co_await tx.Query(
      "SELECT p.user_id, u.display_name, p.meeting_role::text, p.attended FROM meeting_participants p "
      "JOIN users u ON u.id = p.user_id WHERE p.clinic_id = $1 AND p.meeting_id = $2 AND p.removed_at IS NULL "
      "ORDER BY p.meeting_role, u.display_name, p.user_id",
      clinic_id, meeting_id);
  if (!rows) co_return rows.error();
  std::vector<Participant> participants;
  for (int row = 0; row < rows->size(); ++row) {
    Participant participant{rows->Text(row, 0), rows->Text(row, 1), *security::ParseMeetingRole(rows->Get(row, 2)),
                            std::nullopt};
    if (!rows->IsNull(row, 3)) participant.attended = rows->Get(row, 3) == "t";
    participants.push_back(std::move(participant));
  }
  co_return participants;
}

awaitable<Result<Meeting>> WithParticipants(db::Tx& tx, const std::string& clinic_id, Meeting meeting) {
  auto participants = co_await Participants(tx, clinic_id, meeting.id);
  if (!participants) co_return participants.error();
  meeting.participants = std::move(*participants);
  co_return meeting;
}

void QueueTransition(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id, State from, State to,
                     const std::string& actor) {
  tx.Defer("INSERT INTO meeting_transitions (clinic_id, meeting_id, from_state, to_state, actor_user_id) "
           "VALUES ($1, $2, $3::meeting_state, $4::meeting_state, $5)",
           clinic_id, meeting_id, std::string(StateName(from)), std::string(StateName(to)), actor);
}

awaitable<Result<boost::json::array>> Transitions(db::Tx& tx, const std::string& clinic_id,
                                                  const std::string& meeting_id) {
  auto rows = co_await tx.Query(
      "SELECT t.from_state::text, t.to_state::text, t.actor_user_id, u.display_name, " UTC("t.occurred_at") " "
      "FROM meeting_transitions t LEFT JOIN users u ON u.id = t.actor_user_id "
      "WHERE t.clinic_id = $1 AND t.meeting_id = $2 ORDER BY t.id",
      clinic_id, meeting_id);
  if (!rows) co_return rows.error();
  boost::json::array out;
  for (int row = 0; row < rows->size(); ++row) {
    boost::json::value actor_name = nullptr;
    if (!rows->IsNull(row, 3)) actor_name = boost::json::string(rows->Get(row, 3));
    out.push_back({{"from", rows->Get(row, 0)},
                   {"to", rows->Get(row, 1)},
                   {"actor_user_id", rows->Get(row, 2)},
                   {"actor_name", actor_name},
                   {"at", rows->Get(row, 4)}});
  }
  co_return out;
}

awaitable<Result<std::optional<security::ClinicRole>>> MemberRole(db::Tx& tx, const std::string& clinic_id,
                                                                  const std::string& user_id) {
  auto rows = co_await tx.Query("SELECT role::text FROM memberships WHERE clinic_id = $1 AND user_id = $2 AND disabled_at IS NULL",
                                clinic_id, user_id);
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return std::optional<security::ClinicRole>{};
  co_return security::ParseClinicRole(rows->Get(0, 0));
}

awaitable<Status> WriteParticipant(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                                   const std::string& user_id, security::MeetingRole role) {
  auto written = co_await tx.Query("INSERT INTO meeting_participants (clinic_id, meeting_id, user_id, meeting_role) "
           "VALUES ($1, $2, $3, $4::meeting_role) ON CONFLICT (clinic_id, meeting_id, user_id) DO UPDATE "
           "SET meeting_role = EXCLUDED.meeting_role, removed_at = NULL",
           clinic_id, meeting_id, user_id, std::string(security::MeetingRoleName(role)));
  if (!written) co_return written.error();
  co_return Status{};
}

awaitable<Status> WriteRemoval(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                               const std::string& user_id) {
  auto written = co_await tx.Query("UPDATE meeting_participants SET removed_at = now() "
           "WHERE clinic_id = $1 AND meeting_id = $2 AND user_id = $3 AND removed_at IS NULL",
           clinic_id, meeting_id, user_id);
  if (!written) co_return written.error();
  co_return Status{};
}

awaitable<Status> WriteAttendance(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                                  const std::vector<std::string>& present) {
  const std::string ids = db::ArrayLiteral(present);
  auto written = co_await tx.Query("UPDATE meeting_participants SET attended = (user_id = ANY($3::uuid[])) "
                                   "WHERE clinic_id = $1 AND meeting_id = $2 AND removed_at IS NULL",
                                   clinic_id, meeting_id, ids);
  if (!written) co_return written.error();
  co_return Status{};
}

}  // namespace consilium::meetings::repository
