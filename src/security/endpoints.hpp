#pragma once
// The route table. An authenticated route cannot be added without the
// action it performs, and every request passes the same gate: match,
// authenticate, check the permission table (denials audited), then handle.
#include "security/permissions.hpp"
#include "security/tokens.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <optional>
#include <vector>

namespace consilium::security {

using EndpointFn = std::function<boost::asio::awaitable<Result<http::Response>>(RequestContext&)>;

// How a route's request body is read: whole, within body_limit_bytes, before the handler runs; or streamed,
// pulled by the handler through Request::body_reader (uploads), within file_size_limit_bytes, after the gate.
enum class Body { kBuffered, kStreamed };

class Endpoints {
 public:
  explicit Endpoints(const AccessTokens& tokens) : tokens_(tokens) {}

  void Add(http::Method method, std::string_view pattern, Action action, EndpointFn fn, Body body = Body::kBuffered);
  // A route on one meeting: its pattern names {meeting_id}, and a caller
  // whose clinic role does not allow the action may still be allowed by
  // their role in that meeting (RequestContext::meeting_grant says so).
  void AddInMeeting(http::Method method, std::string_view pattern, Action action, EndpointFn fn,
                    Body body = Body::kBuffered);
  // Routes anyone may call (health, sign-in); named so they stand out in review.
  void AddPublic(http::Method method, std::string_view pattern, EndpointFn fn);

  boost::asio::awaitable<http::Response> Dispatch(http::Request& request) const;
  // For the server, once it has read a request's head: whether its route streams its body. Only
  // authenticated routes may (a public route never reads a streamed body).
  bool StreamsBody(http::Method method, std::string_view path) const;

  struct Description {
    http::Method method;
    std::string pattern;
    std::optional<Action> action;  // empty for public routes
  };
  const std::vector<Description>& Describe() const { return descriptions_; }

 private:
  struct Endpoint {
    std::optional<Action> action;  // empty only for AddPublic
    EndpointFn fn;
    bool in_meeting = false;
    Body body = Body::kBuffered;
  };
  boost::asio::awaitable<Result<http::Response>> Authorize(RequestContext& context, const Endpoint& endpoint) const;
  // Runs an allowed request's handler; a failure is audited.
  boost::asio::awaitable<Result<http::Response>> Handle(RequestContext& context, const Endpoint& endpoint) const;
  // The caller's role in the route's meeting, when it allows the action.
  boost::asio::awaitable<Result<std::optional<MeetingRole>>> MeetingGrant(const RequestContext& context,
                                                                         Action action) const;

  const AccessTokens& tokens_;
  http::Router router_;
  std::vector<Endpoint> endpoints_;
  std::vector<Description> descriptions_;
};

}  // namespace consilium::security
