#pragma once
// bcrypt costs about a quarter of a second of CPU: it runs on its own small
// thread pool, never on an I/O thread, at a lower scheduling priority (so a
// storm of sign-ins yields the CPU to everyone's reads), and a full queue
// answers 503 at once instead of stalling every other request.
#include "platform/error/error.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace consilium::identity {

class PasswordWorkers {
 public:
  PasswordWorkers(int threads, int queue_limit);
  ~PasswordWorkers();
  PasswordWorkers(const PasswordWorkers&) = delete;
  PasswordWorkers& operator=(const PasswordWorkers&) = delete;

  boost::asio::awaitable<Result<bool>> Verify(std::string password, std::string stored_hash);
  boost::asio::awaitable<Result<std::string>> Hash(std::string password);

 private:
  Status Enter();

  boost::asio::io_context pool_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> keep_running_;
  std::vector<std::thread> threads_;
  int queue_limit_;
  std::atomic<int> queued_{0};
};

}  // namespace consilium::identity
