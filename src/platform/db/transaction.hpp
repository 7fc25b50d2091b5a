#pragma once
// The only way request handling reaches the database: a transaction that
// sets the acting clinic and user (set_config(..., true), so they end with
// the transaction) before its first query. Row-level security reads them.
#include "platform/db/rows.hpp"
#include "platform/error/error.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <typeindex>

namespace consilium::db {

class Connection;

struct TenantScope {
  std::string clinic_id;
  std::string user_id;     // empty for an operator at the command line
  std::string session_id;  // when set, the transaction fails (401) unless the session is active
};

class Tx {
 public:
  explicit Tx(Connection& connection) : connection_(connection) {}

  // tx.Query(sql, a, b, ...) binds a, b, ... as $1, $2, ... (strings or
  // std::optional<std::string> for NULL). The parameters are gathered here,
  // outside any coroutine: GCC 12 cannot keep a braced initializer list
  // alive across a co_await.
  template <class... Args>
  boost::asio::awaitable<Result<Rows>> Query(std::string_view sql, Args&&... args) {
    return QueryParams(sql, Params{Param(std::forward<Args>(args))...});
  }

  // For SQL assembled from fixed fragments whose number of parameters
  // depends on the request (optional filters): one plan per combination.
  boost::asio::awaitable<Result<Rows>> QueryList(std::string_view sql, Params params) {
    return QueryParams(sql, std::move(params));
  }

  // A write whose outcome is only needed at commit (an audit record): sent
  // at once, without waiting; if it fails, the commit fails.
  template <class... Args>
  void Defer(std::string_view sql, Args&&... args) {
    DeferParams(sql, Params{Param(std::forward<Args>(args))...});
  }

  // What a module keeps for this transaction's life only, one of each type (e.g. the keys it has read, so
  // that each repository call of a request does not look them up again). Made empty on first use.
  template <class T>
  T& Local() {
    auto& slot = locals_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_shared<T>();
    return *static_cast<T*>(slot.get());
  }

 private:
  boost::asio::awaitable<Result<Rows>> QueryParams(std::string_view sql, Params params);
  void DeferParams(std::string_view sql, const Params& params);

  Connection& connection_;
  std::map<std::type_index, std::shared_ptr<void>> locals_;
};

using TxBody = std::function<boost::asio::awaitable<Status>(Tx&)>;

// Commits when the body succeeds, rolls back when it returns an error or throws.
boost::asio::awaitable<Status> InClinic(const TenantScope& scope, TxBody body);

// For the sign-in path only: no clinic is known yet; row-level security lets
// it read identities and, once the person is known (user_id), their
// memberships, nothing else.
boost::asio::awaitable<Status> InSignIn(TxBody body);
boost::asio::awaitable<Status> InSignIn(const std::string& user_id, TxBody body);

// For the audit sealer and `consilium audit verify` only: reads every
// clinic's audit records and seals, and appends seals; changes nothing else.
boost::asio::awaitable<Status> InAuditSealer(TxBody body);

// For the key re-wrapping job only: lists the clinics, whose keys it then re-wraps each in its own
// clinic's scope.
boost::asio::awaitable<Status> InKeyJob(TxBody body);

// Readiness: can this thread's pool run a query?
boost::asio::awaitable<bool> Ping();

}  // namespace consilium::db
