#pragma once
// Runs one asynchronous module operation to completion on the calling
// thread, with its own small connection pool: for the command line and the
// demo seed, which use the same module code as the server.
#include "platform/db/pool.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <exception>
#include <functional>

namespace consilium::app {

inline constexpr std::chrono::milliseconds kCommandAcquireTimeout{30'000};

template <class T>
Result<T> RunBlocking(const std::string& conninfo, std::function<boost::asio::awaitable<Result<T>>()> operation) {
  boost::asio::io_context io;
  std::optional<Result<T>> outcome;
  std::exception_ptr failure;
  {
    db::Pool pool(io, conninfo, 2, kCommandAcquireTimeout);
    db::Pool::SetCurrent(&pool);
    boost::asio::co_spawn(io, operation(), [&](std::exception_ptr error, Result<T> result) {
      failure = error;
      if (!error) outcome = std::move(result);
    });
    io.run();
    db::Pool::SetCurrent(nullptr);
  }
  if (failure) std::rethrow_exception(failure);
  return std::move(*outcome);
}

}  // namespace consilium::app
