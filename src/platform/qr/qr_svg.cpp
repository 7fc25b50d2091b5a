#include "platform/qr/qr_svg.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace consilium::qr {
namespace {

constexpr int kQuietZone = 4;

struct FreeQrCode {
  void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};

}  // namespace

std::string QrCodeSvg(std::string_view text) {
  const std::string input(text);
  std::unique_ptr<QRcode, FreeQrCode> code(QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!code) throw std::runtime_error("text too long for a QR code");
  const int width = code->width;
  const int size = width + 2 * kQuietZone;
  std::string path;
  // One horizontal run of dark modules per path segment keeps the SVG small.
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width;) {
      if (!(code->data[y * width + x] & 1)) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < width && (code->data[y * width + x] & 1)) ++x;
      path += "M" + std::to_string(start + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h" +
              std::to_string(x - start) + "v1h-" + std::to_string(x - start) + "z";
    }
  }
  const std::string extent = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + extent + " " + extent +
         "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code\">"
         "<rect width=\"" + extent + "\" height=\"" + extent + "\" fill=\"#fff\"/>"
         "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace consilium::qr
