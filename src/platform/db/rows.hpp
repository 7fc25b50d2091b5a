#pragma once
// Query results and parameters. Everything travels in libpq's text format.
#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consilium::db {

using Param = std::optional<std::string>;  // std::nullopt is SQL NULL
using Params = std::vector<Param>;

class Rows {
 public:
  Rows() = default;
  explicit Rows(PGresult* result) : result_(result, &PQclear) {}

  int size() const { return result_ ? PQntuples(result_.get()) : 0; }
  bool empty() const { return size() == 0; }
  std::string_view Get(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column), static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
  }
  std::string Text(int row, int column) const { return std::string(Get(row, column)); }
  bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  // Rows changed by INSERT/UPDATE/DELETE.
  long Affected() const;

 private:
  std::shared_ptr<PGresult> result_;
};

}  // namespace consilium::db
