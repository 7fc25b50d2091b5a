#include "platform/db/pool.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace consilium::db {
namespace {
thread_local Pool* current_pool = nullptr;
}  // namespace

Lease::~Lease() {
  if (connection_) pool_->Release(std::move(connection_));
}

Pool::Pool(boost::asio::io_context& io, std::string conninfo, int size, std::chrono::milliseconds acquire_timeout)
    : io_(io), conninfo_(std::move(conninfo)), size_(size), acquire_timeout_(acquire_timeout) {}

Pool* Pool::Current() { return current_pool; }
void Pool::SetCurrent(Pool* pool) { current_pool = pool; }

boost::asio::awaitable<Result<Lease>> Pool::Acquire() {
  for (;;) {
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      co_return Lease(*this, std::move(connection));
    }
    if (open_ < size_) {
      ++open_;
      auto connection = Connection::Open(io_, conninfo_);
      if (!connection) {
        --open_;
        co_return connection.error();
      }
      co_return Lease(*this, std::move(*connection));
    }
    boost::asio::steady_timer timer(io_, acquire_timeout_);
    Waiter waiter{&timer, nullptr};
    waiters_.push_back(&waiter);
    co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    if (waiter.connection) co_return Lease(*this, std::move(waiter.connection));
    if (waiter.wake_to_open) continue;
    waiters_.erase(std::remove(waiters_.begin(), waiters_.end(), &waiter), waiters_.end());
    co_return MakeError(ErrorCode::kUnavailable, "the server is busy; please retry", "database pool exhausted");
  }
}

void Pool::Close() {
  closed_ = true;
  idle_.clear();
}

void Pool::Release(std::unique_ptr<Connection> connection) {
  if (closed_) return;  // the connection closes as it goes out of scope
  if (!connection->healthy()) {
    --open_;
    connection.reset();
    if (!waiters_.empty()) {
      Waiter* waiter = waiters_.front();
      waiters_.pop_front();
      waiter->wake_to_open = true;
      waiter->timer->cancel();
    }
    return;
  }
  if (!waiters_.empty()) {
    Waiter* waiter = waiters_.front();
    waiters_.pop_front();
    waiter->connection = std::move(connection);
    waiter->timer->cancel();
    return;
  }
  idle_.push_back(std::move(connection));
}

}  // namespace consilium::db
