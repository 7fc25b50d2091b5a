// The review: the trail newest first with filters, and "who accessed this
// patient". Reading the trail is itself recorded, in the same transaction.
#include "modules/audit/audit.hpp"
#include "modules/audit/export.hpp"
#include "modules/patients/patients.hpp"
#include "platform/json/fields.hpp"
#include "security/audit.hpp"

#include <boost/json/parse.hpp>

#include <charconv>

namespace consilium::audit {
namespace {

constexpr int kDefaultPageSize = 50;
constexpr std::string_view kAccessesSelect =
    "SELECT e.actor_user_id, COALESCE(u.display_name, ''), "
    "(array_agg(e.clinic_role::text ORDER BY e.occurred_at DESC))[1], "
    "to_char(min(e.occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
    "to_char(max(e.occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), count(*), "
    "array_to_json(array_agg(DISTINCT e.action ORDER BY e.action))::text "
    "FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id "
    "WHERE e.clinic_id = $1 AND (e.patient_id = $2::uuid OR e.patient_ids @> ARRAY[$2::uuid]) "
    "AND e.actor_user_id IS NOT NULL AND e.outcome = 'success' "
    "GROUP BY e.actor_user_id, COALESCE(u.display_name, '') ORDER BY max(e.occurred_at) DESC LIMIT 1000";

Result<PageRequest> ParsePageRequest(const http::Fields& query) {
  auto filter = ParseFilter(query, {"cursor", "limit"});
  if (!filter) return filter.error();
  PageRequest request{.filter = std::move(*filter), .limit = kDefaultPageSize};
  for (const auto& [key, value] : query) {
    if (key == "cursor") {
      auto position = DecodeCursor(value);
      if (!position) return position.error();
      request.after = *position;
    } else if (key == "limit") {
      int limit = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), limit);
      if (error != std::errc() || end != value.data() + value.size() || limit < 1 || limit > kMaxPageSize) {
        return InvalidArgument("'limit' must be a whole number from 1 to " + std::to_string(kMaxPageSize));
      }
      request.limit = limit;
    }
  }
  return request;
}

awaitable<Result<http::Response>> ListEvents(RequestContext& context) {
  auto request = ParsePageRequest(context.request.query);
  if (!request) co_return request.error();
  Page page;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto read = co_await ReadPage(tx, context, *request);
    if (!read) co_return read.error();
    page = std::move(*read);
    const security::AuditEntry entry{
        .action = "audit.read", .resource_type = "audit_trail",
        .detail = boost::json::object{{"filter", FilterJson(request->filter)}, {"returned", page.events.size()}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  boost::json::array events;
  for (auto& event : page.events) events.emplace_back(std::move(event));
  boost::json::value next = nullptr;
  if (page.next) next = EncodeCursor(*page.next);
  co_return http::JsonResponse(200, {{"events", std::move(events)}, {"next_cursor", std::move(next)}});
}

boost::json::object AccessJson(const db::Rows& rows, int row) {
  boost::json::value role = nullptr;
  if (!rows.IsNull(row, 2)) role = rows.Text(row, 2);
  return {{"actor", boost::json::object{{"id", rows.Text(row, 0)}, {"name", rows.Text(row, 1)}}},
          {"clinic_role", std::move(role)},
          {"first_at", rows.Text(row, 3)},
          {"last_at", rows.Text(row, 4)},
          {"count", std::stoll(rows.Text(row, 5))},
          {"actions", boost::json::parse(rows.Get(row, 6))}};
}

awaitable<Result<http::Response>> PatientAccesses(RequestContext& context) {
  auto patient_id = json::ParseId(context.Param("patient_id"), "patient id");
  if (!patient_id) co_return patient_id.error();
  boost::json::array people;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> awaitable<Status> {
    auto exists = co_await patients::PatientExists(tx, context.principal->clinic_id, *patient_id);
    if (!exists) co_return exists.error();
    if (!*exists) co_return NotFound("patient not found");
    auto rows = co_await tx.Query(kAccessesSelect, context.principal->clinic_id, *patient_id);
    if (!rows) co_return rows.error();
    for (int row = 0; row < rows->size(); ++row) people.push_back(AccessJson(*rows, row));
    // The record of this review names the patient as its resource, not as
    // a patient accessed: the record itself was not opened.
    const security::AuditEntry entry{.action = "audit.read", .resource_type = "patient", .resource_id = *patient_id,
                                     .detail = boost::json::object{{"view", "accesses"}, {"returned", people.size()}}};
    security::Record(tx, context, entry);
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return http::JsonResponse(200, {{"patient_id", *patient_id}, {"people", std::move(people)}});
}

}  // namespace

void RegisterRoutes(security::Endpoints& endpoints) {
  endpoints.Add(http::Method::kGet, "/api/v1/audit/events", security::Action::kAuditRead, ListEvents);
  endpoints.Add(http::Method::kGet, "/api/v1/patients/{patient_id}/accesses", security::Action::kAuditRead,
                PatientAccesses);
  RegisterExportRoutes(endpoints);
}

}  // namespace consilium::audit
