#pragma once
// bcrypt costs about a quarter of a second of CPU: it runs on its own small
// thread pool, never on an I/O thread, at a lower scheduling priority (so a
// storm of sign-ins yields the CPU to everyone's reads), and a full queue
// answers 503 at once instead of stalling every other request.
#include "platform/async/worker_pool.hpp"
#include "platform/error/error.hpp"

#include <atomic>
#include <string>

namespace consilium::identity {

class PasswordWorkers {
 public:
  PasswordWorkers(int threads, int queue_limit);

  boost::asio::awaitable<Result<bool>> Verify(std::string password, std::string stored_hash);
  boost::asio::awaitable<Result<std::string>> Hash(std::string password);

 private:
  Status Enter();

  async::WorkerPool pool_;
  int queue_limit_;
  std::atomic<int> queued_{0};
};

}  // namespace consilium::identity
