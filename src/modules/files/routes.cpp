#include "modules/files/files.hpp"
#include "platform/json/fields.hpp"

namespace consilium::files {
namespace {

using http::Method;
using http::Response;
using security::Action;
using security::Body;

Response ListResponse(const std::vector<File>& files) {
  boost::json::array items;
  for (const auto& file : files) items.push_back(ToJson(file));
  return http::JsonResponse(200, {{"files", std::move(items)}});
}

awaitable<Result<Response>> UploadTo(RequestContext& context, const Store& store, const Target& target) {
  auto name = ParseFileName(context.request.file_name);
  if (!name) co_return name.error();
  auto file = co_await Upload(context, store, target, *name);
  if (!file) co_return file.error();
  co_return http::JsonResponse(201, ToJson(*file));
}

awaitable<Result<Response>> UploadToPatient(RequestContext& context, const Store& store) {
  auto patient_id = json::ParseId(context.Param("patient_id"), "patient id");
  if (!patient_id) co_return patient_id.error();
  const Target target{.patient_id = *patient_id};  // named: GCC 12 and temporaries in co_await
  co_return co_await UploadTo(context, store, target);
}

awaitable<Result<Response>> UploadToItem(RequestContext& context, const Store& store) {
  auto meeting_id = json::ParseId(context.Param("meeting_id"), "meeting id");
  if (!meeting_id) co_return meeting_id.error();
  auto item_id = json::ParseId(context.Param("item_id"), "item id");
  if (!item_id) co_return item_id.error();
  const Target target{.meeting_id = *meeting_id, .item_id = *item_id};
  co_return co_await UploadTo(context, store, target);
}

awaitable<Result<Response>> ListForPatient(RequestContext& context) {
  auto patient_id = json::ParseId(context.Param("patient_id"), "patient id");
  if (!patient_id) co_return patient_id.error();
  auto files = co_await PatientFiles(context, *patient_id);
  if (!files) co_return files.error();
  co_return ListResponse(*files);
}

awaitable<Result<Response>> ListForItem(RequestContext& context) {
  auto meeting_id = json::ParseId(context.Param("meeting_id"), "meeting id");
  if (!meeting_id) co_return meeting_id.error();
  auto item_id = json::ParseId(context.Param("item_id"), "item id");
  if (!item_id) co_return item_id.error();
  auto files = co_await ItemFiles(context, *meeting_id, *item_id);
  if (!files) co_return files.error();
  co_return ListResponse(*files);
}

awaitable<Result<Response>> DownloadContent(RequestContext& context, const Store& store) {
  auto file_id = json::ParseId(context.Param("file_id"), "file id");
  if (!file_id) co_return file_id.error();
  auto download = co_await OpenDownload(context, store, *file_id);
  if (!download) co_return download.error();
  Response response;
  response.content_type = download->file.content_type;
  response.headers.emplace_back("Content-Disposition", ContentDisposition(download->file.name));
  response.stream = std::move(download->content);
  co_return response;
}

}  // namespace

void RegisterRoutes(security::Endpoints& endpoints, const Store& store) {
  const Store* files = &store;
  endpoints.Add(Method::kGet, "/api/v1/patients/{patient_id}/files", Action::kFileRead, ListForPatient);
  endpoints.Add(
      Method::kPost, "/api/v1/patients/{patient_id}/files", Action::kFileUpload,
      [files](RequestContext& context) { return UploadToPatient(context, *files); }, Body::kStreamed);
  // No meeting role grants a file action: a guest is refused here (404, like any meeting route they may not use).
  endpoints.AddInMeeting(Method::kGet, "/api/v1/meetings/{meeting_id}/agenda/{item_id}/files", Action::kFileRead,
                         ListForItem);
  endpoints.AddInMeeting(
      Method::kPost, "/api/v1/meetings/{meeting_id}/agenda/{item_id}/files", Action::kFileUpload,
      [files](RequestContext& context) { return UploadToItem(context, *files); }, Body::kStreamed);
  endpoints.Add(Method::kGet, "/api/v1/files/{file_id}/content", Action::kFileDownload,
                [files](RequestContext& context) { return DownloadContent(context, *files); });
}

}  // namespace consilium::files
