#include "platform/crypto/secret_box.hpp"

#include "platform/crypto/encoding.hpp"
#include "platform/crypto/random.hpp"
#include "platform/crypto/temp_dir_for_test.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

namespace consilium::crypto {
namespace {

TEST(SecretBoxTest, OpensWhatItSealed) {
  const SecretBox box(RandomBytes(kSecretBoxKeyBytes));
  const std::string sealed = box.Seal("totp seed", "user-1");
  EXPECT_EQ(box.Open(sealed, "user-1").value(), "totp seed");
  EXPECT_NE(box.Seal("totp seed", "user-1"), sealed) << "each seal has a fresh nonce";
  EXPECT_EQ(sealed.find("totp"), std::string::npos);
}

TEST(SecretBoxTest, RefusesOtherRowsOtherKeysAndAlteredBytes) {
  const SecretBox box(RandomBytes(kSecretBoxKeyBytes));
  const std::string sealed = box.Seal("totp seed", "user-1");
  EXPECT_FALSE(box.Open(sealed, "user-2"));
  EXPECT_FALSE(SecretBox(RandomBytes(kSecretBoxKeyBytes)).Open(sealed, "user-1"));
  std::string raw = Base64UrlDecode(sealed).value();
  for (std::size_t at = 0; at < raw.size(); ++at) {
    std::string flipped = raw;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x01);
    EXPECT_FALSE(box.Open(Base64UrlEncode(flipped), "user-1")) << "flipped byte " << at;
  }
  EXPECT_FALSE(box.Open(Base64UrlEncode(raw.substr(0, raw.size() - 1)), "user-1"));
  EXPECT_FALSE(box.Open("not base64!", "user-1"));
}

TEST(SecretBoxTest, KeyFileIsCreatedPrivateAndReusedAfterwards) {
  const TempDirForTest dir;
  const auto file = dir.path() / "keys" / "secrets.key";
  const auto first = LoadOrCreateSecretBox(file);
  ASSERT_TRUE(first);
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  const auto again = LoadOrCreateSecretBox(file);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->Open(first->Seal("seed", "row"), "row").value(), "seed");
}

}  // namespace
}  // namespace consilium::crypto
