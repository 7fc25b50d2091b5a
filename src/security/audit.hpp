#pragma once
// The one place that writes audit records. A record is written inside the
// transaction of the change it describes, so no change exists without it:
// it travels with the COMMIT, and if it fails the commit fails.
#include "platform/db/transaction.hpp"
#include "security/principal.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consilium::security {

enum class Outcome { kSuccess, kDenied, kNotFound, kFailure };

struct AuditEntry {
  std::string_view action;         // e.g. "patient.update"
  Outcome outcome = Outcome::kSuccess;
  std::string_view resource_type;  // e.g. "patient"
  std::optional<std::string> resource_id;
  std::optional<std::string> patient_id;
  // Every patient a list or search returned: each one was accessed.
  std::optional<std::vector<std::string>> patient_ids;
  std::optional<boost::json::value> before;
  std::optional<boost::json::value> after;
  std::optional<boost::json::value> detail;
};

void Record(db::Tx& tx, const RequestContext& context, const AuditEntry& entry);

// For a refused request: its own transaction, as nothing else happens.
boost::asio::awaitable<Status> RecordDenied(const RequestContext& context, std::string_view action);
// For an allowed request that failed (its own changes rolled back): what was
// tried, on which ids, and how it ended.
boost::asio::awaitable<Status> RecordFailed(const RequestContext& context, std::string_view action,
                                            const Error& error);

}  // namespace consilium::security
