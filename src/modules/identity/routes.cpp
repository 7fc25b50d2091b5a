#include "modules/identity/identity.hpp"
#include "platform/crypto/random.hpp"
#include "platform/http/media_type.hpp"
#include "platform/json/fields.hpp"

namespace consilium::identity {
namespace {

constexpr json::TextLimits kEmailLimits{3, 254};
constexpr json::TextLimits kPasswordLimits{1, 1024};  // sign-in does not apply the policy, only a bound

struct SignInInput {
  std::string email;
  std::string password;
  std::optional<std::string> clinic_id;
};

Result<SignInInput> ParseSignIn(const http::Request& request) {
  if (auto json = http::RequireJsonBody(request); !json) return json.error();
  auto object = json::ParseObject(request.body);
  if (!object) return object.error();
  if (auto known = json::CheckKnownFields(*object, {"email", "password", "clinic_id"}); !known) return known.error();
  auto email = json::RequiredText(*object, "email", kEmailLimits);
  if (!email) return email.error();
  const auto* password = object->if_contains("password");
  if (!password || !password->is_string() || password->as_string().empty() ||
      password->as_string().size() > kPasswordLimits.max_chars) {
    return InvalidArgument("'password' must be a non-empty string");
  }
  auto clinic_id = json::OptionalText(*object, "clinic_id", {36, 36});
  if (!clinic_id) return clinic_id.error();
  if (*clinic_id && !crypto::IsCanonicalUuid(**clinic_id)) return InvalidArgument("'clinic_id' must be a UUID");
  return SignInInput{std::move(*email), std::string(password->as_string()), std::move(*clinic_id)};
}

}  // namespace

void RegisterRoutes(security::Endpoints& endpoints, const security::AccessTokens& tokens, PasswordWorkers& passwords) {
  endpoints.AddPublic(
      http::Method::kPost, "/api/v1/sessions",
      [&tokens, &passwords](security::RequestContext& context) -> awaitable<Result<http::Response>> {
        auto input = ParseSignIn(context.request);
        if (!input) co_return input.error();
        auto signed_in = co_await SignIn(context.request, passwords, input->email, input->password, input->clinic_id);
        if (!signed_in) co_return signed_in.error();
        const auto& principal = signed_in->principal;
        co_return http::JsonResponse(
            201, {{"access_token", tokens.Issue(principal)},
                  {"token_type", "Bearer"},
                  {"expires_in", std::chrono::duration_cast<std::chrono::seconds>(tokens.lifetime()).count()},
                  {"user", {{"id", principal.user_id}, {"email", signed_in->email}, {"display_name", signed_in->display_name}}},
                  {"clinic_id", principal.clinic_id},
                  {"role", security::RoleName(principal.role)},
                  {"memberships", signed_in->memberships}});
      });
}

}  // namespace consilium::identity
