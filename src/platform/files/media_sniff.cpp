#include "platform/files/media_sniff.hpp"

#include <magic.h>

#include <memory>

namespace consilium::files {
namespace {

struct MagicCloser {
  void operator()(magic_t magic) const { magic_close(magic); }
};
using Magic = std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser>;

// A libmagic handle is not thread-safe and costly to load: one per I/O thread, loaded on first use.
// No decompression: what is inside an archive does not matter, as archives are refused anyway.
Result<magic_t> ThreadMagic() {
  thread_local Magic magic;
  if (magic) return magic.get();
  Magic opened(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_ERROR));
  if (!opened) return Internal("magic_open failed");
  if (magic_load(opened.get(), nullptr) != 0) {
    const char* error = magic_error(opened.get());
    return Internal(std::string("magic_load failed: ") + (error ? error : "unknown"));
  }
  magic = std::move(opened);
  return magic.get();
}

}  // namespace

Result<std::string> SniffMediaType(std::string_view prefix) {
  auto magic = ThreadMagic();
  if (!magic) return magic.error();
  if (prefix.size() > kSniffBytes) prefix = prefix.substr(0, kSniffBytes);
  const char* type = magic_buffer(*magic, prefix.data(), prefix.size());
  if (type == nullptr) {
    const char* error = magic_error(*magic);
    return Internal(std::string("magic_buffer failed: ") + (error ? error : "unknown"));
  }
  return std::string(type);
}

}  // namespace consilium::files
