#include "modules/plans/plans.hpp"
#include "platform/http/conditional.hpp"
#include "platform/http/media_type.hpp"
#include "platform/json/fields.hpp"

#include <charconv>

namespace consilium::plans {
namespace {

using http::Method;
using http::Response;
using security::Action;

Result<std::string> PlanId(const RequestContext& context) { return json::ParseId(context.Param("plan_id"), "plan id"); }

Response PlanResponse(int status, const Plan& plan) {
  Response response = http::JsonResponse(status, ToJson(plan));
  response.headers.emplace_back("ETag", http::VersionETag(plan.current.version));
  return response;
}

awaitable<Result<Response>> Create(RequestContext& context) {
  auto patient_id = json::ParseId(context.Param("patient_id"), "patient id");
  if (!patient_id) co_return patient_id.error();
  if (auto json = http::RequireJsonBody(context.request); !json) co_return json.error();
  auto plan = ParseNewPlan(context.request.body);
  if (!plan) co_return plan.error();
  auto created = co_await CreatePlan(context, *patient_id, *plan);
  if (!created) co_return created.error();
  Response response = PlanResponse(201, *created);
  response.headers.emplace_back("Location", "/api/v1/plans/" + created->id);
  co_return response;
}

awaitable<Result<Response>> ListForPatient(RequestContext& context) {
  auto patient_id = json::ParseId(context.Param("patient_id"), "patient id");
  if (!patient_id) co_return patient_id.error();
  auto plans = co_await PatientPlans(context, *patient_id);
  if (!plans) co_return plans.error();
  boost::json::array items;
  for (const auto& plan : *plans) items.push_back(ToJson(plan));
  co_return http::JsonResponse(200, {{"items", std::move(items)}});
}

awaitable<Result<Response>> Read(RequestContext& context) {
  auto plan_id = PlanId(context);
  if (!plan_id) co_return plan_id.error();
  auto plan = co_await GetPlan(context, *plan_id);
  if (!plan) co_return plan.error();
  co_return PlanResponse(200, *plan);
}

awaitable<Result<Response>> Change(RequestContext& context) {
  auto plan_id = PlanId(context);
  if (!plan_id) co_return plan_id.error();
  if (auto json = http::RequireJsonBody(context.request); !json) co_return json.error();
  auto expected = http::ParseIfMatch(context.request.if_match);
  if (!expected) co_return expected.error();
  auto change = ParsePlanChange(context.request.body);
  if (!change) co_return change.error();
  auto plan = co_await UpdatePlan(context, *plan_id, *change, *expected);
  if (!plan) co_return plan.error();
  co_return PlanResponse(200, *plan);
}

awaitable<Result<Response>> Transition(RequestContext& context) {
  auto plan_id = PlanId(context);
  if (!plan_id) co_return plan_id.error();
  auto object = http::ParseJsonObjectBody(context.request, {"to"});
  if (!object) co_return object.error();
  auto to = json::RequiredText(*object, "to", {1, 32});
  if (!to) co_return to.error();
  const auto state = ParsePlanState(*to);
  if (!state) co_return InvalidArgument("'to' must be a plan state");
  auto plan = co_await TransitionPlan(context, *plan_id, *state);
  if (!plan) co_return plan.error();
  co_return PlanResponse(200, *plan);
}

awaitable<Result<Response>> Versions(RequestContext& context) {
  auto plan_id = PlanId(context);
  if (!plan_id) co_return plan_id.error();
  auto versions = co_await PlanVersions(context, *plan_id, std::nullopt);
  if (!versions) co_return versions.error();
  boost::json::array items;
  for (const auto& version : *versions) items.push_back(ToJson(version));
  co_return http::JsonResponse(200, {{"items", std::move(items)}});
}

awaitable<Result<Response>> OneVersion(RequestContext& context) {
  auto plan_id = PlanId(context);
  if (!plan_id) co_return plan_id.error();
  const std::string_view text = context.Param("version");
  int version = 0;
  if (text.empty() || text.size() > 6 ||
      std::from_chars(text.data(), text.data() + text.size(), version).ptr != text.data() + text.size() ||
      version < 1) {
    co_return InvalidArgument("the version must be a whole number from 1");
  }
  auto versions = co_await PlanVersions(context, *plan_id, version);
  if (!versions) co_return versions.error();
  co_return http::JsonResponse(200, ToJson(versions->front()));
}

awaitable<Result<Response>> AddCorrection(RequestContext& context) {
  auto plan_id = PlanId(context);
  if (!plan_id) co_return plan_id.error();
  auto object = http::ParseJsonObjectBody(context.request, {"text"});
  if (!object) co_return object.error();
  auto text = json::RequiredText(*object, "text", {1, 10000});
  if (!text) co_return text.error();
  auto plan = co_await AddAddendum(context, *plan_id, *text);
  if (!plan) co_return plan.error();
  co_return PlanResponse(201, *plan);
}

}  // namespace

void RegisterRoutes(security::Endpoints& endpoints) {
  endpoints.Add(Method::kPost, "/api/v1/patients/{patient_id}/plans", Action::kPlanWrite, Create);
  endpoints.Add(Method::kGet, "/api/v1/patients/{patient_id}/plans", Action::kPlanRead, ListForPatient);
  endpoints.Add(Method::kGet, "/api/v1/plans/{plan_id}", Action::kPlanRead, Read);
  endpoints.Add(Method::kPatch, "/api/v1/plans/{plan_id}", Action::kPlanWrite, Change);
  endpoints.Add(Method::kPost, "/api/v1/plans/{plan_id}/transitions", Action::kPlanWrite, Transition);
  endpoints.Add(Method::kGet, "/api/v1/plans/{plan_id}/versions", Action::kPlanRead, Versions);
  endpoints.Add(Method::kGet, "/api/v1/plans/{plan_id}/versions/{version}", Action::kPlanRead, OneVersion);
  endpoints.Add(Method::kPost, "/api/v1/plans/{plan_id}/addenda", Action::kPlanAddendum, AddCorrection);
}

}  // namespace consilium::plans
