#include "security/endpoints.hpp"

#include "platform/log/log.hpp"
#include "platform/json/fields.hpp"
#include "security/audit.hpp"
#include "security/meeting_access.hpp"

#include <algorithm>
#include <stdexcept>

namespace consilium::security {

void Endpoints::Add(http::Method method, std::string_view pattern, Action action, EndpointFn fn, Body body) {
  router_.Add(method, pattern);
  endpoints_.push_back({action, std::move(fn), false, body});
  descriptions_.push_back({method, std::string(pattern), action});
}

void Endpoints::AddInMeeting(http::Method method, std::string_view pattern, Action action, EndpointFn fn, Body body) {
  if (pattern.find("{meeting_id}") == std::string_view::npos) {
    throw std::logic_error("a meeting route must name {meeting_id}: " + std::string(pattern));
  }
  Add(method, pattern, action, std::move(fn), body);
  endpoints_.back().in_meeting = true;
}

void Endpoints::AddPublic(http::Method method, std::string_view pattern, EndpointFn fn) {
  router_.Add(method, pattern);
  endpoints_.push_back({std::nullopt, std::move(fn)});
  descriptions_.push_back({method, std::string(pattern), std::nullopt});
}

boost::asio::awaitable<http::Response> Endpoints::Dispatch(http::Request& request) const {
  auto match = router_.Match(request.method, request.path);
  if (match.kind == http::RouteMatch::Kind::kNotFound) {
    co_return http::ErrorResponse(404, "not_found", "no such resource", request.request_id);
  }
  if (match.kind == http::RouteMatch::Kind::kMethodNotAllowed) {
    co_return http::ErrorResponse(405, "method_not_allowed", "method not allowed on this resource", request.request_id);
  }
  RequestContext context{request, std::nullopt, std::move(match.params)};
  auto response = co_await Authorize(context, endpoints_[match.route]);
  if (!response) {
    const Error& error = response.error();
    if (error.code == ErrorCode::kInternal || !error.log_detail.empty()) {
      log::Warn("request_failed", {{"request_id", request.request_id},
                                   {"code", SlugOf(error.code)},
                                   {"detail", error.log_detail}});
    }
    auto out = http::ErrorResponse(error, request.request_id);
    if (error.code == ErrorCode::kUnavailable || error.code == ErrorCode::kTooManyRequests) {
      out.headers.emplace_back("Retry-After", std::to_string(std::max(1, error.retry_after_seconds)));
    }
    co_return out;
  }
  co_return std::move(*response);
}

bool Endpoints::StreamsBody(http::Method method, std::string_view path) const {
  const auto match = router_.Match(method, path);
  return match.kind == http::RouteMatch::Kind::kFound && endpoints_[match.route].body == Body::kStreamed;
}

boost::asio::awaitable<Result<http::Response>> Endpoints::Authorize(RequestContext& context,
                                                                    const Endpoint& endpoint) const {
  if (!endpoint.action) co_return co_await endpoint.fn(context);
  auto principal = tokens_.Verify(context.request.authorization);
  if (!principal) co_return principal.error();
  context.principal = std::move(*principal);
  const Action action = *endpoint.action;
  bool allowed = IsAllowed(context.principal->role, action);
  if (!allowed && endpoint.in_meeting) {
    auto grant = co_await MeetingGrant(context, action);
    if (!grant) co_return grant.error();
    context.meeting_grant = *grant;
    allowed = grant->has_value();
  }
  if (allowed) co_return co_await Handle(context, endpoint);
  if (auto recorded = co_await RecordDenied(context, InfoOf(action).name); !recorded) co_return recorded.error();
  // A guest is not told whether a meeting they are refused exists.
  if (endpoint.in_meeting && context.principal->role == ClinicRole::kGuest) co_return NotFound("no such meeting");
  co_return MakeError(ErrorCode::kPermissionDenied, "your role does not allow this action");
}

boost::asio::awaitable<Result<http::Response>> Endpoints::Handle(RequestContext& context,
                                                                 const Endpoint& endpoint) const {
  auto response = co_await endpoint.fn(context);
  // Anything that failed is recorded (the handler's own changes rolled back
  // with it), except an ended session, which has nothing to record against,
  // and an overloaded database, which must not be asked for more.
  if (!response && response.error().code != ErrorCode::kUnauthenticated &&
      response.error().code != ErrorCode::kUnavailable) {
    if (auto recorded = co_await RecordFailed(context, InfoOf(*endpoint.action).name, response.error()); !recorded) {
      log::Warn("audit_failed", {{"request_id", context.request.request_id},
                                 {"detail", recorded.error().log_detail}});
    }
  }
  co_return response;
}

boost::asio::awaitable<Result<std::optional<MeetingRole>>> Endpoints::MeetingGrant(const RequestContext& context,
                                                                                   Action action) const {
  auto meeting_id = json::ParseId(context.Param("meeting_id"), "meeting id");
  if (!meeting_id) co_return std::optional<MeetingRole>{};
  auto access = co_await LookUpMeetingAccess(context, *meeting_id);
  if (!access) co_return access.error();
  const bool allowed = access->role && IsAllowedInMeeting(*access->role, action) &&
                       (*access->role != MeetingRole::kGuest || access->open_to_guests);
  if (!allowed) co_return std::optional<MeetingRole>{};
  co_return access->role;
}

}  // namespace consilium::security
