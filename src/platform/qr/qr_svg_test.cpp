#include "platform/qr/qr_svg.hpp"

#include <gtest/gtest.h>

namespace consilium::qr {
namespace {

TEST(QrCodeSvgTest, DrawsASquareSymbolWithQuietZone) {
  const std::string svg = QrCodeSvg("otpauth://totp/Consilium:a%40example.org?secret=JBSWY3DPEHPK3PXP&issuer=Consilium");
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ", 0), 0u);
  EXPECT_NE(svg.find("<path fill=\"#000\" d=\"M4 4h7v1h-7z"), std::string::npos)
      << "the top-left finder pattern starts at the quiet zone, seven modules wide";
  EXPECT_EQ(svg.find("style"), std::string::npos) << "no inline styles under the CSP";
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
}

TEST(QrCodeSvgTest, RefusesTextNoSymbolHolds) {
  EXPECT_THROW(QrCodeSvg(std::string(8000, 'x')), std::runtime_error);
}

}  // namespace
}  // namespace consilium::qr
