#pragma once
// Work that would stall an I/O thread (blocking system calls, long computations) runs on a few threads of
// its own. The coroutine that hands work here is suspended meanwhile, so its I/O thread serves everyone
// else, and it resumes on its own executor when the work is done.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

namespace consilium::async {

class WorkerPool {
 public:
  // `niceness` above 0 lowers the threads' scheduling priority, so the I/O threads win the CPU.
  explicit WorkerPool(int threads, int niceness = 0);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs `work` on a pool thread and returns what it returns; `work` may refer to the caller's locals,
  // which outlive the wait.
  template <typename Work>
  boost::asio::awaitable<std::invoke_result_t<Work&>> Run(Work work) {
    using Value = std::invoke_result_t<Work&>;
    static_assert(!std::is_void_v<Value>, "work returns what became of it (a Status, say)");
    // co_spawn needs a default-constructible value, which a Result need not be.
    auto done = co_await boost::asio::co_spawn(
        pool_, [&]() -> boost::asio::awaitable<std::optional<Value>> { co_return work(); },
        boost::asio::use_awaitable);
    co_return std::move(*done);
  }

  // Work nobody waits for (warming a cache, say).
  template <typename Work>
  void Post(Work work) {
    boost::asio::post(pool_, std::move(work));
  }

 private:
  boost::asio::io_context pool_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> keep_running_;
  std::vector<std::thread> threads_;
};

}  // namespace consilium::async
