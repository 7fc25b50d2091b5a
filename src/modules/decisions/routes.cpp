#include "modules/decisions/decisions.hpp"
#include "platform/http/media_type.hpp"
#include "platform/json/fields.hpp"

namespace consilium::decisions {
namespace {

using http::Method;
using http::Response;
using security::Action;

struct ItemPath {
  std::string meeting_id;
  std::string item_id;
};

Result<ItemPath> ParsePath(const RequestContext& context) {
  auto meeting_id = json::ParseId(context.Param("meeting_id"), "meeting id");
  if (!meeting_id) return meeting_id.error();
  auto item_id = json::ParseId(context.Param("item_id"), "item id");
  if (!item_id) return item_id.error();
  return ItemPath{std::move(*meeting_id), std::move(*item_id)};
}

awaitable<Result<Response>> Record(RequestContext& context) {
  auto path = ParsePath(context);
  if (!path) co_return path.error();
  if (auto json = http::RequireJsonBody(context.request); !json) co_return json.error();
  auto input = ParseDecision(context.request.body);
  if (!input) co_return input.error();
  auto version = co_await RecordDecision(context, path->meeting_id, path->item_id, *input);
  if (!version) co_return version.error();
  co_return http::JsonResponse(200, ToJson(*version));
}

awaitable<Result<Response>> Sign(RequestContext& context) {
  auto path = ParsePath(context);
  if (!path) co_return path.error();
  auto version = co_await SignDecision(context, path->meeting_id, path->item_id);
  if (!version) co_return version.error();
  co_return http::JsonResponse(200, ToJson(*version));
}

awaitable<Result<Response>> Latest(RequestContext& context) {
  auto path = ParsePath(context);
  if (!path) co_return path.error();
  auto versions = co_await DecisionVersions(context, path->meeting_id, path->item_id);
  if (!versions) co_return versions.error();
  co_return http::JsonResponse(200, ToJson(versions->front()));
}

awaitable<Result<Response>> History(RequestContext& context) {
  auto path = ParsePath(context);
  if (!path) co_return path.error();
  auto versions = co_await DecisionVersions(context, path->meeting_id, path->item_id);
  if (!versions) co_return versions.error();
  boost::json::array items;
  for (const auto& version : *versions) items.push_back(ToJson(version));
  co_return http::JsonResponse(200, {{"items", std::move(items)}});
}

}  // namespace

void RegisterRoutes(security::Endpoints& endpoints) {
  constexpr std::string_view kDecision = "/api/v1/meetings/{meeting_id}/agenda/{item_id}/decision";
  endpoints.AddInMeeting(Method::kPut, kDecision, Action::kDecisionRecord, Record);
  endpoints.AddInMeeting(Method::kGet, kDecision, Action::kDecisionRead, Latest);
  endpoints.AddInMeeting(Method::kPost, std::string(kDecision) + "/signature", Action::kDecisionSign, Sign);
  endpoints.AddInMeeting(Method::kGet, std::string(kDecision) + "/versions", Action::kDecisionRead, History);
  RegisterHistoryRoute(endpoints);
}

}  // namespace consilium::decisions
