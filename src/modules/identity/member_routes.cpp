#include "modules/identity/member_admin.hpp"
#include "platform/http/media_type.hpp"
#include "platform/json/fields.hpp"

namespace consilium::identity {
namespace {

using http::Method;
using http::Response;
using security::Action;
using security::RequestContext;

constexpr json::TextLimits kEmailLimits{3, 254};
constexpr json::TextLimits kNameLimits{1, 200};
constexpr json::TextLimits kPasswordLimits{1, 1024};

Result<std::optional<security::ClinicRole>> OptionalRole(const boost::json::object& object) {
  auto name = json::OptionalText(object, "role", {1, 32});
  if (!name) return name.error();
  if (!*name) return std::optional<security::ClinicRole>{};
  auto role = security::ParseClinicRole(**name);
  if (!role) return InvalidArgument("'role' must be one of owner, admin, practitioner, nurse, front_desk, read_only, guest");
  return role;
}

Result<NewMember> ParseNewMember(const http::Request& request) {
  auto object = http::ParseJsonObjectBody(request, {"email", "display_name", "role", "password"});
  if (!object) return object.error();
  auto email = json::RequiredText(*object, "email", kEmailLimits);
  if (!email) return email.error();
  if (email->find('@') == std::string::npos) return InvalidArgument("'email' must be an email address");
  auto name = json::RequiredText(*object, "display_name", kNameLimits);
  if (!name) return name.error();
  auto role = OptionalRole(*object);
  if (!role) return role.error();
  if (!*role) return InvalidArgument("'role' is required");
  auto password = json::RequiredText(*object, "password", kPasswordLimits);
  if (!password) return password.error();
  return NewMember{{}, std::move(*email), std::move(*name), std::move(*password), **role};
}

Result<MemberChange> ParseMemberChange(const http::Request& request) {
  auto object = http::ParseJsonObjectBody(request, {"role", "disabled"});
  if (!object) return object.error();
  auto role = OptionalRole(*object);
  if (!role) return role.error();
  auto disabled = json::OptionalBool(*object, "disabled");
  if (!disabled) return disabled.error();
  if (!*role && !*disabled) return InvalidArgument("give 'role', 'disabled' or both");
  return MemberChange{*role, *disabled};
}

Response ItemsResponse(boost::json::array items) { return http::JsonResponse(200, {{"items", std::move(items)}}); }

}  // namespace

void RegisterMemberRoutes(security::Endpoints& endpoints, const IdentityServices& services) {
  endpoints.Add(Method::kGet, "/api/v1/me", Action::kProfileRead,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  auto profile = co_await Profile(context, ProfileUse::kRead);
                  if (!profile) co_return profile.error();
                  co_return http::JsonResponse(200, *profile);
                });

  endpoints.Add(Method::kGet, "/api/v1/directory", Action::kDirectoryRead,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  auto people = co_await Directory(context);
                  if (!people) co_return people.error();
                  co_return ItemsResponse(std::move(*people));
                });

  endpoints.Add(Method::kGet, "/api/v1/users", Action::kUserList,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  auto members = co_await ListMembers(context);
                  if (!members) co_return members.error();
                  co_return ItemsResponse(std::move(*members));
                });

  endpoints.Add(Method::kPost, "/api/v1/users", Action::kUserCreate,
                [&services](RequestContext& context) -> awaitable<Result<Response>> {
                  auto member = ParseNewMember(context.request);
                  if (!member) co_return member.error();
                  auto created = co_await CreateMember(context, services.passwords, std::move(*member));
                  if (!created) co_return created.error();
                  co_return http::JsonResponse(201, *created);
                });

  endpoints.Add(Method::kGet, "/api/v1/users/{id}", Action::kUserList,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  auto id = json::ParseId(context.Param("id"), "user id");
                  if (!id) co_return id.error();
                  auto member = co_await ReadMember(context, *id);
                  if (!member) co_return member.error();
                  co_return http::JsonResponse(200, *member);
                });

  endpoints.Add(Method::kPatch, "/api/v1/users/{id}", Action::kUserUpdate,
                [](RequestContext& context) -> awaitable<Result<Response>> {
                  auto id = json::ParseId(context.Param("id"), "user id");
                  if (!id) co_return id.error();
                  auto change = ParseMemberChange(context.request);
                  if (!change) co_return change.error();
                  auto changed = co_await ChangeMember(context, *id, *change);
                  if (!changed) co_return changed.error();
                  co_return http::JsonResponse(200, *changed);
                });
}

}  // namespace consilium::identity
