#pragma once
// QR codes (libqrencode) drawn as SVG, for authenticator apps to scan.
#include <string>
#include <string_view>

namespace consilium::qr {

// An SVG document of `text` as a QR code (error correction M, a four-module
// quiet zone), black on white, using presentation attributes only so that it
// renders under a strict Content-Security-Policy. Throws std::runtime_error if
// the text cannot be encoded (too long for any QR version).
std::string QrCodeSvg(std::string_view text);

}  // namespace consilium::qr
