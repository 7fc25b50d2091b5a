#include "platform/async/worker_pool.hpp"

#include "platform/error/error.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace consilium::async {
namespace {

namespace asio = boost::asio;

// A value without a default constructor, as a Result of one is.
struct Opened {
  explicit Opened(int v) : value(v) {}
  int value;
};

TEST(WorkerPoolTest, RunsWorkOnItsThreadsAndResumesOnTheCallersThread) {
  WorkerPool pool(1);
  asio::io_context io;
  std::thread::id caller, worker, resumed;
  Result<Opened> outcome = Internal("not run");
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        caller = std::this_thread::get_id();
        outcome = co_await pool.Run([&]() -> Result<Opened> {
          worker = std::this_thread::get_id();
          return Opened(42);
        });
        resumed = std::this_thread::get_id();
      },
      asio::detached);
  io.run();
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->value, 42);
  EXPECT_NE(worker, caller);
  EXPECT_EQ(resumed, caller);
}

TEST(WorkerPoolTest, TheCallersThreadServesOthersWhileWorkRuns) {
  WorkerPool pool(1);
  asio::io_context io;
  std::atomic<bool> released{false};
  bool released_during_work = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        // The work waits for a handler of the caller's thread, which can run only once this coroutine has
        // handed the work over and that thread is free.
        asio::post(io, [&] { released = true; });
        released_during_work = co_await pool.Run([&] {
          const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
          while (!released && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
          }
          return released.load();
        });
      },
      asio::detached);
  io.run();
  EXPECT_TRUE(released_during_work);
}

}  // namespace
}  // namespace consilium::async
