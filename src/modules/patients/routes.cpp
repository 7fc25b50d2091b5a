#include "modules/patients/patients.hpp"
#include "platform/http/conditional.hpp"
#include "platform/http/media_type.hpp"
#include "platform/json/fields.hpp"

namespace consilium::patients {
namespace {

using http::Method;
using http::Response;
using security::Action;

Response PatientResponse(int status, const Patient& patient) {
  Response response = http::JsonResponse(status, ToJson(patient));
  response.headers.emplace_back("ETag", ETagOf(patient));
  return response;
}

awaitable<Result<Response>> Create(RequestContext& context) {
  if (auto json = http::RequireJsonBody(context.request); !json) co_return json.error();
  auto fields = ParseNewPatient(context.request.body);
  if (!fields) co_return fields.error();
  auto patient = co_await CreatePatient(context, *fields);
  if (!patient) co_return patient.error();
  Response response = PatientResponse(201, *patient);
  response.headers.emplace_back("Location", "/api/v1/patients/" + patient->id);
  co_return response;
}

awaitable<Result<Response>> Read(RequestContext& context) {
  auto id = ParsePatientId(context.Param("id"));
  if (!id) co_return id.error();
  auto patient = co_await GetPatient(context, *id);
  if (!patient) co_return patient.error();
  co_return PatientResponse(200, *patient);
}

awaitable<Result<Response>> Change(RequestContext& context) {
  auto id = ParsePatientId(context.Param("id"));
  if (!id) co_return id.error();
  if (auto json = http::RequireJsonBody(context.request); !json) co_return json.error();
  auto expected = http::ParseIfMatch(context.request.if_match);
  if (!expected) co_return expected.error();
  auto changes = ParsePatientChanges(context.request.body);
  if (!changes) co_return changes.error();
  auto patient = co_await UpdatePatient(context, *id, *changes, *expected);
  if (!patient) co_return patient.error();
  co_return PatientResponse(200, *patient);
}

awaitable<Result<Response>> List(RequestContext& context) {
  auto query = ParsePatientQuery(context.request.query);
  if (!query) co_return query.error();
  auto page = co_await ListPatients(context, std::move(*query));
  if (!page) co_return page.error();
  boost::json::array items;
  for (const auto& patient : page->items) items.push_back(ToJson(patient));
  boost::json::value next = page->next_cursor ? boost::json::value(*page->next_cursor) : boost::json::value(nullptr);
  co_return http::JsonResponse(200, {{"items", std::move(items)}, {"next_cursor", std::move(next)}});
}

awaitable<Result<Response>> Merge(RequestContext& context) {
  auto id = ParsePatientId(context.Param("id"));
  if (!id) co_return id.error();
  auto object = http::ParseJsonObjectBody(context.request, {"into"});
  if (!object) co_return object.error();
  auto into = json::RequiredText(*object, "into", {1, 64});
  if (!into) co_return into.error();
  auto survivor_id = ParsePatientId(*into);
  if (!survivor_id) co_return survivor_id.error();
  auto survivor = co_await MergePatients(context, *id, *survivor_id);
  if (!survivor) co_return survivor.error();
  co_return PatientResponse(200, *survivor);
}

}  // namespace

void RegisterRoutes(security::Endpoints& endpoints) {
  endpoints.Add(Method::kPost, "/api/v1/patients", Action::kPatientCreate, Create);
  endpoints.Add(Method::kGet, "/api/v1/patients", Action::kPatientList, List);
  endpoints.Add(Method::kGet, "/api/v1/patients/{id}", Action::kPatientRead, Read);
  endpoints.Add(Method::kPatch, "/api/v1/patients/{id}", Action::kPatientUpdate, Change);
  endpoints.Add(Method::kPost, "/api/v1/patients/{id}/merge", Action::kPatientMerge, Merge);
}

}  // namespace consilium::patients
