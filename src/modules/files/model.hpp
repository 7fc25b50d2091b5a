#pragma once
// A stored file as the API shows it, and the pure checks of an upload: its name (X-File-Name), its detected
// type against the allow-list, and the Content-Disposition of its download.
#include "platform/error/error.hpp"

#include <boost/json/object.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace consilium::files {

struct File {
  std::string id;
  std::string patient_id;
  std::optional<std::string> agenda_item_id;
  std::string name;          // clinical text: sealed at rest, never in the audit trail or the log
  std::string content_type;  // detected from the content, not the one the uploader sent
  std::uint64_t size_bytes = 0;
  std::string sha256;  // hex, of the content; clinical text like the name
  std::string uploaded_by;
  std::string uploaded_at;
};

boost::json::object ToJson(const File& file);

inline constexpr std::size_t kMaxFileNameChars = 255;

// X-File-Name: percent-encoded UTF-8, decoded; 1 to 255 characters (code points), valid UTF-8, no '/' and
// no control character. kInvalidArgument with what is wrong otherwise.
Result<std::string> ParseFileName(std::string_view header);

// What may be uploaded, by the type libmagic reads from the content.
inline constexpr std::array<std::string_view, 6> kAllowedTypes = {"application/pdf", "image/png",         "image/jpeg",
                                                                  "image/tiff",      "application/dicom", "text/plain"};

// kUnsupportedMediaType, naming the type found, unless `detected` is on the allow-list.
Status CheckAllowedType(std::string_view detected);

// `attachment; filename*=UTF-8''<name percent-encoded>` (RFC 6266, RFC 8187).
std::string ContentDisposition(std::string_view name);

}  // namespace consilium::files
