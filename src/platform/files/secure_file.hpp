#pragma once
// Small files that must be written with exact permissions (keys, secrets,
// sign-in lists), so a crash or a concurrent reader never sees half of one.
#include "platform/error/error.hpp"

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace consilium::files {

// Keys, secrets and configuration are small; anything bigger is not ours.
inline constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;

// Creates every missing directory of `dir` with mode 0700; leaves existing
// directories (e.g. /tmp) untouched.
Status CreatePrivateDirectories(const std::filesystem::path& dir);

// Writes to a temporary file beside `path` with exactly `mode`, fsyncs, then
// renames over `path`.
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view contents, mode_t mode);

Result<std::string> ReadSmallFile(const std::filesystem::path& path, std::size_t max_bytes = kMaxKeyFileBytes);

}  // namespace consilium::files
