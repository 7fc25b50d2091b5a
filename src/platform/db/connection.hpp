#pragma once
// One PostgreSQL connection driven without blocking the I/O thread: libpq in
// non-blocking pipeline mode, its socket watched by asio. Statements are
// prepared on first use and reused for the life of the connection.
//
// Pipelining saves round trips: Enqueue() sends a statement without waiting
// for it (BEGIN, set_config, an audit insert), Query() sends one and waits
// for it and everything queued before it, Sync() ends the batch.
#include "platform/db/rows.hpp"
#include "platform/error/error.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <deque>
#include <memory>
#include <optional>
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

  // Sends without waiting; a failure surfaces at the next Query or Sync.
  void Enqueue(std::string_view sql, const Params& params);
  // Not coroutines themselves: GCC 12 mishandles string literals bound to a
  // coroutine's parameters, so the literal becomes a string_view here first.
  boost::asio::awaitable<Result<Rows>> Query(std::string_view sql, Params params) {
    return Execute(sql, std::move(params));
  }
  // Ends the batch and reads every outstanding result.
  boost::asio::awaitable<Status> Sync() { return SyncAll(); }

  // False once the connection failed; the pool then drops it.
  bool healthy() const;
  void Poison() { failed_ = true; }

 private:
  struct Sent {
    std::optional<std::string> prepared_sql;  // set for a PREPARE: forgotten again if it fails
  };

  Connection(boost::asio::io_context& io, PGconn* conn);
  boost::asio::awaitable<Result<Rows>> Execute(std::string_view sql, Params params);
  boost::asio::awaitable<Status> SyncAll();
  boost::asio::awaitable<Status> Flush();
  boost::asio::awaitable<Status> WaitUntilReady();
  // Reads the results of everything sent so far; returns the last one.
  boost::asio::awaitable<Result<Rows>> Drain();
  void Fail(std::string detail);

  PGconn* conn_;
  boost::asio::posix::stream_descriptor socket_;
  std::unordered_map<std::string, std::string> statements_;  // SQL text -> prepared statement name
  std::deque<Sent> sent_;
  std::optional<Error> send_error_;
  bool failed_ = false;
};

// Maps a failed result to an Error without copying the server's message,
// which can quote row values: only the SQLSTATE and constraint are logged.
Error ErrorFromResult(const PGresult* result);

}  // namespace consilium::db
