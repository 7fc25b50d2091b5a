#include "platform/db/connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstdlib>

namespace consilium::db {
namespace {

namespace asio = boost::asio;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

std::vector<const char*> Values(const Params& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  return values;
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
  if (code == "23505") return MakeError(ErrorCode::kConflict, "a record with the same identifier already exists", detail);
  if (code == "40001" || code == "40P01") return MakeError(ErrorCode::kUnavailable, "please retry", detail);
  return Internal(detail);
}

Result<std::unique_ptr<Connection>> Connection::Open(asio::io_context& io, const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    return MakeError(ErrorCode::kUnavailable, "database unavailable", "connect failed: " + message);
  }
  if (PQsetnonblocking(conn, 1) != 0) {
    PQfinish(conn);
    return MakeError(ErrorCode::kUnavailable, "database unavailable", "cannot set non-blocking mode");
  }
  return std::unique_ptr<Connection>(new Connection(io, conn));
}

Connection::Connection(asio::io_context& io, PGconn* conn) : conn_(conn), socket_(io, PQsocket(conn)) {}

Connection::~Connection() {
  socket_.release();  // libpq owns the descriptor
  PQfinish(conn_);
}

bool Connection::healthy() const { return !failed_ && PQstatus(conn_) == CONNECTION_OK; }

asio::awaitable<Result<Rows>> Connection::Execute(std::string_view sql, Params params) {
  auto found = statements_.find(std::string(sql));
  if (found == statements_.end()) {
    std::string name = "s" + std::to_string(statements_.size());
    const std::string text(sql);
    auto prepared = co_await Send(PQsendPrepare(conn_, name.c_str(), text.c_str(), 0, nullptr) == 1, "prepare");
    if (!prepared) co_return prepared.error();
    found = statements_.emplace(text, std::move(name)).first;
  }
  const auto values = Values(params);
  co_return co_await Send(PQsendQueryPrepared(conn_, found->second.c_str(), static_cast<int>(values.size()),
                                              values.data(), nullptr, nullptr, 0) == 1,
                          "query");
}

asio::awaitable<Result<Rows>> Connection::Send(bool sent, std::string_view what) {
  if (!sent) {
    failed_ = true;
    co_return MakeError(ErrorCode::kUnavailable, "database unavailable", std::string(what) + " not sent: " + PQerrorMessage(conn_));
  }
  if (auto flushed = co_await Flush(); !flushed) co_return flushed.error();
  co_return co_await Collect();
}

asio::awaitable<Status> Connection::Flush() {
  for (;;) {
    const int pending = PQflush(conn_);
    if (pending == 0) co_return Status{};
    if (pending < 0) break;
    auto [ec] = co_await socket_.async_wait(asio::posix::stream_descriptor::wait_write, kNoThrow);
    if (ec) break;
  }
  failed_ = true;
  co_return MakeError(ErrorCode::kUnavailable, "database unavailable", "flush failed");
}

asio::awaitable<Result<Rows>> Connection::Collect() {
  Rows last;
  std::optional<Error> error;
  for (;;) {
    while (PQisBusy(conn_)) {
      auto [ec] = co_await socket_.async_wait(asio::posix::stream_descriptor::wait_read, kNoThrow);
      if (ec || PQconsumeInput(conn_) != 1) {
        failed_ = true;
        co_return MakeError(ErrorCode::kUnavailable, "database unavailable", "connection lost");
      }
    }
    PGresult* result = PQgetResult(conn_);
    if (!result) break;
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && !error) error = ErrorFromResult(result);
    last = Rows(result);
  }
  if (PQstatus(conn_) != CONNECTION_OK) failed_ = true;
  if (error) co_return *error;
  co_return last;
}

}  // namespace consilium::db
