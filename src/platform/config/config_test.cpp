#include "platform/config/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

namespace consilium {
namespace {

TEST(Config, DefaultsAreTheDocumentedOnes) {
  auto config = LoadConfig(std::nullopt);
  ASSERT_TRUE(config);
  EXPECT_EQ(config->listen, "localhost:8443");
  EXPECT_EQ(config->data_dir, "data");
  EXPECT_EQ(config->body_limit_bytes, 1024u * 1024u);
}

TEST(Config, FileThenEnvironmentThenSecretFile) {
  const std::string file = "/tmp/consilium-config-test.json";
  std::ofstream(file) << R"({"listen": "127.0.0.1:9000", "body_limit_bytes": 2048, "workers": 3})";
  const std::string secret = "/tmp/consilium-config-test.secret";
  std::ofstream(secret) << "host=/tmp dbname=x\n";
  ::setenv("CONSILIUM_WORKERS", "5", 1);
  ::setenv("DATABASE_URL_FILE", secret.c_str(), 1);
  auto config = LoadConfig(file);
  ::unsetenv("CONSILIUM_WORKERS");
  ::unsetenv("DATABASE_URL_FILE");
  ASSERT_TRUE(config) << config.error().public_message;
  EXPECT_EQ(config->listen, "127.0.0.1:9000");
  EXPECT_EQ(config->body_limit_bytes, 2048u);
  EXPECT_EQ(config->workers, 5);
  EXPECT_EQ(config->database_url, "host=/tmp dbname=x");
}

TEST(Config, UnknownKeysAndBadValuesStopStartUp) {
  Config config;
  EXPECT_FALSE(ApplySetting(config, "no_such_key", "1"));
  EXPECT_FALSE(ApplySetting(config, "body_limit_bytes", "ten"));
  EXPECT_FALSE(ApplySetting(config, "body_limit_bytes", "12x"));
  EXPECT_FALSE(ApplySetting(config, "access_token_minutes", "60"));
  EXPECT_FALSE(ApplySetting(config, "demo", "yes"));
  EXPECT_TRUE(ApplySetting(config, "access_token_minutes", "15"));
  EXPECT_EQ(config.access_token_minutes, 15);
}

}  // namespace
}  // namespace consilium
