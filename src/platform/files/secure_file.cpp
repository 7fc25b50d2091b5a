#include "platform/files/secure_file.hpp"

#include "platform/crypto/encoding.hpp"
#include "platform/crypto/random.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <system_error>

namespace consilium::files {
namespace {

std::string ErrnoText(int error_number) { return std::error_code(error_number, std::system_category()).message(); }

Error FileError(std::string_view what, const std::filesystem::path& path, int error_number) {
  return Internal(std::string(what) + " " + path.string() + ": " + ErrnoText(error_number));
}

class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  // Returns close()'s errno, or 0; close can report a failed delayed write.
  int Close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

// Makes the rename itself durable; failure here is not worth failing start-up.
void SyncDirectory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

Status CreatePrivateDirectories(const std::filesystem::path& dir) {
  std::filesystem::path prefix;
  for (const auto& part : dir) {
    prefix /= part;
    if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST) return FileError("mkdir", prefix, errno);
  }
  std::error_code ec;
  if (!dir.empty() && !std::filesystem::is_directory(dir, ec)) return Internal("not a directory: " + dir.string());
  return {};
}

Status WriteFileAtomically(const std::filesystem::path& path, std::string_view contents, mode_t mode) {
  std::filesystem::path temp = path;
  temp += ".tmp-" + crypto::HexEncode(crypto::RandomBytes(8));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
  if (fd < 0) return FileError("open", temp, errno);
  FdCloser closer(fd);
  auto fail = [&](std::string_view what) {
    const int error_number = errno;
    ::unlink(temp.c_str());
    return FileError(what, temp, error_number);
  };
  // The umask may have cleared bits of `mode`; the caller asked for exactly it.
  if (::fchmod(fd, mode) != 0) return fail("fchmod");
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("write");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("fsync");
  if (const int close_errno = closer.Close(); close_errno != 0) {
    errno = close_errno;
    return fail("close");
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) return fail("rename into place");
  SyncDirectory(path.parent_path());
  return {};
}

Result<std::string> ReadSmallFile(const std::filesystem::path& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Internal("cannot open " + path.string());
  std::string contents;
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    contents.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (contents.size() > max_bytes) return Internal("file too large: " + path.string());
  }
  if (in.bad()) return Internal("read failed: " + path.string());
  return contents;
}

}  // namespace consilium::files
