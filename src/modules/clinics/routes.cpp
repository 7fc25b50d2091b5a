#include "modules/clinics/clinics.hpp"
#include "platform/http/media_type.hpp"
#include "platform/json/fields.hpp"

namespace consilium::clinics {
namespace {

using boost::asio::awaitable;
using http::Response;
using security::RequestContext;

Response SettingsResponse(const RequestContext& context, const ClinicSettings& settings) {
  return http::JsonResponse(200, {{"clinic_id", context.principal->clinic_id},
                                  {"name", settings.name},
                                  {"mfa_required", settings.mfa_required},
                                  {"min_password_length", settings.min_password_length},
                                  {"plan_edit_window_days", settings.plan_edit_window_days}});
}

Result<SettingsChange> ParseSettingsChange(const http::Request& request) {
  auto object = http::ParseJsonObjectBody(request, {"mfa_required", "min_password_length", "plan_edit_window_days"});
  if (!object) return object.error();
  auto mfa_required = json::OptionalBool(*object, "mfa_required");
  if (!mfa_required) return mfa_required.error();
  auto length = json::OptionalInteger(*object, "min_password_length", 8, 128);
  if (!length) return length.error();
  // Seven days at most: the window cannot be raised above it.
  auto window = json::OptionalInteger(*object, "plan_edit_window_days", 0, 7);
  if (!window) return window.error();
  if (!*mfa_required && !*length && !*window) return InvalidArgument("nothing to change");
  SettingsChange change{*mfa_required, std::nullopt, std::nullopt};
  if (*length) change.min_password_length = static_cast<int>(**length);
  if (*window) change.plan_edit_window_days = static_cast<int>(**window);
  return change;
}

}  // namespace

void RegisterRoutes(security::Endpoints& endpoints) {
  endpoints.Add(http::Method::kGet, "/api/v1/clinic/settings", security::Action::kClinicSettingsRead,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  auto settings = co_await ShowSettings(context);
                  if (!settings) co_return settings.error();
                  co_return SettingsResponse(context, *settings);
                });
  endpoints.Add(http::Method::kPatch, "/api/v1/clinic/settings", security::Action::kClinicSettingsUpdate,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  auto change = ParseSettingsChange(context.request);
                  if (!change) co_return change.error();
                  auto settings = co_await ChangeSettings(context, *change);
                  if (!settings) co_return settings.error();
                  co_return SettingsResponse(context, *settings);
                });
}

}  // namespace consilium::clinics
