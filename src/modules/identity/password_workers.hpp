#pragma once
// bcrypt costs about a quarter of a second of CPU: it runs on its own small
// thread pool, never on an I/O thread, and a full queue answers 503 at once
// instead of stalling every other request.
#include "platform/error/error.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <string>

namespace consilium::identity {

class PasswordWorkers {
 public:
  PasswordWorkers(int threads, int queue_limit) : pool_(static_cast<std::size_t>(threads)), queue_limit_(queue_limit) {}
  ~PasswordWorkers() { pool_.join(); }

  boost::asio::awaitable<Result<bool>> Verify(std::string password, std::string stored_hash);
  boost::asio::awaitable<Result<std::string>> Hash(std::string password);

 private:
  Status Enter();

  boost::asio::thread_pool pool_;
  int queue_limit_;
  std::atomic<int> queued_{0};
};

}  // namespace consilium::identity
