#include "platform/crypto/encoding.hpp"
#include "platform/crypto/key_wrap.hpp"
#include "platform/crypto/root_key.hpp"
#include "platform/crypto/temp_dir_for_test.hpp"
#include "platform/files/secure_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

namespace consilium::crypto {
namespace {

std::filesystem::path VersionFile(const TempDirForTest& dir, int version) {
  return dir.path() / "root" / ("root-v" + std::to_string(version) + ".key");
}

TEST(RootKeyFilesTest, MakesVersionOnePrivateOnFirstUseAndFindsItAgain) {
  TempDirForTest dir;
  const SymmetricKey clinic_key = SymmetricKey::Generate();
  std::string wrapped;
  {
    auto root = OpenRootKeyFiles(dir.path() / "root").value();
    EXPECT_EQ(root->CurrentVersion(), 1u);
    wrapped = root->Wrap(1, clinic_key).value();
  }
  struct stat info {};
  ASSERT_EQ(::stat(VersionFile(dir, 1).c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto reopened = OpenRootKeyFiles(dir.path() / "root").value();
  EXPECT_EQ(reopened->Unwrap(1, wrapped).value().bytes(), clinic_key.bytes());
}

TEST(RootKeyFilesTest, WrapsInTheKeyWrapFormatUnderTheFilesKey) {
  TempDirForTest dir;
  auto root = OpenRootKeyFiles(dir.path() / "root").value();
  const SymmetricKey clinic_key = SymmetricKey::Generate();
  const std::string wrapped = root->Wrap(1, clinic_key).value();
  auto text = files::ReadSmallFile(VersionFile(dir, 1)).value();
  text.pop_back();  // the newline
  const SymmetricKey file_key = SymmetricKey::FromBytes(Base64UrlDecode(text).value()).value();
  EXPECT_EQ(UnwrapKey(file_key, {kRootKeyId, 1}, WrappedKeyKind::kClinicKey, wrapped).value().bytes(),
            clinic_key.bytes());
}

TEST(RootKeyFilesTest, AVersionAddedElsewhereIsSeenAndOlderVersionsStayUsable) {
  TempDirForTest dir;
  auto server = OpenRootKeyFiles(dir.path() / "root").value();
  const SymmetricKey clinic_key = SymmetricKey::Generate();
  const std::string under_v1 = server->Wrap(1, clinic_key).value();
  // Another process (`consilium keys rotate-root`) adds version 2.
  EXPECT_EQ(OpenRootKeyFiles(dir.path() / "root").value()->AddVersion().value(), 2u);
  EXPECT_EQ(server->CurrentVersion(), 2u);
  const std::string under_v2 = server->Wrap(2, clinic_key).value();
  EXPECT_EQ(server->Unwrap(2, under_v2).value().bytes(), clinic_key.bytes());
  EXPECT_EQ(server->Unwrap(1, under_v1).value().bytes(), clinic_key.bytes());
  EXPECT_FALSE(server->Unwrap(2, under_v1)) << "a key wrapped under v1 read as v2";
  EXPECT_FALSE(server->Unwrap(1, under_v2));
}

TEST(RootKeyFilesTest, AMissingOrMalformedVersionIsAnError) {
  TempDirForTest dir;
  auto root = OpenRootKeyFiles(dir.path() / "root").value();
  EXPECT_FALSE(root->Wrap(7, SymmetricKey::Generate()));
  std::string wrapped = root->Wrap(1, SymmetricKey::Generate()).value();
  wrapped[20] ^= 1;
  EXPECT_FALSE(root->Unwrap(1, wrapped));
  ASSERT_TRUE(files::WriteFileAtomically(VersionFile(dir, 3), "not base64url!\n", 0600));
  EXPECT_FALSE(OpenRootKeyFiles(dir.path() / "root")) << "a malformed key file stops start-up";
}

TEST(RootKeyFilesTest, AVersionIsNeverWrittenOverAnother) {
  TempDirForTest dir;
  auto root = OpenRootKeyFiles(dir.path() / "root").value();
  ASSERT_TRUE(files::WriteFileAtomically(VersionFile(dir, 2), Base64UrlEncode(std::string(32, 'k')) + "\n", 0600));
  // Version 2 appears between this process's look and its write: it goes on to version 3.
  EXPECT_EQ(root->AddVersion().value(), 3u);
  EXPECT_EQ(files::ReadSmallFile(VersionFile(dir, 2)).value(), Base64UrlEncode(std::string(32, 'k')) + "\n");
}

}  // namespace
}  // namespace consilium::crypto
