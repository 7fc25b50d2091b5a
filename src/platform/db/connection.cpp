#include "platform/db/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdlib>
#include <utility>

namespace consilium::db {
namespace {

namespace asio = boost::asio;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

Error Unavailable(std::string detail) {
  return MakeError(ErrorCode::kUnavailable, "database unavailable", std::move(detail));
}

}  // namespace

long Rows::Affected() const {
  const char* count = result_ ? PQcmdTuples(result_.get()) : "";
  return *count ? std::strtol(count, nullptr, 10) : 0;
}

Error ErrorFromResult(const PGresult* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* constraint = result ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  std::string detail = std::string("sqlstate=") + (state ? state : "none");
  if (constraint) detail += std::string(" constraint=") + constraint;
  const std::string_view code = state ? state : "";
  // Raised by app_require_session(): the request's session has ended.
  if (code == "CS401") return MakeError(ErrorCode::kUnauthenticated, "your session has ended; sign in again", detail);
  // Raised by triggers guarding records that are final (e.g. a signed decision).
  if (code == "CS409") return MakeError(ErrorCode::kConflict, "this record is final and cannot change", detail);
  if (code == "23505") return MakeError(ErrorCode::kConflict, "a record with the same identifier already exists", detail);
  // A CHECK constraint: input the module should have refused first; never a 500.
  if (code == "23514") return MakeError(ErrorCode::kInvalidArgument, "a value is out of its allowed range", detail);
  if (code == "40001" || code == "40P01") return MakeError(ErrorCode::kUnavailable, "please retry", detail);
  return Internal(detail);
}

Result<std::unique_ptr<Connection>> Connection::Open(asio::io_context& io, const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    return Unavailable("connect failed: " + message);
  }
  if (PQsetnonblocking(conn, 1) != 0 || PQenterPipelineMode(conn) != 1) {
    PQfinish(conn);
    return Unavailable("cannot enter non-blocking pipeline mode");
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<Connection>(new Connection(io, conn));
}

Connection::Connection(asio::io_context& io, PGconn* conn) : conn_(conn), socket_(io, PQsocket(conn)) {}

Connection::~Connection() {
  socket_.release();  // libpq owns the descriptor
  PQfinish(conn_);
}

bool Connection::healthy() const { return !failed_ && PQstatus(conn_) == CONNECTION_OK; }

void Connection::Fail(std::string detail) {
  failed_ = true;
  if (!send_error_) send_error_ = Unavailable(std::move(detail));
}

void Connection::Enqueue(std::string_view sql, const Params& params) {
  if (failed_) return Fail("connection already failed");
  auto found = statements_.find(std::string(sql));
  if (found == statements_.end()) {
    std::string name = "s" + std::to_string(statements_.size());
    std::string text(sql);
    if (PQsendPrepare(conn_, name.c_str(), text.c_str(), 0, nullptr) != 1) {
      return Fail(std::string("prepare not sent: ") + PQerrorMessage(conn_));
    }
    sent_.push_back({text});
    found = statements_.emplace(std::move(text), std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  if (PQsendQueryPrepared(conn_, found->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr,
                          nullptr, 0) != 1) {
    return Fail(std::string("query not sent: ") + PQerrorMessage(conn_));
  }
  sent_.push_back({});
}

asio::awaitable<Result<Rows>> Connection::Execute(std::string_view sql, Params params) {
  Enqueue(sql, params);
  if (!failed_ && PQsendFlushRequest(conn_) != 1) Fail("flush request not sent");
  if (auto flushed = co_await Flush(); !flushed) co_return flushed.error();
  co_return co_await Drain();
}

asio::awaitable<Status> Connection::SyncAll() {
  if (!failed_ && PQpipelineSync(conn_) != 1) Fail("sync not sent");
  if (auto flushed = co_await Flush(); !flushed) co_return flushed.error();
  auto drained = co_await Drain();
  if (failed_) co_return send_error_ ? *send_error_ : Unavailable("connection lost");
  if (auto ready = co_await WaitUntilReady(); !ready) co_return ready.error();
  PGresult* sync = PQgetResult(conn_);
  const bool synced = sync && PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
  PQclear(sync);
  if (!synced) {
    failed_ = true;
    co_return Unavailable("pipeline out of step");
  }
  if (!drained) co_return drained.error();
  co_return Status{};
}

asio::awaitable<Status> Connection::Flush() {
  while (!failed_) {
    const int pending = PQflush(conn_);
    if (pending == 0) co_return Status{};
    if (pending < 0) break;
    auto [ec] = co_await socket_.async_wait(asio::posix::stream_descriptor::wait_write, kNoThrow);
    if (ec) break;
  }
  Fail("flush failed");
  co_return *send_error_;
}

asio::awaitable<Status> Connection::WaitUntilReady() {
  while (PQisBusy(conn_)) {
    auto [ec] = co_await socket_.async_wait(asio::posix::stream_descriptor::wait_read, kNoThrow);
    if (ec || PQconsumeInput(conn_) != 1) {
      Fail("connection lost");
      co_return *send_error_;
    }
  }
  co_return Status{};
}

asio::awaitable<Result<Rows>> Connection::Drain() {
  Rows last;
  if (failed_) co_return send_error_ ? *send_error_ : Unavailable("connection lost");
  std::optional<Error> error = std::exchange(send_error_, std::nullopt);
  while (!sent_.empty() && !failed_) {
    const Sent sent = std::move(sent_.front());
    sent_.pop_front();
    // Each command yields its result, then a null that ends it.
    if (auto ready = co_await WaitUntilReady(); !ready) co_return ready.error();
    PGresult* result = PQgetResult(conn_);
    const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok && sent.prepared_sql) statements_.erase(*sent.prepared_sql);
    if (!ok && !error) {
      error = status == PGRES_PIPELINE_ABORTED ? Internal("pipeline aborted") : ErrorFromResult(result);
    }
    last = Rows(result);
    if (auto ready = co_await WaitUntilReady(); !ready) co_return ready.error();
    if (PGresult* end = PQgetResult(conn_)) {
      PQclear(end);
      failed_ = true;
      co_return Unavailable("pipeline out of step");
    }
  }
  if (failed_) co_return send_error_ ? *send_error_ : Unavailable("connection lost");
  if (error) co_return *error;
  co_return last;
}

}  // namespace consilium::db
