#include "modules/files/model.hpp"

#include <gtest/gtest.h>

namespace consilium::files {
namespace {

TEST(FileNameTest, DecodesPercentEncodedUtf8) {
  EXPECT_EQ(ParseFileName("report.pdf").value(), "report.pdf");
  EXPECT_EQ(ParseFileName("CT%20thorax%20%C3%A9t%C3%A9.pdf").value(), "CT thorax \xC3\xA9t\xC3\xA9.pdf");
  EXPECT_EQ(ParseFileName("a+b.txt").value(), "a+b.txt");  // '+' is not a space here
  EXPECT_EQ(ParseFileName("%e6%96%87.png").value(), "\xE6\x96\x87.png");
}

TEST(FileNameTest, CountsCharactersNotBytes) {
  std::string ascii(255, 'a');
  EXPECT_TRUE(ParseFileName(ascii));
  EXPECT_FALSE(ParseFileName(ascii + "a"));
  std::string accented;
  for (int i = 0; i < 255; ++i) accented += "%C3%A9";  // 255 characters, 510 bytes
  EXPECT_TRUE(ParseFileName(accented));
  EXPECT_FALSE(ParseFileName(accented + "%C3%A9"));
}

TEST(FileNameTest, RefusesWhatIsNotAPlainName) {
  for (std::string_view bad : {"", "%", "%4", "%zz.pdf", "a/b.pdf", "a%2Fb.pdf", "%00.pdf", "a%0Ab.pdf", "a%7F",
                               "a%C2%85b", "%C3", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%FF"}) {
    auto parsed = ParseFileName(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument) << bad;
  }
}

TEST(AllowedTypeTest, OnlyTheAllowListPasses) {
  for (auto type : kAllowedTypes) EXPECT_TRUE(CheckAllowedType(type)) << type;
  for (std::string_view type :
       {"text/html", "application/zip", "application/x-executable", "application/x-pie-executable",
        "application/octet-stream", "image/svg+xml", "text/plain; charset=us-ascii", ""}) {
    auto checked = CheckAllowedType(type);
    ASSERT_FALSE(checked) << type;
    EXPECT_EQ(checked.error().code, ErrorCode::kUnsupportedMediaType);
    EXPECT_NE(checked.error().public_message.find(std::string(type)), std::string::npos);
  }
}

TEST(ContentDispositionTest, PercentEncodesAllButAttrChars) {
  EXPECT_EQ(ContentDisposition("report-1.pdf"), "attachment; filename*=UTF-8''report-1.pdf");
  EXPECT_EQ(ContentDisposition("CT \xC3\xA9t\xC3\xA9 \"x\";%.pdf"),
            "attachment; filename*=UTF-8''CT%20%C3%A9t%C3%A9%20%22x%22%3B%25.pdf");
}

}  // namespace
}  // namespace consilium::files
