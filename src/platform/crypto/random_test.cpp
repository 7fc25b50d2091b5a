#include "platform/crypto/random.hpp"

#include <gtest/gtest.h>

#include <set>

namespace consilium::crypto {
namespace {

TEST(RandomTest, BytesHaveRequestedSizeAndDiffer) {
  EXPECT_EQ(RandomBytes(0).size(), 0u);
  EXPECT_EQ(RandomBytes(1000).size(), 1000u);
  EXPECT_NE(RandomBytes(32), RandomBytes(32));
}

TEST(RandomTest, TokenIsUnpaddedBase64Url) {
  const std::string token = RandomToken(32);
  EXPECT_EQ(token.size(), 43u);
  EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_NE(token, RandomToken(32));
}

TEST(UuidTest, NewUuidIsCanonicalLowercaseVersion4) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string uuid = NewUuidV4();
    ASSERT_TRUE(IsCanonicalUuid(uuid)) << uuid;
    EXPECT_EQ(uuid.find_first_of("ABCDEF"), std::string::npos) << uuid;
    EXPECT_EQ(uuid[14], '4') << uuid;
    EXPECT_NE(std::string_view("89ab").find(uuid[19]), std::string_view::npos) << uuid;
    seen.insert(uuid);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(UuidTest, CanonicalCheck) {
  EXPECT_TRUE(IsCanonicalUuid("123e4567-e89b-42d3-a456-426614174000"));
  EXPECT_TRUE(IsCanonicalUuid("123E4567-E89B-42D3-A456-426614174000"));
  EXPECT_FALSE(IsCanonicalUuid(""));
  EXPECT_FALSE(IsCanonicalUuid("123e4567e89b42d3a456426614174000"));
  EXPECT_FALSE(IsCanonicalUuid("{123e4567-e89b-42d3-a456-426614174000}"));
  EXPECT_FALSE(IsCanonicalUuid("123e4567-e89b-42d3-a456-42661417400"));
  EXPECT_FALSE(IsCanonicalUuid("123e4567-e89b-42d3-a456-4266141740000"));
  EXPECT_FALSE(IsCanonicalUuid("123e4567-e89b-42d3-a456_426614174000"));
  EXPECT_FALSE(IsCanonicalUuid("123e4567-e89b-42d3-a456-42661417400g"));
  EXPECT_FALSE(IsCanonicalUuid("123e456-7e89b-42d3-a456-426614174000"));
}

}  // namespace
}  // namespace consilium::crypto
