#include "platform/http/media_type.hpp"

#include "platform/json/fields.hpp"

#include <boost/algorithm/string/predicate.hpp>

namespace consilium::http {

bool IsJsonMediaType(std::string_view content_type) {
  const auto end = content_type.find(';');
  std::string_view type = content_type.substr(0, end);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  return boost::algorithm::iequals(type, "application/json");
}

Status RequireJsonBody(const Request& request) {
  if (!IsJsonMediaType(request.content_type)) {
    return MakeError(ErrorCode::kUnsupportedMediaType, "Content-Type must be application/json");
  }
  return {};
}

Result<boost::json::object> ParseJsonObjectBody(const Request& request,
                                                std::initializer_list<std::string_view> known) {
  if (auto json = RequireJsonBody(request); !json) return json.error();
  auto object = json::ParseObject(request.body);
  if (!object) return object;
  if (auto checked = json::CheckKnownFields(*object, known); !checked) return checked.error();
  return object;
}

}  // namespace consilium::http
