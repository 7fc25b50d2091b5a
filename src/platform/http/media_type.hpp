#pragma once
#include "platform/http/message.hpp"

#include <string_view>

namespace consilium::http {

// True for "application/json", with any parameters ("; charset=utf-8") and
// in any letter case; false for look-alikes such as "application/jsonx".
bool IsJsonMediaType(std::string_view content_type);

// 415 unless the request says its body is JSON.
Status RequireJsonBody(const Request& request);

}  // namespace consilium::http
