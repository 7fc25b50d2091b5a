#pragma once
// Optimistic concurrency: a resource's ETag is its version number, and an
// update may carry If-Match so that a stale one gets 412, never a lost update.
#include "platform/error/error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace consilium::http {

std::string VersionETag(int version);
// If-Match: absent means no check; otherwise "\"<version>\"".
Result<std::optional<int>> ParseIfMatch(std::string_view header);

}  // namespace consilium::http
