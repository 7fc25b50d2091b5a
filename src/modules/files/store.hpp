#pragma once
// The file store: each file's sealed bytes at <root>/<clinic_id>/<file_id>, mode 0600, in directories of
// mode 0700. A file appears whole or not at all (written under a temporary name, synced, renamed).
// Its calls block: callers run them on the store's own threads (Threads()), never on an I/O thread.
#include "platform/async/worker_pool.hpp"
#include "platform/error/error.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace consilium::files {

// A file descriptor that closes when it goes.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&&) = delete;
  ~UniqueFd();
  int get() const { return fd_; }
  // Closes now; the result of close(2).
  int Close();

 private:
  int fd_;
};

// A buffer aligned for direct I/O.
struct FreeAligned {
  void operator()(char* block) const;
};
using AlignedBlock = std::unique_ptr<char, FreeAligned>;

class Store {
 public:
  static constexpr std::size_t kReadBlockBytes = 256 * 1024;

  explicit Store(std::filesystem::path root);
  std::filesystem::path PathOf(const std::string& clinic_id, const std::string& file_id) const;

  // One file being written. Unless committed, its temporary file is removed when it goes.
  //
  // Bytes go to the disk directly (O_DIRECT), in aligned blocks of kWriteBlockBytes: an upload of a large
  // scan neither fills the page cache, evicting what the database keeps there, nor waits on the kernel's
  // copying into it. A file system that refuses direct I/O (tmpfs) is written through the cache instead.
  class Writer {
   public:
    Writer(Writer&& other) noexcept = default;
    Writer& operator=(Writer&&) = delete;
    ~Writer();
    Status Write(std::string_view bytes);
    // Writes what is held, syncs the file and renames it into place (then syncs the directory).
    Status Commit();

   private:
    friend class Store;
    Writer(UniqueFd fd, bool direct, std::filesystem::path temp, std::filesystem::path final_path);
    Status WriteOut(std::size_t bytes);

    UniqueFd fd_;
    bool direct_;
    std::filesystem::path temp_;
    std::filesystem::path final_;
    AlignedBlock block_;
    std::size_t held_ = 0;  // bytes in block_ not written yet
  };
  Result<Writer> Create(const std::string& clinic_id, const std::string& file_id) const;
  // After a committed file's row could not be written.
  void Remove(const std::string& clinic_id, const std::string& file_id) const;

  // One stored file being read a block at a time, through the page cache: the people in a meeting often
  // open the same scan one after another.
  class Reader {
   public:
    // Up to kReadBlockBytes; empty at the end.
    Result<std::string> Read();

   private:
    friend class Store;
    explicit Reader(UniqueFd fd) : fd_(std::move(fd)) {}
    UniqueFd fd_;
  };
  // kInternal if the file is missing: its row exists, so the store lost it.
  Result<Reader> Open(const std::string& clinic_id, const std::string& file_id) const;

  // Where the calls above run: a file's reads and writes, its sync and its sealing.
  async::WorkerPool& Threads() const { return *threads_; }

 private:
  std::filesystem::path root_;
  std::unique_ptr<async::WorkerPool> threads_;
};

}  // namespace consilium::files
