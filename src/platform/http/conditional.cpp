#include "platform/http/conditional.hpp"

#include <algorithm>
#include <charconv>

namespace consilium::http {

std::string VersionETag(int version) { return "\"" + std::to_string(version) + "\""; }

Result<std::optional<int>> ParseIfMatch(std::string_view header) {
  if (header.empty()) return std::optional<int>{};
  const std::string_view digits = header.size() >= 3 ? header.substr(1, header.size() - 2) : std::string_view{};
  int version = 0;
  const bool digits_only = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  if (header.size() > 12 || header.front() != '"' || header.back() != '"' || !digits_only ||
      std::from_chars(digits.data(), digits.data() + digits.size(), version).ec != std::errc{}) {
    return InvalidArgument("If-Match must be an ETag from this API, e.g. \"3\"");
  }
  return std::optional<int>(version);
}

}  // namespace consilium::http
