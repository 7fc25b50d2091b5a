#include "modules/identity/identity.hpp"
#include "modules/identity/member_admin.hpp"
#include "modules/identity/refresh_cookie.hpp"
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
constexpr json::TextLimits kMfaTokenLimits{16, 128};
constexpr json::TextLimits kCodeLimits{1, 64};

struct SignInInput {
  std::string email;
  std::string password;
  std::optional<std::string> clinic_id;
};

Result<std::optional<std::string>> OptionalClinicId(const boost::json::object& object) {
  auto text = json::OptionalText(object, "clinic_id", {1, 64});
  if (!text) return text.error();
  if (!*text) return std::optional<std::string>{};
  auto id = json::ParseId(**text, "'clinic_id'");
  if (!id) return id.error();
  return std::optional<std::string>(std::move(*id));
}

// A password as typed: any characters, only bounded (the policy applies to new ones).
Result<std::string> PasswordField(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value || !value->is_string() || value->as_string().empty() || value->as_string().size() > kMaxPasswordBytes) {
    return InvalidArgument("'" + std::string(key) + "' must be a non-empty string");
  }
  return std::string(value->as_string());
}

Result<SignInInput> ParseSignIn(const http::Request& request) {
  auto object = http::ParseJsonObjectBody(request, {"email", "password", "clinic_id"});
  if (!object) return object.error();
  auto email = json::RequiredText(*object, "email", kEmailLimits);
  if (!email) return email.error();
  auto password = PasswordField(*object, "password");
  if (!password) return password.error();
  auto clinic_id = OptionalClinicId(*object);
  if (!clinic_id) return clinic_id.error();
  return SignInInput{std::move(*email), std::move(*password), std::move(*clinic_id)};
}

boost::json::array RecoveryCodesJson(const std::vector<std::string>& codes) {
  boost::json::array out;
  for (const auto& code : codes) out.push_back(boost::json::string(code));
  return out;
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

// The web app gets its refresh token as a cookie its scripts cannot read;
// other clients get it in the body.
Response WithRefreshToken(const http::Request& request, const SessionPolicy& policy, int status,
                          boost::json::object body, const std::string& refresh_token) {
  const bool web = FromWebApp(request);
  if (!web) body["refresh_token"] = refresh_token;
  Response response = http::JsonResponse(status, body);
  if (web) SetRefreshCookie(response, refresh_token, policy.absolute);
  return response;
}

Response SignedInResponse(const http::Request& request, const security::AccessTokens& tokens,
                          const IdentityServices& services, const SignedIn& signed_in) {
  boost::json::object body = TokenFields(tokens, signed_in.principal);
  body["user"] = {{"id", signed_in.principal.user_id},
                  {"email", signed_in.email},
                  {"display_name", signed_in.display_name}};
  body["memberships"] = signed_in.memberships;
  if (!signed_in.recovery_codes.empty()) body["recovery_codes"] = RecoveryCodesJson(signed_in.recovery_codes);
  return WithRefreshToken(request, services.sessions, 201, std::move(body), signed_in.refresh_token);
}

// 202: the password was right, and a second step follows.
Response ChallengeResponse(const MfaChallenge& challenge) {
  std::string_view next = "mfa_enrolment";
  if (challenge.next == MfaChallenge::Next::kCode) next = "mfa_code";
  return http::JsonResponse(202, {{"next", next},
                                  {"mfa_token", challenge.token},
                                  {"expires_in", std::chrono::seconds(kMfaChallengeLifetime).count()}});
}

Response EnrolmentResponse(const TotpEnrolment& enrolment) {
  return http::JsonResponse(200, {{"secret", enrolment.secret},
                                  {"otpauth_uri", enrolment.otpauth_uri},
                                  {"qr_svg", enrolment.qr_svg}});
}

Response RecoveryCodesResponse(const std::vector<std::string>& codes) {
  return http::JsonResponse(200, {{"recovery_codes", RecoveryCodesJson(codes)}});
}

// Exactly one of "code" (from the app) and "recovery_code".
Result<SecondFactor> ParseSecondFactor(const boost::json::object& object) {
  auto code = json::OptionalText(object, "code", kCodeLimits);
  if (!code) return code.error();
  auto recovery_code = json::OptionalText(object, "recovery_code", kCodeLimits);
  if (!recovery_code) return recovery_code.error();
  if (code->has_value() == recovery_code->has_value()) {
    return InvalidArgument("give either 'code' or 'recovery_code'");
  }
  if (*recovery_code) return SecondFactor{true, std::move(**recovery_code)};
  return SecondFactor{false, std::move(**code)};
}

// A route whose body is {"code": "..."} and whose answer is recovery codes.
using CodeAction = awaitable<Result<std::vector<std::string>>> (*)(const RequestContext&, const IdentityServices&,
                                                                  const std::string&);
security::EndpointFn WithCode(const IdentityServices& services, CodeAction act) {
  return [&services, act](RequestContext& context) -> awaitable<Result<Response>> {
    auto object = http::ParseJsonObjectBody(context.request, {"code"});
    if (!object) co_return object.error();
    auto code = json::RequiredText(*object, "code", kCodeLimits);
    if (!code) co_return code.error();
    auto codes = co_await act(context, services, *code);
    if (!codes) co_return codes.error();
    co_return RecoveryCodesResponse(*codes);
  };
}

Response NoContent() { return Response{.status = 204, .content_type = "application/json", .body = {}, .headers = {}}; }

// The refresh token: from the web app's cookie, or from the body for other clients.
Result<std::string> PresentedRefreshToken(const http::Request& request) {
  auto object = http::ParseJsonObjectBody(request, {"refresh_token"});
  if (!object) return object.error();
  if (!FromWebApp(request)) return json::RequiredText(*object, "refresh_token", kRefreshTokenLimits);
  if (auto same_origin = RequireSameOrigin(request); !same_origin) return same_origin.error();
  auto cookie = RefreshCookie(request);
  if (!cookie || cookie->size() < kRefreshTokenLimits.min_chars || cookie->size() > kRefreshTokenLimits.max_chars) {
    return MakeError(ErrorCode::kUnauthenticated, "no session to continue; sign in");
  }
  return std::move(*cookie);
}

// Ending the session the web app is using also removes its cookie.
Response Revoked(const RequestContext& context, bool this_session) {
  Response response = NoContent();
  if (this_session && FromWebApp(context.request)) ClearRefreshCookie(response);
  return response;
}

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
                        auto step = co_await SignIn(context.request, services, input->email, input->password,
                                                    input->clinic_id);
                        if (!step) co_return step.error();
                        if (const auto* challenge = std::get_if<MfaChallenge>(&*step)) {
                          co_return ChallengeResponse(*challenge);
                        }
                        co_return SignedInResponse(context.request, tokens, services, std::get<SignedIn>(*step));
                      });

  endpoints.AddPublic(Method::kPost, "/api/v1/sessions/mfa",
                      [&tokens, &services](RequestContext& context) -> awaitable<Result<Response>> {
                        auto object = http::ParseJsonObjectBody(context.request, {"mfa_token", "code", "recovery_code"});
                        if (!object) co_return object.error();
                        auto token = json::RequiredText(*object, "mfa_token", kMfaTokenLimits);
                        if (!token) co_return token.error();
                        auto factor = ParseSecondFactor(*object);
                        if (!factor) co_return factor.error();
                        auto signed_in = co_await CompleteSignIn(context.request, services, *token, *factor);
                        if (!signed_in) co_return signed_in.error();
                        co_return SignedInResponse(context.request, tokens, services, *signed_in);
                      });

  endpoints.AddPublic(Method::kPost, "/api/v1/sessions/mfa/enrolment",
                      [&services](RequestContext& context) -> awaitable<Result<Response>> {
                        auto object = http::ParseJsonObjectBody(context.request, {"mfa_token"});
                        if (!object) co_return object.error();
                        auto token = json::RequiredText(*object, "mfa_token", kMfaTokenLimits);
                        if (!token) co_return token.error();
                        auto enrolment = co_await BeginSignInEnrolment(context.request, services, *token);
                        if (!enrolment) co_return enrolment.error();
                        co_return EnrolmentResponse(*enrolment);
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
                        auto token = PresentedRefreshToken(context.request);
                        if (!token) co_return token.error();
                        auto refreshed = co_await RefreshSession(context.request, services.sessions, *token);
                        if (!refreshed) co_return refreshed.error();
                        boost::json::object body = TokenFields(tokens, refreshed->principal);
                        // A page load starts with a refresh: with the profile in it, the app needs no second call.
                        if (FromWebApp(context.request)) {
                          const RequestContext resumed{context.request, refreshed->principal, {}, {}};
                          auto profile = co_await Profile(resumed, ProfileUse::kInRefresh);
                          if (!profile) co_return profile.error();
                          for (auto& [key, value] : *profile) body[key] = value;
                        }
                        co_return WithRefreshToken(context.request, services.sessions, 200, std::move(body),
                                                   refreshed->refresh_token);
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
                  co_return Revoked(context, true);
                });

  endpoints.Add(Method::kDelete, "/api/v1/sessions/{id}", Action::kSessionRevoke,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  auto id = json::ParseId(context.Param("id"), "session id");
                  if (!id) co_return id.error();
                  if (auto revoked = co_await RevokeOwnSession(context, *id); !revoked) co_return revoked.error();
                  co_return Revoked(context, *id == context.principal->session_id);
                });

  endpoints.Add(Method::kPost, "/api/v1/sessions/current/clinic", Action::kSessionSwitchClinic,
                [&tokens](RequestContext& context) -> awaitable<Result<Response>> {
                  auto object = http::ParseJsonObjectBody(context.request, {"clinic_id"});
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
                  auto object = http::ParseJsonObjectBody(context.request, {"current_password", "new_password"});
                  if (!object) co_return object.error();
                  auto current = PasswordField(*object, "current_password");
                  if (!current) co_return current.error();
                  auto chosen = PasswordField(*object, "new_password");
                  if (!chosen) co_return chosen.error();
                  auto changed = co_await ChangePassword(context, services, *current, *chosen);
                  if (!changed) co_return changed.error();
                  co_return NoContent();
                });

  endpoints.Add(Method::kPost, "/api/v1/users/{id}/unlock", Action::kUserUnlock, ActOnId("user id", UnlockMember));

  endpoints.Add(Method::kDelete, "/api/v1/users/{id}/sessions", Action::kUserSessionsRevoke,
                ActOnId("user id", RevokeMemberSessions));

  endpoints.Add(Method::kGet, "/api/v1/me/mfa", Action::kMfaRead,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  auto mfa = co_await OwnMfaStatus(context);
                  if (!mfa) co_return mfa.error();
                  co_return http::JsonResponse(200, {{"enabled", mfa->state == MfaState::kActive},
                                                     {"pending", mfa->state == MfaState::kPending},
                                                     {"required", mfa->required},
                                                     {"recovery_codes_left", mfa->recovery_codes_left}});
                });

  endpoints.Add(Method::kPost, "/api/v1/me/mfa", Action::kMfaEnrol,
                [&services](RequestContext& context) -> awaitable<Result<Response>> {
                  auto object = http::ParseJsonObjectBody(context.request, {"password"});
                  if (!object) co_return object.error();
                  auto password = PasswordField(*object, "password");
                  if (!password) co_return password.error();
                  auto enrolment = co_await BeginOwnEnrolment(context, services, *password);
                  if (!enrolment) co_return enrolment.error();
                  co_return EnrolmentResponse(*enrolment);
                });

  endpoints.Add(Method::kPost, "/api/v1/me/mfa/confirm", Action::kMfaEnrol, WithCode(services, ConfirmOwnEnrolment));

  endpoints.Add(Method::kPost, "/api/v1/me/mfa/recovery-codes", Action::kMfaRecoveryCodesRenew,
                WithCode(services, RenewRecoveryCodes));

  endpoints.Add(Method::kDelete, "/api/v1/users/{id}/mfa", Action::kUserMfaReset, ActOnId("user id", ResetMemberMfa));

  RegisterMemberRoutes(endpoints, services);
}

}  // namespace consilium::identity
