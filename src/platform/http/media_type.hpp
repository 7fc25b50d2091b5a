#pragma once
#include "platform/http/message.hpp"

#include <boost/json/object.hpp>

#include <initializer_list>

#include <string_view>

namespace consilium::http {

// True for "application/json", with any parameters ("; charset=utf-8") and
// in any letter case; false for look-alikes such as "application/jsonx".
bool IsJsonMediaType(std::string_view content_type);

// 415 unless the request says its body is JSON.
Status RequireJsonBody(const Request& request);

// The body as a JSON object with only the `known` fields (415, 400 otherwise).
Result<boost::json::object> ParseJsonObjectBody(const Request& request,
                                                std::initializer_list<std::string_view> known);

}  // namespace consilium::http
