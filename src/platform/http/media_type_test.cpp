#include "platform/http/media_type.hpp"

#include <gtest/gtest.h>

namespace consilium::http {
namespace {

TEST(MediaType, AcceptsJsonWithParametersAndAnyCase) {
  EXPECT_TRUE(IsJsonMediaType("application/json"));
  EXPECT_TRUE(IsJsonMediaType("application/json; charset=utf-8"));
  EXPECT_TRUE(IsJsonMediaType("Application/JSON"));
}

TEST(MediaType, RefusesLookAlikes) {
  EXPECT_FALSE(IsJsonMediaType(""));
  EXPECT_FALSE(IsJsonMediaType("application/jsonx"));
  EXPECT_FALSE(IsJsonMediaType("text/plain"));
  EXPECT_FALSE(IsJsonMediaType("application/json-patch+json"));
}

}  // namespace
}  // namespace consilium::http
