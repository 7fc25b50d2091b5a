#include "modules/identity/password_workers.hpp"

#include "platform/crypto/password.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <sys/resource.h>
#include <unistd.h>

namespace consilium::identity {
namespace {
namespace asio = boost::asio;
// Linux niceness of the hashing threads: the I/O threads (0) win the CPU.
constexpr int kHashingNiceness = 10;
}  // namespace

PasswordWorkers::PasswordWorkers(int threads, int queue_limit)
    : keep_running_(asio::make_work_guard(pool_)), queue_limit_(queue_limit) {
  for (int i = 0; i < threads; ++i) {
    threads_.emplace_back([this] {
      // Per-thread on Linux; failing to lower it is harmless.
      static_cast<void>(::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kHashingNiceness));
      pool_.run();
    });
  }
  // The dummy hash costs one bcrypt: compute it now, off the request path, so
  // the first sign-in with an unknown email is not slower than the rest.
  asio::post(pool_, [] { crypto::DummyPasswordHash(); });
}

PasswordWorkers::~PasswordWorkers() {
  keep_running_.reset();
  for (auto& thread : threads_) thread.join();
}

Status PasswordWorkers::Enter() {
  if (queued_.fetch_add(1) >= queue_limit_) {
    queued_.fetch_sub(1);
    return MakeError(ErrorCode::kUnavailable, "the server is busy; please retry shortly", "password queue full");
  }
  return {};
}

asio::awaitable<Result<bool>> PasswordWorkers::Verify(std::string password, std::string stored_hash) {
  if (auto entered = Enter(); !entered) co_return entered.error();
  // co_spawn onto the pool; the result resumes this coroutine on its own I/O thread.
  const bool matches = co_await asio::co_spawn(
      pool_, [&]() -> asio::awaitable<bool> { co_return crypto::VerifyPassword(password, stored_hash); },
      asio::use_awaitable);
  queued_.fetch_sub(1);
  co_return matches;
}

asio::awaitable<Result<std::string>> PasswordWorkers::Hash(std::string password) {
  if (auto entered = Enter(); !entered) co_return entered.error();
  auto hashed = co_await asio::co_spawn(
      pool_, [&]() -> asio::awaitable<Result<std::string>> { co_return crypto::HashPassword(password); },
      asio::use_awaitable);
  queued_.fetch_sub(1);
  co_return hashed;
}

}  // namespace consilium::identity
