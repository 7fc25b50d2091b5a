#pragma once
// Blocking libpq for start-up work only (bootstrap, migrations), never on an
// I/O thread while serving.
#include "platform/db/rows.hpp"
#include "platform/error/error.hpp"

#include <memory>
#include <string>

namespace consilium::db {

class BlockingConnection {
 public:
  static Result<BlockingConnection> Open(const std::string& conninfo);
  // Runs one statement with parameters, or a script of several without.
  Result<Rows> Exec(const std::string& sql, const Params& params = {});

 private:
  explicit BlockingConnection(PGconn* conn) : conn_(conn, &PQfinish) {}
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn_;
};

// Quotes a value for a libpq keyword=value connection string.
std::string ConninfoValue(std::string_view value);

}  // namespace consilium::db
