#pragma once
// The file store: each file's sealed bytes at <root>/<clinic_id>/<file_id>, mode 0600, in directories of
// mode 0700. A file appears whole or not at all (written under a temporary name, synced, renamed).
// Reads and writes block the calling I/O thread: acceptable while uploads are few, at 64 KiB a call.
#include "platform/error/error.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace consilium::files {

class Store {
 public:
  explicit Store(std::filesystem::path root) : root_(std::move(root)) {}
  std::filesystem::path PathOf(const std::string& clinic_id, const std::string& file_id) const;

  // One file being written. Unless committed, its temporary file is removed when it goes.
  class Writer {
   public:
    Writer(Writer&& other) noexcept;
    Writer& operator=(Writer&&) = delete;
    ~Writer();
    Status Write(std::string_view bytes);
    // Syncs the file and renames it into place (then syncs the directory).
    Status Commit();

   private:
    friend class Store;
    Writer(int fd, std::filesystem::path temp, std::filesystem::path final_path);
    int fd_;
    std::filesystem::path temp_;
    std::filesystem::path final_;
  };
  Result<Writer> Create(const std::string& clinic_id, const std::string& file_id) const;
  // After a committed file's row could not be written.
  void Remove(const std::string& clinic_id, const std::string& file_id) const;

  // One stored file being read, piece by piece.
  class Reader {
   public:
    Reader(Reader&& other) noexcept;
    Reader& operator=(Reader&&) = delete;
    ~Reader();
    // Up to `max_bytes`; empty at the end.
    Result<std::string> Read(std::size_t max_bytes);

   private:
    friend class Store;
    explicit Reader(int fd) : fd_(fd) {}
    int fd_;
  };
  // kInternal if the file is missing: its row exists, so the store lost it.
  Result<Reader> Open(const std::string& clinic_id, const std::string& file_id) const;

 private:
  std::filesystem::path root_;
};

}  // namespace consilium::files
