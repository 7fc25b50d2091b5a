#include "modules/keys/clinic_key.hpp"
#include "modules/keys/keys.hpp"
#include "modules/keys/repository.hpp"
#include "security/audit.hpp"

#include <boost/json/array.hpp>

namespace consilium::keys {
namespace {

using http::Response;
using security::RequestContext;

enum class KeyRequest { kRead, kRotate };

boost::json::object ToJson(const repository::KeyStatus& status) {
  crypto::RootKey& root = Current().root();
  const long root_version = root.CurrentVersion();
  const int current = status.versions.empty() ? 0 : status.versions.front().version;
  boost::json::array versions;
  long patient_keys_pending = 0;
  long clinic_keys_pending = 0;
  for (const auto& version : status.versions) {
    versions.push_back({{"version", version.version},
                        {"root_key_version", version.root_version},
                        {"created_at", version.created_at},
                        {"patient_keys", version.patient_keys}});
    if (version.version != current) patient_keys_pending += version.patient_keys;
    if (version.root_version < root_version) ++clinic_keys_pending;
  }
  return {{"root_key", {{"provider", root.Description()}, {"current_version", root_version}}},
          {"current_version", current},
          {"clinic_key_versions", std::move(versions)},
          {"patient_keys", status.patient_keys},
          {"destroyed_patient_keys", status.destroyed_patient_keys},
          // What rotation has still to re-wrap; 0 and 0 when it is done.
          {"rewrap_pending", {{"patient_keys", patient_keys_pending}, {"clinic_keys", clinic_keys_pending}}}};
}

// The clinic's keys after the request (a rotation adds a version first), audited as keys.read or keys.rotate.
awaitable<Result<repository::KeyStatus>> StatusAfter(const RequestContext& context, KeyRequest request) {
  const std::string& clinic_id = context.principal->clinic_id;
  const bool rotate = request == KeyRequest::kRotate;
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

security::EndpointFn Answer(KeyRequest request) {
  return [request](RequestContext& context) -> awaitable<Result<Response>> {
    auto status = co_await StatusAfter(context, request);
    if (!status) co_return status.error();
    co_return http::JsonResponse(200, ToJson(*status));
  };
}

}  // namespace

void RegisterRoutes(security::Endpoints& endpoints) {
  endpoints.Add(http::Method::kGet, "/api/v1/keys", security::Action::kKeysRead, Answer(KeyRequest::kRead));
  endpoints.Add(http::Method::kPost, "/api/v1/keys/rotate", security::Action::kKeysRotate, Answer(KeyRequest::kRotate));
}

}  // namespace consilium::keys
