#include "modules/keys/clinic_key.hpp"
#include "modules/keys/keys.hpp"
#include "modules/keys/repository.hpp"
#include "security/audit.hpp"

#include <boost/json/array.hpp>

namespace consilium::keys {
namespace {

using http::Response;
using security::RequestContext;

boost::json::object ToJson(const repository::KeyStatus& status) {
  boost::json::array versions;
  long pending = 0;
  for (const auto& version : status.versions) {
    versions.push_back({{"version", version.version},
                        {"root_key_version", version.root_version},
                        {"created_at", version.created_at},
                        {"patient_keys", version.patient_keys}});
    if (version.version != status.versions.front().version) pending += version.patient_keys;
  }
  crypto::RootKey& root = Current().root();
  const long root_version = root.CurrentVersion();
  long clinic_keys_pending = 0;
  for (const auto& version : status.versions) clinic_keys_pending += version.root_version < root_version ? 1 : 0;
  boost::json::object out{{"root_key", {{"provider", root.Description()}, {"current_version", root_version}}},
                          {"clinic_key_versions", std::move(versions)},
                          {"patient_keys", status.patient_keys},
                          {"destroyed_patient_keys", status.destroyed_patient_keys},
                          // What rotation has still to re-wrap; 0 and 0 when it is done.
                          {"rewrap_pending", {{"patient_keys", pending}, {"clinic_keys", clinic_keys_pending}}}};
  out["current_version"] = status.versions.empty() ? 0 : status.versions.front().version;
  return out;
}

awaitable<Result<repository::KeyStatus>> ShowStatus(const RequestContext& context, bool rotate) {
  const std::string& clinic_id = context.principal->clinic_id;
  repository::KeyStatus status;
  auto done = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    std::optional<boost::json::value> after;
    if (rotate) {
      auto version = co_await AddClinicKeyVersion(tx, clinic_id);
      if (!version) co_return version.error();
      after = boost::json::object{{"clinic_key_version", *version}};
    } else {
      // The clinic's key exists from the first look, so the page never shows "no key".
      auto newest = co_await NewestClinicKey(tx, clinic_id);
      if (!newest) co_return newest.error();
    }
    auto read = co_await repository::ReadStatus(tx, clinic_id);
    if (!read) co_return read.error();
    status = std::move(*read);
    const security::AuditEntry entry{.action = rotate ? "keys.rotate" : "keys.read",
                                     .resource_type = "clinic_key",
                                     .resource_id = clinic_id,
                                     .after = std::move(after)};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!done) co_return done.error();
  co_return status;
}

}  // namespace

void RegisterRoutes(security::Endpoints& endpoints) {
  endpoints.Add(http::Method::kGet, "/api/v1/keys", security::Action::kKeysRead,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  auto status = co_await ShowStatus(context, false);
                  if (!status) co_return status.error();
                  co_return http::JsonResponse(200, ToJson(*status));
                });
  endpoints.Add(http::Method::kPost, "/api/v1/keys/rotate", security::Action::kKeysRotate,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  auto status = co_await ShowStatus(context, true);
                  if (!status) co_return status.error();
                  co_return http::JsonResponse(200, ToJson(*status));
                });
}

}  // namespace consilium::keys
