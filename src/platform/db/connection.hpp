#pragma once
// One PostgreSQL connection driven without blocking the I/O thread: libpq in
// non-blocking mode, its socket watched by asio. Statements are prepared on
// first use and reused for the life of the connection.
#include "platform/db/rows.hpp"
#include "platform/error/error.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <memory>
#include <string>
#include <unordered_map>

namespace consilium::db {

class Connection {
 public:
  // Connects (blocking: done once per pooled connection, off the hot path).
  static Result<std::unique_ptr<Connection>> Open(boost::asio::io_context& io, const std::string& conninfo);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Not a coroutine itself: GCC 12 mishandles string literals bound to a
  // coroutine's parameters, so the literal becomes a string_view here first.
  boost::asio::awaitable<Result<Rows>> Query(std::string_view sql, Params params) { return Execute(sql, std::move(params)); }
  // False once the connection failed; the pool then drops it.
  bool healthy() const;
  void Poison() { failed_ = true; }

 private:
  Connection(boost::asio::io_context& io, PGconn* conn);
  boost::asio::awaitable<Result<Rows>> Execute(std::string_view sql, Params params);
  boost::asio::awaitable<Result<Rows>> Send(bool sent, std::string_view what);
  boost::asio::awaitable<Status> Flush();
  boost::asio::awaitable<Result<Rows>> Collect();

  PGconn* conn_;
  boost::asio::posix::stream_descriptor socket_;
  std::unordered_map<std::string, std::string> statements_;  // SQL text -> prepared statement name
  bool failed_ = false;
};

// Maps a failed result to an Error without copying the server's message,
// which can quote row values: only the SQLSTATE and constraint are logged.
Error ErrorFromResult(const PGresult* result);

}  // namespace consilium::db
