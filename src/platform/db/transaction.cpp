#include "platform/db/transaction.hpp"

#include "platform/db/connection.hpp"
#include "platform/db/pool.hpp"

namespace consilium::db {
namespace {

namespace asio = boost::asio;

asio::awaitable<Status> Run(const std::string_view set_sql, const Params set_params, const TxBody body) {
  Pool* pool = Pool::Current();
  if (!pool) co_return Internal("no database pool on this thread");
  auto lease = co_await pool->Acquire();
  if (!lease) co_return lease.error();
  Connection& connection = **lease;
  if (auto begun = co_await connection.Query("BEGIN", {}); !begun) co_return begun.error();
  if (auto set = co_await connection.Query(set_sql, set_params); !set) {
    co_await connection.Query("ROLLBACK", {});
    co_return set.error();
  }
  Tx tx(connection);
  Status status;
  try {
    status = co_await body(tx);
  } catch (...) {
    connection.Poison();  // its transaction state is unknown: never reuse it
    throw;
  }
  if (!status) {
    co_await connection.Query("ROLLBACK", {});
    co_return status;
  }
  auto committed = co_await connection.Query("COMMIT", {});
  if (!committed) co_return committed.error();
  co_return Status{};
}

}  // namespace

asio::awaitable<Result<Rows>> Tx::QueryParams(std::string_view sql, Params params) {
  return connection_.Query(sql, std::move(params));
}

constexpr std::string_view kSetClinicScope =
    "SELECT set_config('app.clinic_id', $1, true), set_config('app.user_id', $2, true), "
    "set_config('app.scope', 'clinic', true)";
constexpr std::string_view kSetSignInScope = "SELECT set_config('app.scope', 'sign_in', true)";

asio::awaitable<Status> InClinic(const TenantScope& scope, TxBody body) {
  return Run(kSetClinicScope, {scope.clinic_id, scope.user_id}, std::move(body));
}

asio::awaitable<Status> InSignIn(TxBody body) { return Run(kSetSignInScope, {}, std::move(body)); }

asio::awaitable<bool> Ping() {
  Pool* pool = Pool::Current();
  if (!pool) co_return false;
  auto lease = co_await pool->Acquire();
  if (!lease) co_return false;
  auto rows = co_await (*lease)->Query("SELECT 1", {});
  co_return rows.has_value();
}

}  // namespace consilium::db
