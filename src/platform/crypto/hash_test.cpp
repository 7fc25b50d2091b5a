#include "platform/crypto/hash.hpp"

#include "platform/crypto/encoding.hpp"

#include <gtest/gtest.h>

namespace consilium::crypto {
namespace {

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(HexEncode(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexEncode(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256("abc").size(), kSha256Bytes);
}

TEST(Sha256StreamTest, PiecesGiveTheDigestOfTheWhole) {
  Sha256Stream empty;
  EXPECT_EQ(HexEncode(empty.Finish()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256Stream abc;
  abc.Update("a");
  abc.Update("");
  abc.Update("bc");
  EXPECT_EQ(HexEncode(abc.Finish()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // A million 'a's in uneven pieces (FIPS 180-2's long vector).
  Sha256Stream million;
  const std::string piece(999, 'a');
  std::size_t given = 0;
  while (given + piece.size() <= 1'000'000) {
    million.Update(piece);
    given += piece.size();
  }
  million.Update(std::string(1'000'000 - given, 'a'));
  EXPECT_EQ(HexEncode(million.Finish()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(ConstantTimeEqualTest, ComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEqual("", ""));
  EXPECT_TRUE(ConstantTimeEqual("secret", "secret"));
  EXPECT_FALSE(ConstantTimeEqual("secret", "secreT"));
  EXPECT_FALSE(ConstantTimeEqual("secret", "Secret"));
  EXPECT_FALSE(ConstantTimeEqual("secret", "secret2"));
  EXPECT_FALSE(ConstantTimeEqual("secret", ""));
  EXPECT_FALSE(ConstantTimeEqual("", "x"));
  EXPECT_TRUE(ConstantTimeEqual(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
  EXPECT_FALSE(ConstantTimeEqual(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

}  // namespace
}  // namespace consilium::crypto
