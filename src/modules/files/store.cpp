#include "modules/files/store.hpp"

#include "platform/crypto/encoding.hpp"
#include "platform/crypto/random.hpp"
#include "platform/files/secure_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <system_error>

namespace consilium::files {
namespace {

// Two threads: one upload's writes and another's sync overlap, and a download is not held up behind them.
constexpr int kStoreThreads = 2;
// Direct I/O wants addresses, lengths and offsets aligned to the device's block (512 or 4096 bytes).
constexpr std::size_t kAlignment = 4096;
// Written a block at a time: few system calls, and the disk sees large writes.
constexpr std::size_t kWriteBlockBytes = 1024 * 1024;

AlignedBlock NewAlignedBlock(std::size_t bytes) {
  AlignedBlock block(static_cast<char*>(std::aligned_alloc(kAlignment, bytes)));
  if (!block) throw std::bad_alloc();
  return block;
}

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

Store::Store(std::filesystem::path root)
    : root_(std::move(root)), threads_(std::make_unique<async::WorkerPool>(kStoreThreads)) {}

std::filesystem::path Store::PathOf(const std::string& clinic_id, const std::string& file_id) const {
  return root_ / clinic_id / file_id;
}

UniqueFd::~UniqueFd() {
  if (fd_ >= 0) ::close(fd_);
}

int UniqueFd::Close() { return ::close(std::exchange(fd_, -1)); }

void FreeAligned::operator()(char* block) const { std::free(block); }

Store::Writer::Writer(UniqueFd fd, bool direct, std::filesystem::path temp, std::filesystem::path final_path)
    : fd_(std::move(fd)),
      direct_(direct),
      temp_(std::move(temp)),
      final_(std::move(final_path)),
      block_(NewAlignedBlock(kWriteBlockBytes)) {}

Store::Writer::~Writer() {
  if (fd_.get() < 0) return;  // committed, or moved from
  fd_.Close();
  ::unlink(temp_.c_str());
}

Status Store::Writer::Write(std::string_view bytes) {
  while (!bytes.empty()) {
    const std::size_t taken = std::min(bytes.size(), kWriteBlockBytes - held_);
    std::memcpy(block_.get() + held_, bytes.data(), taken);
    held_ += taken;
    bytes.remove_prefix(taken);
    if (held_ == kWriteBlockBytes) {
      if (auto written = WriteOut(held_); !written) return written;
    }
  }
  return {};
}

// Writes the first `bytes` held and keeps the rest at the block's start.
Status Store::Writer::WriteOut(std::size_t bytes) {
  std::size_t done = 0;
  while (done < bytes) {
    const ssize_t n = ::write(fd_.get(), block_.get() + done, bytes - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return StoreError("write", temp_, errno);
    }
    done += static_cast<std::size_t>(n);
  }
  std::memmove(block_.get(), block_.get() + bytes, held_ - bytes);
  held_ -= bytes;
  return {};
}

Status Store::Writer::Commit() {
  if (direct_) {
    // The whole blocks directly; the unaligned tail through the cache, which direct I/O cannot write.
    if (auto written = WriteOut(held_ - held_ % kAlignment); !written) return written;
    const int flags = ::fcntl(fd_.get(), F_GETFL);
    if (flags < 0 || ::fcntl(fd_.get(), F_SETFL, flags & ~O_DIRECT) != 0) return StoreError("fcntl", temp_, errno);
  }
  if (auto written = WriteOut(held_); !written) return written;
  if (::fsync(fd_.get()) != 0) return StoreError("fsync", temp_, errno);
  if (fd_.Close() != 0) {
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
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW;
  bool direct = true;
  int raw_fd = ::open(temp.c_str(), kFlags | O_DIRECT, 0600);
  if (raw_fd < 0 && errno == EINVAL) {  // the file system has no direct I/O
    direct = false;
    raw_fd = ::open(temp.c_str(), kFlags, 0600);
  }
  if (raw_fd < 0) return StoreError("open", temp, errno);
  UniqueFd fd(raw_fd);
  // The umask may have cleared bits; the store's files are exactly 0600.
  if (::fchmod(fd.get(), 0600) != 0) {
    const int error_number = errno;
    ::unlink(temp.c_str());
    return StoreError("fchmod", temp, error_number);
  }
  return Writer(std::move(fd), direct, std::move(temp), final_path);
}

void Store::Remove(const std::string& clinic_id, const std::string& file_id) const {
  ::unlink(PathOf(clinic_id, file_id).c_str());
}

Result<std::string> Store::Reader::Read() {
  std::string out(kReadBlockBytes, '\0');
  std::size_t filled = 0;
  while (filled < out.size()) {
    const ssize_t n = ::read(fd_.get(), out.data() + filled, out.size() - filled);
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
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) return StoreError("open", path, errno);
  // Read from start to end: the kernel may read further ahead.
  static_cast<void>(::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL));
  return Reader(std::move(fd));
}

}  // namespace consilium::files
