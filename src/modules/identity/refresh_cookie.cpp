#include "modules/identity/refresh_cookie.hpp"

namespace consilium::identity {
namespace {

constexpr std::string_view kCookieName = "__Host-consilium_refresh";
constexpr std::string_view kAttributes = "; Path=/; Secure; HttpOnly; SameSite=Strict";

std::string_view Trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

bool FromWebApp(const http::Request& request) { return request.client == "web"; }

Status RequireSameOrigin(const http::Request& request) {
  if (request.origin.empty() || request.origin == "https://" + request.host) return {};
  return MakeError(ErrorCode::kPermissionDenied, "cross-site request refused", "origin mismatch");
}

std::optional<std::string> RefreshCookie(const http::Request& request) {
  std::string_view rest = request.cookie;
  while (!rest.empty()) {
    const auto end = rest.find(';');
    const std::string_view pair = Trim(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == kCookieName) {
      return std::string(pair.substr(equals + 1));
    }
  }
  return std::nullopt;
}

void SetRefreshCookie(http::Response& response, const std::string& token, std::chrono::minutes lifetime) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(lifetime).count();
  response.headers.emplace_back("Set-Cookie", std::string(kCookieName) + "=" + token + std::string(kAttributes) +
                                                  "; Max-Age=" + std::to_string(seconds));
}

void ClearRefreshCookie(http::Response& response) {
  response.headers.emplace_back("Set-Cookie", std::string(kCookieName) + "=" + std::string(kAttributes) + "; Max-Age=0");
}

}  // namespace consilium::identity
