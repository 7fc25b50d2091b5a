#pragma once
// A pool of connections for one I/O thread. Each thread has its own pool, so
// nothing here is shared between threads and nothing needs a lock.
#include "platform/db/connection.hpp"

#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <deque>
#include <memory>
#include <vector>

namespace consilium::db {

class Pool;

// A borrowed connection; goes back to its pool when destroyed.
class Lease {
 public:
  Lease(Pool& pool, std::unique_ptr<Connection> connection) : pool_(&pool), connection_(std::move(connection)) {}
  Lease(Lease&&) = default;
  Lease& operator=(Lease&&) = delete;
  ~Lease();
  Connection& operator*() { return *connection_; }
  Connection* operator->() { return connection_.get(); }

 private:
  Pool* pool_;
  std::unique_ptr<Connection> connection_;
};

class Pool {
 public:
  Pool(boost::asio::io_context& io, std::string conninfo, int size, std::chrono::milliseconds acquire_timeout);

  boost::asio::awaitable<Result<Lease>> Acquire();
  void Release(std::unique_ptr<Connection> connection);
  // Closes idle connections now and any borrowed one when it comes back.
  void Close();

  // The pool of the calling I/O thread (set by the server's worker hook).
  static Pool* Current();
  static void SetCurrent(Pool* pool);

 private:
  struct Waiter {
    boost::asio::steady_timer* timer;
    std::unique_ptr<Connection> connection;
    bool wake_to_open = false;  // a broken connection freed a slot
  };

  boost::asio::io_context& io_;
  std::string conninfo_;
  int size_;
  int open_ = 0;
  bool closed_ = false;
  std::chrono::milliseconds acquire_timeout_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::deque<Waiter*> waiters_;
};

}  // namespace consilium::db
