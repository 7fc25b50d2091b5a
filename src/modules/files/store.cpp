#include "modules/files/store.hpp"

#include "platform/crypto/encoding.hpp"
#include "platform/crypto/random.hpp"
#include "platform/files/secure_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace consilium::files {
namespace {

Error StoreError(std::string_view what, const std::filesystem::path& path, int error_number) {
  return Internal("file store: " + std::string(what) + " " + path.string() + ": " +
                  std::error_code(error_number, std::system_category()).message());
}

void SyncDirectory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::filesystem::path Store::PathOf(const std::string& clinic_id, const std::string& file_id) const {
  return root_ / clinic_id / file_id;
}

Store::Writer::Writer(int fd, std::filesystem::path temp, std::filesystem::path final_path)
    : fd_(fd), temp_(std::move(temp)), final_(std::move(final_path)) {}

Store::Writer::Writer(Writer&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), temp_(std::move(other.temp_)), final_(std::move(other.final_)) {}

Store::Writer::~Writer() {
  if (fd_ < 0) return;
  ::close(fd_);
  ::unlink(temp_.c_str());
}

Status Store::Writer::Write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return StoreError("write", temp_, errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

Status Store::Writer::Commit() {
  if (::fsync(fd_) != 0) return StoreError("fsync", temp_, errno);
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0) {
    const int error_number = errno;
    ::unlink(temp_.c_str());
    return StoreError("close", temp_, error_number);
  }
  if (::rename(temp_.c_str(), final_.c_str()) != 0) {
    const int error_number = errno;
    ::unlink(temp_.c_str());
    return StoreError("rename", temp_, error_number);
  }
  SyncDirectory(final_.parent_path());
  return {};
}

Result<Store::Writer> Store::Create(const std::string& clinic_id, const std::string& file_id) const {
  const auto final_path = PathOf(clinic_id, file_id);
  if (auto made = CreatePrivateDirectories(final_path.parent_path()); !made) return made.error();
  auto temp = final_path;
  temp += ".tmp-" + crypto::HexEncode(crypto::RandomBytes(8));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return StoreError("open", temp, errno);
  // The umask may have cleared bits; the store's files are exactly 0600.
  if (::fchmod(fd, 0600) != 0) {
    const int error_number = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return StoreError("fchmod", temp, error_number);
  }
  return Writer(fd, std::move(temp), final_path);
}

void Store::Remove(const std::string& clinic_id, const std::string& file_id) const {
  ::unlink(PathOf(clinic_id, file_id).c_str());
}

Store::Reader::Reader(Reader&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

Store::Reader::~Reader() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::string> Store::Reader::Read(std::size_t max_bytes) {
  std::string out(max_bytes, '\0');
  std::size_t filled = 0;
  while (filled < max_bytes) {
    const ssize_t n = ::read(fd_, out.data() + filled, max_bytes - filled);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Internal("file store: read failed: " + std::error_code(errno, std::system_category()).message());
    }
    if (n == 0) break;
    filled += static_cast<std::size_t>(n);
  }
  out.resize(filled);
  return out;
}

Result<Store::Reader> Store::Open(const std::string& clinic_id, const std::string& file_id) const {
  const auto path = PathOf(clinic_id, file_id);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return StoreError("open", path, errno);
  return Reader(fd);
}

}  // namespace consilium::files
