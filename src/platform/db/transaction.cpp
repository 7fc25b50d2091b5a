#include "platform/db/transaction.hpp"

#include "platform/db/connection.hpp"
#include "platform/db/pool.hpp"

namespace consilium::db {
namespace {

namespace asio = boost::asio;

// Ends a failed transaction: reads what is outstanding, then rolls back.
// (Results are named, not discarded: GCC 12 frees discarded temporaries of
// a co_await twice.)
asio::awaitable<void> Abort(Connection& connection) {
  const Status outstanding = co_await connection.Sync();  // its error is already reported
  connection.Enqueue("ROLLBACK", {});
  const Status rolled_back = co_await connection.Sync();
  if (!outstanding || !rolled_back) connection.Poison();
}

// BEGIN and the scope travel with the body's first query, and COMMIT with
// whatever the body deferred: a read with its audit record is two round trips.
asio::awaitable<Status> Run(const std::string_view set_sql, const Params set_params, const bool require_session,
                            const TxBody body) {
  Pool* pool = Pool::Current();
  if (!pool) co_return Internal("no database pool on this thread");
  auto lease = co_await pool->Acquire();
  if (!lease) co_return lease.error();
  Connection& connection = **lease;
  connection.Enqueue("BEGIN", {});
  connection.Enqueue(set_sql, set_params);
  // Checked in the same pipeline: no extra round trip, and the body's first
  // query fails with the session's error if it has ended.
  if (require_session) connection.Enqueue("SELECT app_require_session()", {});
  Tx tx(connection);
  Status status;
  try {
    status = co_await body(tx);
  } catch (...) {
    connection.Poison();  // its transaction state is unknown: never reuse it
    throw;
  }
  if (status) {
    connection.Enqueue("COMMIT", {});
    status = co_await connection.Sync();
  }
  if (!status) co_await Abort(connection);
  co_return status;
}

}  // namespace

asio::awaitable<Result<Rows>> Tx::QueryParams(std::string_view sql, Params params) {
  return connection_.Query(sql, std::move(params));
}

void Tx::DeferParams(std::string_view sql, const Params& params) { connection_.Enqueue(sql, params); }

constexpr std::string_view kSetClinicScope =
    "SELECT set_config('app.clinic_id', $1, true), set_config('app.user_id', $2, true), "
    "set_config('app.session_id', $3, true), set_config('app.scope', 'clinic', true)";
constexpr std::string_view kSetSignInScope =
    "SELECT set_config('app.scope', 'sign_in', true), set_config('app.user_id', $1, true)";

asio::awaitable<Status> InClinic(const TenantScope& scope, TxBody body) {
  return Run(kSetClinicScope, {scope.clinic_id, scope.user_id, scope.session_id}, !scope.session_id.empty(),
             std::move(body));
}

asio::awaitable<Status> InSignIn(TxBody body) { return InSignIn("", std::move(body)); }

asio::awaitable<Status> InSignIn(const std::string& user_id, TxBody body) {
  return Run(kSetSignInScope, {user_id}, false, std::move(body));
}

asio::awaitable<Status> InAuditSealer(TxBody body) {
  return Run("SELECT set_config('app.scope', 'audit_sealer', true)", {}, false, std::move(body));
}

asio::awaitable<Status> InKeyJob(TxBody body) {
  return Run("SELECT set_config('app.scope', 'key_job', true)", {}, false, std::move(body));
}

asio::awaitable<bool> Ping() {
  Pool* pool = Pool::Current();
  if (!pool) co_return false;
  auto lease = co_await pool->Acquire();
  if (!lease) co_return false;
  auto rows = co_await (*lease)->Query("SELECT 1", {});
  const Status synced = co_await (*lease)->Sync();
  co_return rows.has_value() && synced.has_value();
}

}  // namespace consilium::db
