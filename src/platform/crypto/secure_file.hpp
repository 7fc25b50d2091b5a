#pragma once
// Internal to platform/crypto: writing key material to disk with exact
// permissions, so a crash or a concurrent reader never sees half a key.
#include "platform/error/error.hpp"

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace consilium::crypto::internal {

// Key and certificate files are small; anything bigger is not ours.
inline constexpr std::size_t kMaxKeyFileBytes = 64 * 1024;

// Creates every missing directory of `dir` with mode 0700; leaves existing
// directories (e.g. /tmp) untouched.
Status CreatePrivateDirectories(const std::filesystem::path& dir);

// Writes to a temporary file beside `path` with exactly `mode`, fsyncs, then
// renames over `path`.
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view contents, mode_t mode);

Result<std::string> ReadSmallFile(const std::filesystem::path& path, std::size_t max_bytes = kMaxKeyFileBytes);

}  // namespace consilium::crypto::internal
