#include "platform/db/blocking.hpp"

#include "platform/db/connection.hpp"

#include <vector>

namespace consilium::db {

Result<BlockingConnection> BlockingConnection::Open(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    return MakeError(ErrorCode::kUnavailable, "database unavailable", "connect failed: " + message);
  }
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // "already exists, skipping" and the like
  return BlockingConnection(conn);
}

Result<Rows> BlockingConnection::Exec(const std::string& sql, const Params& params) {
  PGresult* result;
  if (params.empty()) {
    result = PQexec(conn_.get(), sql.c_str());
  } else {
    std::vector<const char*> values;
    for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
    result = PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                          nullptr, 0);
  }
  const auto status = PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    Error error = ErrorFromResult(result);
    // Start-up statements carry no patient data, so the server's text helps the operator.
    error.log_detail += std::string(": ") + PQresultErrorMessage(result);
    PQclear(result);
    return error;
  }
  return Rows(result);
}

std::string ConninfoValue(std::string_view value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

}  // namespace consilium::db
