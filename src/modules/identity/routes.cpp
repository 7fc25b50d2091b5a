#include "modules/identity/identity.hpp"
#include "platform/http/media_type.hpp"
#include "platform/json/fields.hpp"

namespace consilium::identity {
namespace {

using http::Method;
using http::Response;
using security::Action;
using security::RequestContext;

constexpr json::TextLimits kEmailLimits{3, 254};
constexpr std::size_t kMaxPasswordBytes = 1024;  // sign-in applies no policy, only a bound
constexpr json::TextLimits kRefreshTokenLimits{16, 128};

struct SignInInput {
  std::string email;
  std::string password;
  std::optional<std::string> clinic_id;
};

Result<boost::json::object> ParseBody(const http::Request& request, std::initializer_list<std::string_view> known) {
  if (auto json = http::RequireJsonBody(request); !json) return json.error();
  auto object = json::ParseObject(request.body);
  if (!object) return object;
  if (auto checked = json::CheckKnownFields(*object, known); !checked) return checked.error();
  return object;
}

Result<std::optional<std::string>> OptionalClinicId(const boost::json::object& object) {
  auto text = json::OptionalText(object, "clinic_id", {1, 64});
  if (!text) return text.error();
  if (!*text) return std::optional<std::string>{};
  auto id = json::ParseId(**text, "'clinic_id'");
  if (!id) return id.error();
  return std::optional<std::string>(std::move(*id));
}

Result<SignInInput> ParseSignIn(const http::Request& request) {
  auto object = ParseBody(request, {"email", "password", "clinic_id"});
  if (!object) return object.error();
  auto email = json::RequiredText(*object, "email", kEmailLimits);
  if (!email) return email.error();
  const auto* password = object->if_contains("password");
  if (!password || !password->is_string() || password->as_string().empty() ||
      password->as_string().size() > kMaxPasswordBytes) {
    return InvalidArgument("'password' must be a non-empty string");
  }
  auto clinic_id = OptionalClinicId(*object);
  if (!clinic_id) return clinic_id.error();
  return SignInInput{std::move(*email), std::string(password->as_string()), std::move(*clinic_id)};
}

// What every response that hands out tokens says.
boost::json::object TokenFields(const security::AccessTokens& tokens, const security::Principal& principal) {
  return {{"access_token", tokens.Issue(principal)},
          {"token_type", "Bearer"},
          {"expires_in", std::chrono::duration_cast<std::chrono::seconds>(tokens.lifetime()).count()},
          {"session_id", principal.session_id},
          {"clinic_id", principal.clinic_id},
          {"role", security::RoleName(principal.role)}};
}

Response NoContent() { return Response{.status = 204, .content_type = "application/json", .body = {}, .headers = {}}; }

// A route that acts on the {id} in its path and answers 204.
using IdAction = awaitable<Status> (*)(const RequestContext&, const std::string&);
security::EndpointFn ActOnId(std::string_view what, IdAction act) {
  return [what, act](RequestContext& context) -> awaitable<Result<Response>> {
    auto id = json::ParseId(context.Param("id"), what);
    if (!id) co_return id.error();
    if (auto done = co_await act(context, *id); !done) co_return done.error();
    co_return NoContent();
  };
}

}  // namespace

void RegisterRoutes(security::Endpoints& endpoints, const security::AccessTokens& tokens,
                    const IdentityServices& services) {
  endpoints.AddPublic(Method::kPost, "/api/v1/sessions",
                      [&tokens, &services](RequestContext& context) -> awaitable<Result<Response>> {
                        auto input = ParseSignIn(context.request);
                        if (!input) co_return input.error();
                        auto signed_in = co_await SignIn(context.request, services, input->email, input->password,
                                                         input->clinic_id);
                        if (!signed_in) co_return signed_in.error();
                        boost::json::object body = TokenFields(tokens, signed_in->principal);
                        body["refresh_token"] = signed_in->refresh_token;
                        body["user"] = {{"id", signed_in->principal.user_id},
                                        {"email", signed_in->email},
                                        {"display_name", signed_in->display_name}};
                        body["memberships"] = signed_in->memberships;
                        co_return http::JsonResponse(201, body);
                      });

  // Public keys, so other services can verify Consilium's access tokens.
  endpoints.AddPublic(Method::kGet, "/.well-known/jwks.json",
                      [&tokens](RequestContext&) -> awaitable<Result<Response>> {
                        Response response = http::JsonResponse(200, tokens.Jwks());
                        response.content_type = "application/jwk-set+json";
                        response.headers.emplace_back("Cache-Control", "public, max-age=300");
                        co_return response;
                      });

  endpoints.AddPublic(Method::kPost, "/api/v1/sessions/refresh",
                      [&tokens, &services](RequestContext& context) -> awaitable<Result<Response>> {
                        auto object = ParseBody(context.request, {"refresh_token"});
                        if (!object) co_return object.error();
                        auto token = json::RequiredText(*object, "refresh_token", kRefreshTokenLimits);
                        if (!token) co_return token.error();
                        auto refreshed = co_await RefreshSession(context.request, services.sessions, *token);
                        if (!refreshed) co_return refreshed.error();
                        boost::json::object body = TokenFields(tokens, refreshed->principal);
                        body["refresh_token"] = refreshed->refresh_token;
                        co_return http::JsonResponse(200, body);
                      });

  endpoints.Add(Method::kGet, "/api/v1/sessions", Action::kSessionList,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  auto sessions = co_await ListOwnSessions(context);
                  if (!sessions) co_return sessions.error();
                  co_return http::JsonResponse(200, {{"items", std::move(*sessions)}});
                });

  endpoints.Add(Method::kDelete, "/api/v1/sessions", Action::kSessionRevoke,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  if (auto revoked = co_await RevokeAllOwnSessions(context); !revoked) co_return revoked.error();
                  co_return NoContent();
                });

  endpoints.Add(Method::kDelete, "/api/v1/sessions/{id}", Action::kSessionRevoke,
                ActOnId("session id", RevokeOwnSession));

  endpoints.Add(Method::kPost, "/api/v1/sessions/current/clinic", Action::kSessionSwitchClinic,
                [&tokens](RequestContext& context) -> awaitable<Result<Response>> {
                  auto object = ParseBody(context.request, {"clinic_id"});
                  if (!object) co_return object.error();
                  auto clinic_id = OptionalClinicId(*object);
                  if (!clinic_id) co_return clinic_id.error();
                  if (!*clinic_id) co_return InvalidArgument("'clinic_id' is required");
                  auto switched = co_await SwitchClinic(context, **clinic_id);
                  if (!switched) co_return switched.error();
                  co_return http::JsonResponse(200, TokenFields(tokens, *switched));
                });

  endpoints.Add(Method::kPost, "/api/v1/me/password", Action::kPasswordChange,
                [&services](RequestContext& context) -> awaitable<Result<Response>> {
                  auto object = ParseBody(context.request, {"current_password", "new_password"});
                  if (!object) co_return object.error();
                  const auto* current = object->if_contains("current_password");
                  const auto* chosen = object->if_contains("new_password");
                  if (!current || !current->is_string() || current->as_string().size() > kMaxPasswordBytes ||
                      !chosen || !chosen->is_string() || chosen->as_string().size() > kMaxPasswordBytes) {
                    co_return InvalidArgument("'current_password' and 'new_password' must be strings");
                  }
                  auto changed = co_await ChangePassword(context, services, std::string(current->as_string()),
                                                         std::string(chosen->as_string()));
                  if (!changed) co_return changed.error();
                  co_return NoContent();
                });

  endpoints.Add(Method::kPost, "/api/v1/users/{id}/unlock", Action::kUserUnlock, ActOnId("user id", UnlockMember));

  endpoints.Add(Method::kDelete, "/api/v1/users/{id}/sessions", Action::kUserSessionsRevoke,
                ActOnId("user id", RevokeMemberSessions));
}

}  // namespace consilium::identity
