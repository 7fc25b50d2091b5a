#include "platform/crypto/aes_gcm.hpp"

#include "platform/crypto/encoding.hpp"

#include <gtest/gtest.h>

namespace consilium::crypto::internal {
namespace {

std::string FromHex(std::string_view hex) { return HexDecode(hex).value(); }

GcmNonce NonceFromHex(std::string_view hex) {
  const std::string bytes = FromHex(hex);
  GcmNonce nonce{};
  std::copy(bytes.begin(), bytes.end(), nonce.begin());
  return nonce;
}

// Test case 16 of McGrew and Viega, "The Galois/Counter Mode of Operation (GCM)".
TEST(AesGcmTest, MatchesThePublishedTestVector) {
  AesGcm gcm(
      SymmetricKey::FromBytes(FromHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")).value());
  const GcmNonce nonce = NonceFromHex("cafebabefacedbaddecaf888");
  const std::string associated_data = FromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  const std::string plaintext = FromHex(
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de6"
      "57ba637b39");
  std::string sealed = "kept";
  gcm.Seal(nonce, associated_data, plaintext, sealed);
  EXPECT_EQ(HexEncode(sealed.substr(4)),
            "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e"
            "6393ba7a0abcc9f662"
            "76fc6ece0f4e1768cddf8853bb2d551b");
  std::string opened = "kept";
  ASSERT_TRUE(gcm.Open(nonce, associated_data, sealed.substr(4), opened));
  EXPECT_EQ(opened, "kept" + plaintext);
}

TEST(AesGcmTest, OpenLeavesTheOutputAsItWasOnFailure) {
  AesGcm gcm(SymmetricKey::Generate());
  const GcmNonce nonce{};
  std::string sealed;
  gcm.Seal(nonce, "context", "", sealed);
  EXPECT_EQ(sealed.size(), kGcmTagBytes) << "an empty message still has its tag";
  std::string out = "kept";
  EXPECT_TRUE(gcm.Open(nonce, "context", sealed, out));
  EXPECT_FALSE(gcm.Open(nonce, "other context", sealed, out));
  EXPECT_FALSE(gcm.Open(nonce, "context", sealed.substr(1), out));
  sealed.clear();
  gcm.Seal(nonce, "context", "some plaintext", sealed);
  sealed[0] = static_cast<char>(sealed[0] ^ 0x80);
  EXPECT_FALSE(gcm.Open(nonce, "context", sealed, out));
  EXPECT_EQ(out, "kept");
}

}  // namespace
}  // namespace consilium::crypto::internal
