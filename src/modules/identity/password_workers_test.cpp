#include "modules/identity/password_workers.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

namespace consilium::identity {
namespace {

namespace asio = boost::asio;

TEST(PasswordWorkersTest, AFullQueueAnswersUnavailableAtOnceAndTheOthersAreHashed) {
  PasswordWorkers workers(1, 1);
  asio::io_context io;
  Result<std::string> first = Internal("not run");
  Result<std::string> second = Internal("not run");
  asio::co_spawn(
      io, [&]() -> asio::awaitable<void> { first = co_await workers.Hash("correct horse battery staple"); },
      asio::detached);
  asio::co_spawn(
      io, [&]() -> asio::awaitable<void> { second = co_await workers.Hash("another long passphrase"); },
      asio::detached);
  io.run();
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->starts_with("$2b$12$"));
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kUnavailable);

  // The queue is free again once the hash is done.
  Result<bool> verified = Internal("not run");
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> { verified = co_await workers.Verify("correct horse battery staple", *first); },
      asio::detached);
  io.restart();
  io.run();
  ASSERT_TRUE(verified);
  EXPECT_TRUE(*verified);
}

}  // namespace
}  // namespace consilium::identity
