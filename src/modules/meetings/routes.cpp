#include "modules/meetings/meetings.hpp"
#include "platform/http/conditional.hpp"
#include "platform/http/media_type.hpp"
#include "platform/json/fields.hpp"

namespace consilium::meetings {
namespace {

using http::Method;
using http::Response;
using security::Action;

constexpr std::size_t kMaxAttendance = 500;

Response MeetingResponse(int status, const Meeting& meeting, bool with_participants = true) {
  Response response = http::JsonResponse(status, ToJson(meeting, with_participants));
  response.headers.emplace_back("ETag", http::VersionETag(meeting.version));
  return response;
}

Result<std::string> MeetingId(const RequestContext& context) {
  return json::ParseId(context.Param("meeting_id"), "meeting id");
}

awaitable<Result<Response>> Create(RequestContext& context) {
  if (auto json = http::RequireJsonBody(context.request); !json) co_return json.error();
  auto fields = ParseNewMeeting(context.request.body);
  if (!fields) co_return fields.error();
  auto meeting = co_await CreateMeeting(context, *fields);
  if (!meeting) co_return meeting.error();
  Response response = MeetingResponse(201, *meeting);
  response.headers.emplace_back("Location", "/api/v1/meetings/" + meeting->id);
  co_return response;
}

awaitable<Result<Response>> CreateRecurring(RequestContext& context) {
  if (auto json = http::RequireJsonBody(context.request); !json) co_return json.error();
  auto rule = ParseSeriesRule(context.request.body);
  if (!rule) co_return rule.error();
  auto meetings = co_await CreateSeries(context, *rule);
  if (!meetings) co_return meetings.error();
  boost::json::array items;
  for (const auto& meeting : *meetings) items.push_back(ToJson(meeting));
  std::string series_id;
  if (!meetings->empty() && meetings->front().series_id) series_id = *meetings->front().series_id;
  co_return http::JsonResponse(201, {{"series_id", series_id}, {"meetings", std::move(items)}});
}

awaitable<Result<Response>> List(RequestContext& context) {
  auto query = ParseMeetingQuery(context.request.query);
  if (!query) co_return query.error();
  auto page = co_await ListMeetings(context, *query);
  if (!page) co_return page.error();
  boost::json::array items;
  for (const auto& meeting : page->items) items.push_back(ToJson(meeting, false));
  boost::json::value next = nullptr;
  if (page->next_cursor) next = boost::json::string(*page->next_cursor);
  co_return http::JsonResponse(200, {{"items", std::move(items)}, {"next_cursor", next}});
}

awaitable<Result<Response>> Read(RequestContext& context) {
  auto id = MeetingId(context);
  if (!id) co_return id.error();
  auto meeting = co_await GetMeeting(context, *id);
  if (!meeting) co_return meeting.error();
  // A guest sees the meeting and its approved agenda, not who else takes part.
  co_return MeetingResponse(200, *meeting, context.meeting_grant != security::MeetingRole::kGuest);
}

awaitable<Result<Response>> Change(RequestContext& context) {
  auto id = MeetingId(context);
  if (!id) co_return id.error();
  if (auto json = http::RequireJsonBody(context.request); !json) co_return json.error();
  auto expected = http::ParseIfMatch(context.request.if_match);
  if (!expected) co_return expected.error();
  auto changes = ParseMeetingChanges(context.request.body);
  if (!changes) co_return changes.error();
  auto meeting = co_await UpdateMeeting(context, *id, *changes, *expected);
  if (!meeting) co_return meeting.error();
  co_return MeetingResponse(200, *meeting);
}

awaitable<Result<Response>> Transition(RequestContext& context) {
  auto id = MeetingId(context);
  if (!id) co_return id.error();
  auto object = http::ParseJsonObjectBody(context.request, {"to"});
  if (!object) co_return object.error();
  auto to = json::RequiredText(*object, "to", {1, 32});
  if (!to) co_return to.error();
  const auto state = ParseState(*to);
  if (!state) co_return InvalidArgument("'to' must be a meeting state");
  auto meeting = co_await TransitionMeeting(context, *id, *state);
  if (!meeting) co_return meeting.error();
  co_return MeetingResponse(200, *meeting);
}

awaitable<Result<Response>> History(RequestContext& context) {
  auto id = MeetingId(context);
  if (!id) co_return id.error();
  auto transitions = co_await ListTransitions(context, *id);
  if (!transitions) co_return transitions.error();
  co_return http::JsonResponse(200, {{"items", std::move(*transitions)}});
}

awaitable<Result<Response>> PutParticipant(RequestContext& context) {
  auto id = MeetingId(context);
  if (!id) co_return id.error();
  auto user_id = json::ParseId(context.Param("user_id"), "user id");
  if (!user_id) co_return user_id.error();
  auto object = http::ParseJsonObjectBody(context.request, {"meeting_role"});
  if (!object) co_return object.error();
  auto role_name = json::RequiredText(*object, "meeting_role", {1, 32});
  if (!role_name) co_return role_name.error();
  const auto role = security::ParseMeetingRole(*role_name);
  if (!role) co_return InvalidArgument("'meeting_role' must be organiser, doctor, nurse or guest");
  auto meeting = co_await SetParticipant(context, *id, *user_id, *role);
  if (!meeting) co_return meeting.error();
  co_return MeetingResponse(200, *meeting);
}

awaitable<Result<Response>> DeleteParticipant(RequestContext& context) {
  auto id = MeetingId(context);
  if (!id) co_return id.error();
  auto user_id = json::ParseId(context.Param("user_id"), "user id");
  if (!user_id) co_return user_id.error();
  if (auto removed = co_await RemoveParticipant(context, *id, *user_id); !removed) co_return removed.error();
  co_return Response{.status = 204, .content_type = "application/json", .body = {}, .headers = {}};
}

Result<std::vector<std::string>> ParsePresent(const http::Request& request) {
  auto object = http::ParseJsonObjectBody(request, {"present"});
  if (!object) return object.error();
  const auto* present = object->if_contains("present");
  if (!present || !present->is_array() || present->as_array().size() > kMaxAttendance) {
    return InvalidArgument("'present' must be a list of user ids");
  }
  std::vector<std::string> ids;
  for (const auto& item : present->as_array()) {
    if (!item.is_string()) return InvalidArgument("'present' must be a list of user ids");
    auto id = json::ParseId(item.as_string(), "each of 'present'");
    if (!id) return id.error();
    ids.push_back(std::move(*id));
  }
  return ids;
}

awaitable<Result<Response>> Attendance(RequestContext& context) {
  auto id = MeetingId(context);
  if (!id) co_return id.error();
  auto present = ParsePresent(context.request);
  if (!present) co_return present.error();
  auto meeting = co_await RecordAttendance(context, *id, *present);
  if (!meeting) co_return meeting.error();
  co_return MeetingResponse(200, *meeting);
}

}  // namespace

void RegisterRoutes(security::Endpoints& endpoints) {
  endpoints.Add(Method::kPost, "/api/v1/meetings", Action::kMeetingCreate, Create);
  endpoints.Add(Method::kGet, "/api/v1/meetings", Action::kMeetingList, List);
  endpoints.Add(Method::kPost, "/api/v1/meeting-series", Action::kMeetingCreate, CreateRecurring);
  endpoints.AddInMeeting(Method::kGet, "/api/v1/meetings/{meeting_id}", Action::kMeetingRead, Read);
  endpoints.AddInMeeting(Method::kPatch, "/api/v1/meetings/{meeting_id}", Action::kMeetingUpdate, Change);
  endpoints.AddInMeeting(Method::kPost, "/api/v1/meetings/{meeting_id}/transitions", Action::kMeetingTransition,
                         Transition);
  endpoints.AddInMeeting(Method::kGet, "/api/v1/meetings/{meeting_id}/transitions", Action::kMeetingRead, History);
  endpoints.AddInMeeting(Method::kPut, "/api/v1/meetings/{meeting_id}/participants/{user_id}",
                         Action::kMeetingParticipantsManage, PutParticipant);
  endpoints.AddInMeeting(Method::kDelete, "/api/v1/meetings/{meeting_id}/participants/{user_id}",
                         Action::kMeetingParticipantsManage, DeleteParticipant);
  endpoints.AddInMeeting(Method::kPut, "/api/v1/meetings/{meeting_id}/attendance", Action::kMeetingAttendanceRecord,
                         Attendance);
}

}  // namespace consilium::meetings
