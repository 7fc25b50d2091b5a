#include "security/endpoints.hpp"

#include "platform/log/log.hpp"
#include "security/audit.hpp"

#include <algorithm>

namespace consilium::security {

void Endpoints::Add(http::Method method, std::string_view pattern, Action action, EndpointFn fn) {
  router_.Add(method, pattern);
  endpoints_.push_back({action, std::move(fn)});
  descriptions_.push_back({method, std::string(pattern), action});
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

boost::asio::awaitable<Result<http::Response>> Endpoints::Authorize(RequestContext& context,
                                                                    const Endpoint& endpoint) const {
  if (!endpoint.action) co_return co_await endpoint.fn(context);
  auto principal = tokens_.Verify(context.request.authorization);
  if (!principal) co_return principal.error();
  context.principal = std::move(*principal);
  if (!IsAllowed(context.principal->role, *endpoint.action)) {
    if (auto recorded = co_await RecordDenied(context, InfoOf(*endpoint.action).name); !recorded) {
      co_return recorded.error();
    }
    co_return MakeError(ErrorCode::kPermissionDenied, "your role does not allow this action");
  }
  co_return co_await endpoint.fn(context);
}

}  // namespace consilium::security
