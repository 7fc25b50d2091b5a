#pragma once
// The media type of content, read from its bytes (libmagic), never from what a client claims.
#include "platform/error/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace consilium::files {

// libmagic reads at most this much of a file's start: a bounded prefix, in memory, never a path.
inline constexpr std::size_t kSniffBytes = 64 * 1024;

// The MIME type (e.g. "application/pdf") libmagic finds in `prefix` (at most kSniffBytes are looked at).
// kInternal if libmagic or its database cannot be loaded.
Result<std::string> SniffMediaType(std::string_view prefix);

}  // namespace consilium::files
