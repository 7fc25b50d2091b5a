#pragma once
// The audit trail's review and export (docs/audit.md). Records are written
// only by security::Record; this module reads them, for owners and admins.
#include "platform/db/transaction.hpp"
#include "platform/http/message.hpp"
#include "security/endpoints.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace consilium::audit {

using boost::asio::awaitable;
using security::RequestContext;

// What the reviewer asked for; every field optional.
struct Filter {
  std::optional<std::string> patient_id;  // also matches lists that returned the patient
  std::optional<std::string> actor_id;
  std::optional<std::string> action;  // exact, or a prefix ending in '.'
  std::optional<std::string> resource_type;
  std::optional<std::string> resource_id;
  std::optional<std::string> outcome;
  std::optional<std::string> from;  // RFC 3339, inclusive
  std::optional<std::string> to;    // RFC 3339, exclusive
  // Not a reviewer's filter: an export's start, after which nothing is
  // read (not even the export's own record), whatever `to` says.
  std::optional<std::string> snapshot;
};

// A place in the trail: the keyset (time in microseconds since 1970, id).
struct Position {
  std::int64_t occurred_us = 0;
  std::int64_t id = 0;
};

enum class Order { kNewestFirst, kOldestFirst };

struct PageRequest {
  Filter filter;
  std::optional<Position> after;  // continue past this record
  int limit = 50;
  Order order = Order::kNewestFirst;
};

struct Page {
  std::vector<boost::json::object> events;  // AuditEvent, as in docs/openapi.yaml
  std::optional<Position> next;             // set when more may follow
};

constexpr int kMaxPageSize = 200;

// Parses the filter parameters; any other parameter is refused unless it
// is in `also_allowed` (the caller reads those itself).
Result<Filter> ParseFilter(const http::Fields& query, std::initializer_list<std::string_view> also_allowed);
std::string EncodeCursor(const Position& position);
Result<Position> DecodeCursor(std::string_view cursor);

// One page of the clinic's records. Before/after values are withheld from
// readers whose role has no access to clinical content (admins).
awaitable<Result<Page>> ReadPage(db::Tx& tx, const RequestContext& context, const PageRequest& request);

// The filter as recorded in the audit record of a review or an export.
boost::json::object FilterJson(const Filter& filter);

void RegisterRoutes(security::Endpoints& endpoints);

}  // namespace consilium::audit
