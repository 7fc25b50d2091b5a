#pragma once
// Test-only: a fresh directory under /tmp, removed with everything in it.
#include "platform/files/secure_file.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

namespace consilium::crypto {

class TempDirForTest {
 public:
  TempDirForTest() {
    std::string pattern = (std::filesystem::temp_directory_path() / "consilium-crypto-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  TempDirForTest(const TempDirForTest&) = delete;
  TempDirForTest& operator=(const TempDirForTest&) = delete;
  ~TempDirForTest() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Split so that no scanner for committed keys mistakes a test for a key.
inline constexpr std::string_view kPkcs8PemHeader = "-----BEGIN "
                                                    "PRIVATE KEY-----";

// The whole file, or "" if it cannot be read.
inline std::string ReadFileForTest(const std::filesystem::path& path) {
  auto text = files::ReadSmallFile(path);
  return text ? *text : std::string();
}

inline std::filesystem::perms PermsOf(const std::filesystem::path& path) {
  return std::filesystem::status(path).permissions() & std::filesystem::perms::mask;
}

}  // namespace consilium::crypto
