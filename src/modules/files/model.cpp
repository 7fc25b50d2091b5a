#include "modules/files/model.hpp"

#include <algorithm>

namespace consilium::files {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = HexValue(text[i + 1]);
    const int low = HexValue(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

// The code points of strict UTF-8 (no overlong forms, no surrogates, at most U+10FFFF), or nothing.
std::optional<std::u32string> DecodeUtf8(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    int length = 0;
    char32_t point = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
      length = 1, point = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2, point = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, point = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, point = lead & 0x07, minimum = 0x10000;
    } else {
      return std::nullopt;
    }
    if (i + length > text.size()) return std::nullopt;
    for (int k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return std::nullopt;
      point = (point << 6) | (next & 0x3F);
    }
    if (point < minimum || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) return std::nullopt;
    out += point;
    i += length;
  }
  return out;
}

bool IsControl(char32_t point) { return point < 0x20 || (point >= 0x7F && point <= 0x9F); }

// RFC 8187 attr-char: sent as is; everything else percent-encoded.
bool IsAttrChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

boost::json::object ToJson(const File& file) {
  boost::json::value item = nullptr;
  if (file.agenda_item_id) item = boost::json::string(*file.agenda_item_id);
  return {{"id", file.id},         {"patient_id", file.patient_id},     {"agenda_item_id", item},
          {"name", file.name},     {"content_type", file.content_type}, {"size_bytes", file.size_bytes},
          {"sha256", file.sha256}, {"uploaded_by", file.uploaded_by},   {"uploaded_at", file.uploaded_at}};
}

Result<std::string> ParseFileName(std::string_view header) {
  if (header.empty()) return InvalidArgument("the file's name is missing: send it in X-File-Name, percent-encoded");
  auto decoded = PercentDecode(header);
  if (!decoded) return InvalidArgument("X-File-Name has a malformed percent-encoding");
  auto points = DecodeUtf8(*decoded);
  if (!points) return InvalidArgument("X-File-Name is not percent-encoded UTF-8");
  if (points->empty() || points->size() > kMaxFileNameChars) {
    return InvalidArgument("the file's name must be 1 to 255 characters");
  }
  if (std::find(points->begin(), points->end(), U'/') != points->end()) {
    return InvalidArgument("the file's name must not contain '/'");
  }
  if (std::any_of(points->begin(), points->end(), IsControl)) {
    return InvalidArgument("the file's name must not contain control characters");
  }
  return std::move(*decoded);
}

Status CheckAllowedType(std::string_view detected) {
  if (std::find(kAllowedTypes.begin(), kAllowedTypes.end(), detected) != kAllowedTypes.end()) return {};
  return MakeError(ErrorCode::kUnsupportedMediaType,
                   "the content is " + std::string(detected) +
                       ", which cannot be uploaded; allowed: PDF, PNG, JPEG, TIFF, DICOM and plain text");
}

std::string ContentDisposition(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "attachment; filename*=UTF-8''";
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (IsAttrChar(byte)) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

}  // namespace consilium::files
