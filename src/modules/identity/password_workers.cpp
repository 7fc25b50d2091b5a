#include "modules/identity/password_workers.hpp"

#include "platform/crypto/password.hpp"

namespace consilium::identity {
namespace {
// Linux niceness of the hashing threads: the I/O threads (0) win the CPU.
constexpr int kHashingNiceness = 10;
}  // namespace

PasswordWorkers::PasswordWorkers(int threads, int queue_limit)
    : pool_(threads, kHashingNiceness), queue_limit_(queue_limit) {
  // The dummy hash costs one bcrypt: compute it now, off the request path, so
  // the first sign-in with an unknown email is not slower than the rest.
  pool_.Post([] { crypto::DummyPasswordHash(); });
}

Status PasswordWorkers::Enter() {
  if (queued_.fetch_add(1) >= queue_limit_) {
    queued_.fetch_sub(1);
    return MakeError(ErrorCode::kUnavailable, "the server is busy; please retry shortly", "password queue full");
  }
  return {};
}

boost::asio::awaitable<Result<bool>> PasswordWorkers::Verify(std::string password, std::string stored_hash) {
  if (auto entered = Enter(); !entered) co_return entered.error();
  const bool matches = co_await pool_.Run([&] { return crypto::VerifyPassword(password, stored_hash); });
  queued_.fetch_sub(1);
  co_return matches;
}

boost::asio::awaitable<Result<std::string>> PasswordWorkers::Hash(std::string password) {
  if (auto entered = Enter(); !entered) co_return entered.error();
  auto hashed = co_await pool_.Run([&] { return crypto::HashPassword(password); });
  queued_.fetch_sub(1);
  co_return hashed;
}

}  // namespace consilium::identity
