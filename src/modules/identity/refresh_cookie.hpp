#pragma once
// How the web app holds its refresh token: in a cookie that scripts cannot
// read (HttpOnly), that travels only over TLS to this exact host (Secure and
// the __Host- prefix), and that no other site can make the browser send
// (SameSite=Strict). Requests that use it must also carry the header
// X-Consilium-Client: web, which a cross-site form cannot set and a
// cross-site script cannot send without a CORS preflight this server never
// grants; an Origin naming another site is refused outright.
#include "platform/error/error.hpp"
#include "platform/http/message.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace consilium::identity {

bool FromWebApp(const http::Request& request);

// Refuses a request whose Origin is not this server's own.
Status RequireSameOrigin(const http::Request& request);

std::optional<std::string> RefreshCookie(const http::Request& request);

void SetRefreshCookie(http::Response& response, const std::string& token, std::chrono::minutes lifetime);
void ClearRefreshCookie(http::Response& response);

}  // namespace consilium::identity
