#include "modules/meetings/model.hpp"

#include "platform/crypto/encoding.hpp"
#include "platform/crypto/random.hpp"
#include "platform/db/array_literal.hpp"
#include "platform/json/fields.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <charconv>

namespace consilium::meetings {
namespace {

constexpr std::string_view kCursorPrefix = "m1:";
constexpr int kMaxPageSize = 100;
constexpr std::string_view kStateNames[] = {"draft", "scheduled", "in_progress", "completed", "cancelled"};

constexpr State kFromDraft[] = {State::kScheduled, State::kCancelled};
constexpr State kFromScheduled[] = {State::kInProgress, State::kCancelled};
constexpr State kFromInProgress[] = {State::kCompleted};

Status CheckOnlineLink(const std::optional<std::string>& link) {
  if (!link || link->empty()) return {};
  auto url = boost::urls::parse_absolute_uri(*link);
  if (!url || url->scheme() != "https" || url->host().empty()) {
    return InvalidArgument("'online_link' must be an https:// address");
  }
  return {};
}

// The meeting roles a quorum needs, one entry per person; guests never count.
Result<std::vector<security::MeetingRole>> ParseCoreRoles(const boost::json::value& value) {
  constexpr std::size_t kMaxCoreRoles = 20;
  const Error bad = InvalidArgument("'core_roles' must list up to 20 of organiser, doctor, nurse");
  if (!value.is_array() || value.as_array().size() > kMaxCoreRoles) return bad;
  std::vector<security::MeetingRole> roles;
  for (const auto& item : value.as_array()) {
    const auto role = item.is_string() ? security::ParseMeetingRole(item.as_string()) : std::nullopt;
    if (!role || *role == security::MeetingRole::kGuest) return bad;
    roles.push_back(*role);
  }
  return roles;
}

// The meeting fields of a create, change or series body (its other fields already checked).
Result<MeetingFields> FieldsOf(const boost::json::object& object, bool creating) {
  if (!creating && object.contains("organiser_id")) {
    return InvalidArgument("'organiser_id' is for a new meeting; change the participants instead");
  }
  MeetingFields fields;
  const struct {
    std::string_view key;
    std::optional<std::string> MeetingFields::*member;
    json::TextLimits limits;
  } texts[] = {{"title", &MeetingFields::title, {1, 200}},
               {"specialty", &MeetingFields::specialty, {1, 100}},
               {"location", &MeetingFields::location, {0, 200}},
               {"online_link", &MeetingFields::online_link, {0, 2000}}};
  for (const auto& text : texts) {
    auto value = json::OptionalText(object, text.key, text.limits);
    if (!value) return value.error();
    fields.*text.member = std::move(*value);
  }
  for (auto [key, member] : {std::pair{"starts_at", &MeetingFields::starts_at},
                             std::pair{"ends_at", &MeetingFields::ends_at},
                             std::pair{"proposal_cutoff_at", &MeetingFields::proposal_cutoff_at}}) {
    auto value = json::OptionalTimestamp(object, key);
    if (!value) return value.error();
    fields.*member = std::move(*value);
  }
  if (auto valid = CheckOnlineLink(fields.online_link); !valid) return valid.error();
  if (const auto* roles = object.if_contains("core_roles")) {
    auto parsed = ParseCoreRoles(*roles);
    if (!parsed) return parsed.error();
    fields.core_roles = std::move(*parsed);
  }
  auto organiser = json::OptionalText(object, "organiser_id", {1, 64});
  if (!organiser) return organiser.error();
  if (*organiser) {
    auto id = json::ParseId(**organiser, "'organiser_id'");
    if (!id) return id.error();
    fields.organiser_id = std::move(*id);
  }
  return fields;
}

Result<MeetingFields> ParseFields(std::string_view body, bool creating) {
  auto object = json::ParseObject(body);
  if (!object) return object.error();
  if (auto checked = json::CheckKnownFields(*object, {"title", "specialty", "starts_at", "ends_at", "location",
                                                       "online_link", "proposal_cutoff_at", "organiser_id",
                                                       "core_roles"});
      !checked) {
    return checked.error();
  }
  return FieldsOf(*object, creating);
}

bool IsDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<std::string> QueryTimestamp(std::string_view key, const std::string& value) {
  if (!json::Rfc3339ToUnixSeconds(value)) {
    return InvalidArgument("'" + std::string(key) + "' must be a date and time with its zone");
  }
  return value;
}

}  // namespace

std::string_view StateName(State state) { return kStateNames[static_cast<int>(state)]; }

std::optional<State> ParseState(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kStateNames); ++i) {
    if (kStateNames[i] == name) return static_cast<State>(i);
  }
  return std::nullopt;
}

std::span<const State> NextStates(State from) {
  switch (from) {
    case State::kDraft: return kFromDraft;
    case State::kScheduled: return kFromScheduled;
    case State::kInProgress: return kFromInProgress;
    case State::kCompleted:
    case State::kCancelled: return {};
  }
  return {};
}

bool CanTransition(State from, State to) {
  const auto next = NextStates(from);
  return std::find(next.begin(), next.end(), to) != next.end();
}

boost::json::object ToJson(const Participant& participant) {
  boost::json::object out{{"user_id", participant.user_id},
                          {"display_name", participant.display_name},
                          {"meeting_role", security::MeetingRoleName(participant.role)},
                          {"attended", nullptr}};
  if (participant.attended) out["attended"] = *participant.attended;
  return out;
}

std::string CoreRolesLiteral(const std::vector<security::MeetingRole>& roles) {
  std::vector<std::string> names;
  for (const auto role : roles) names.emplace_back(security::MeetingRoleName(role));
  return db::ArrayLiteral(names);
}

namespace {

boost::json::array CoreRolesJson(const std::vector<security::MeetingRole>& roles) {
  boost::json::array out;
  for (const auto role : roles) out.push_back(boost::json::string(security::MeetingRoleName(role)));
  return out;
}

}  // namespace

boost::json::object ToJson(const Meeting& meeting, bool with_participants) {
  boost::json::array next;
  for (State state : NextStates(meeting.state)) next.push_back(boost::json::string(StateName(state)));
  const auto optional = [](const std::optional<std::string>& value) -> boost::json::value {
    if (value) return boost::json::string(*value);
    return nullptr;
  };
  boost::json::object out{{"id", meeting.id},
          {"series_id", optional(meeting.series_id)},
          {"title", meeting.title},
          {"specialty", meeting.specialty},
          {"starts_at", meeting.starts_at},
          {"ends_at", meeting.ends_at},
          {"location", optional(meeting.location)},
          {"online_link", optional(meeting.online_link)},
          {"proposal_cutoff_at", meeting.proposal_cutoff_at},
          {"state", StateName(meeting.state)},
          {"core_roles", CoreRolesJson(meeting.core_roles)},
          {"allowed_transitions", std::move(next)},
          {"version", meeting.version},
          {"created_at", meeting.created_at},
          {"updated_at", meeting.updated_at}};
  if (with_participants) {
    boost::json::array participants;
    for (const auto& participant : meeting.participants) participants.push_back(ToJson(participant));
    out["participants"] = std::move(participants);
  }
  return out;
}

Result<MeetingFields> ParseNewMeeting(std::string_view body) {
  auto fields = ParseFields(body, true);
  if (!fields) return fields;
  for (auto [key, present] : {std::pair{"title", fields->title.has_value()},
                              std::pair{"specialty", fields->specialty.has_value()},
                              std::pair{"starts_at", fields->starts_at.has_value()},
                              std::pair{"ends_at", fields->ends_at.has_value()}}) {
    if (!present) return InvalidArgument("'" + std::string(key) + "' is required");
  }
  return fields;
}

Result<MeetingFields> ParseMeetingChanges(std::string_view body) { return ParseFields(body, false); }

Result<SeriesRule> ParseSeriesRule(std::string_view body) {
  auto object = json::ParseObject(body);
  if (!object) return object.error();
  if (auto checked = json::CheckKnownFields(*object, {"title", "specialty", "first_starts_at", "duration_minutes",
                                                       "time_zone", "interval_weeks", "occurrences", "cutoff_hours",
                                                       "location", "online_link", "organiser_id", "core_roles"});
      !checked) {
    return checked.error();
  }
  auto fields = FieldsOf(*object, true);
  if (!fields) return fields.error();
  SeriesRule rule{std::move(*fields)};
  auto first = json::OptionalTimestamp(*object, "first_starts_at");
  if (!first) return first.error();
  auto zone = json::OptionalText(*object, "time_zone", {1, 64});
  if (!zone) return zone.error();
  if (!rule.meeting.title || !rule.meeting.specialty || !*first || !*zone) {
    return InvalidArgument("'title', 'specialty', 'first_starts_at' and 'time_zone' are required");
  }
  rule.meeting.starts_at = std::move(**first);
  rule.time_zone = std::move(**zone);
  const struct {
    std::string_view key;
    int SeriesRule::*member;
    int min;
    int max;
    bool required;
  } numbers[] = {{"duration_minutes", &SeriesRule::duration_minutes, 5, 720, true},
                 {"interval_weeks", &SeriesRule::interval_weeks, 1, 4, false},
                 {"occurrences", &SeriesRule::occurrences, 1, 52, true},
                 {"cutoff_hours", &SeriesRule::cutoff_hours, 0, 336, false}};
  for (const auto& number : numbers) {
    auto value = json::OptionalInteger(*object, number.key, number.min, number.max);
    if (!value) return value.error();
    if (!*value && number.required) return InvalidArgument("'" + std::string(number.key) + "' is required");
    if (*value) rule.*number.member = static_cast<int>(**value);
  }
  return rule;
}

std::string EncodeCursor(const Meeting& last) {
  return crypto::Base64UrlEncode(std::string(kCursorPrefix) + last.id + last.starts_at);
}

Result<MeetingQuery> ParseMeetingQuery(const http::Fields& query) {
  MeetingQuery parsed;
  for (const auto& [key, value] : query) {
    if (key == "from" || key == "to") {
      auto stamp = QueryTimestamp(key, value);
      if (!stamp) return stamp.error();
      (key == "from" ? parsed.from : parsed.to) = std::move(*stamp);
    } else if (key == "specialty") {
      if (value.empty() || json::CountChars(value) > 100) return InvalidArgument("'specialty' must be 1 to 100 characters");
      parsed.specialty = value;
    } else if (key == "state") {
      parsed.state = ParseState(value);
      if (!parsed.state) return InvalidArgument("'state' must be a meeting state");
    } else if (key == "limit") {
      int limit = 0;
      if (!IsDigits(value) || value.size() > 3 ||
          std::from_chars(value.data(), value.data() + value.size(), limit).ec != std::errc{} || limit < 1 ||
          limit > kMaxPageSize) {
        return InvalidArgument("'limit' must be a whole number from 1 to 100");
      }
      parsed.limit = limit;
    } else if (key == "cursor") {
      auto decoded = crypto::Base64UrlDecode(value);
      constexpr std::size_t kIdChars = 36;
      if (!decoded || !decoded->starts_with(kCursorPrefix) || decoded->size() <= kCursorPrefix.size() + kIdChars ||
          !crypto::IsCanonicalUuid(std::string_view(*decoded).substr(kCursorPrefix.size(), kIdChars)) ||
          !json::Rfc3339ToUnixSeconds(std::string_view(*decoded).substr(kCursorPrefix.size() + kIdChars))) {
        return InvalidArgument("'cursor' is not a cursor from this API");
      }
      parsed.after = std::pair{decoded->substr(kCursorPrefix.size() + kIdChars),
                               decoded->substr(kCursorPrefix.size(), kIdChars)};
    } else {
      return InvalidArgument("unknown query parameter '" + key.substr(0, 64) + "'");
    }
  }
  return parsed;
}

}  // namespace consilium::meetings
