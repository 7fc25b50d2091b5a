// Reading the trail: the SQL is assembled from fixed fragments, one per
// filter given, so that each combination gets its own plan (the table is the
// largest in the database); every value is a bound parameter.
#include "modules/audit/audit.hpp"
#include "platform/json/fields.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <set>

namespace consilium::audit {
namespace {

constexpr std::string_view kSelect =
    "SELECT e.id, (extract(epoch FROM e.occurred_at) * 1000000)::bigint, "
    "to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), e.actor_user_id, "
    "COALESCE(u.display_name, ''), e.clinic_role::text, e.meeting_role::text, e.action, e.outcome, "
    "e.resource_type, e.resource_id, "
    "e.patient_id, array_to_json(e.patient_ids)::text, e.before::text, e.after::text, e.detail::text, host(e.ip), "
    "e.user_agent, e.request_id "
    "FROM audit_events e LEFT JOIN users u ON u.id = e.actor_user_id WHERE e.clinic_id = $1";

enum Column {
  kId, kOccurredUs, kOccurredAt, kActorId, kActorName, kClinicRole, kMeetingRole, kAction, kOutcome, kResourceType,
  kResourceId, kPatientId, kPatientIds, kBefore, kAfter, kDetail, kIp, kUserAgent, kRequestId
};

class Sql {
 public:
  explicit Sql(std::string clinic_id) : text_(kSelect) { params_.emplace_back(std::move(clinic_id)); }

  // Appends `fragment` with each '?' replaced by the next parameter's number.
  void Where(std::string_view fragment, std::initializer_list<std::string> values) {
    text_ += " AND ";
    auto value = values.begin();
    for (char c : fragment) {
      if (c != '?') {
        text_ += c;
        continue;
      }
      params_.emplace_back(*value++);
      text_ += "$" + std::to_string(params_.size());
    }
  }
  void Tail(std::string_view sql, const std::string& value) {
    params_.emplace_back(value);
    text_ += std::string(sql) + "$" + std::to_string(params_.size());
  }
  const std::string& text() const { return text_; }
  db::Params& params() { return params_; }

 private:
  std::string text_;
  db::Params params_;
};

void AddFilter(Sql& sql, const Filter& filter) {
  if (filter.patient_id) {
    sql.Where("(e.patient_id = ?::uuid OR e.patient_ids @> ARRAY[?::uuid])", {*filter.patient_id, *filter.patient_id});
  }
  if (filter.actor_id) sql.Where("e.actor_user_id = ?::uuid", {*filter.actor_id});
  if (filter.action && filter.action->ends_with('.')) {
    sql.Where("starts_with(e.action, ?)", {*filter.action});
  } else if (filter.action) {
    sql.Where("e.action = ?", {*filter.action});
  }
  if (filter.resource_type) sql.Where("e.resource_type = ?", {*filter.resource_type});
  if (filter.resource_id) sql.Where("e.resource_id = ?::uuid", {*filter.resource_id});
  if (filter.outcome) sql.Where("e.outcome = ?", {*filter.outcome});
  if (filter.from) sql.Where("e.occurred_at >= ?::timestamptz", {*filter.from});
  if (filter.to) sql.Where("e.occurred_at < ?::timestamptz", {*filter.to});
  if (filter.snapshot) sql.Where("e.occurred_at < ?::timestamptz", {*filter.snapshot});
}

void AddPosition(Sql& sql, const PageRequest& request) {
  if (request.after) {
    const std::string comparison = request.order == Order::kNewestFirst ? "<" : ">";
    sql.Where("(e.occurred_at, e.id) " + comparison +
                  " ('epoch'::timestamptz + ?::bigint * interval '1 microsecond', ?::bigint)",
              {std::to_string(request.after->occurred_us), std::to_string(request.after->id)});
  }
  sql.Tail(request.order == Order::kNewestFirst ? " ORDER BY e.occurred_at DESC, e.id DESC LIMIT "
                                                : " ORDER BY e.occurred_at, e.id LIMIT ",
           std::to_string(request.limit + 1));
}

boost::json::value Text(const db::Rows& rows, int row, int column) {
  if (rows.IsNull(row, column)) return nullptr;
  return boost::json::string(rows.Get(row, column));
}

boost::json::value Json(const db::Rows& rows, int row, int column) {
  if (rows.IsNull(row, column)) return nullptr;
  boost::system::error_code error;
  auto value = boost::json::parse(rows.Get(row, column), error);
  if (error) return nullptr;
  return value;
}

boost::json::array ChangedFields(const boost::json::value& before, const boost::json::value& after) {
  std::set<std::string> names;
  for (const auto* side : {&before, &after}) {
    if (!side->is_object()) continue;
    for (const auto& field : side->as_object()) names.emplace(field.key());
  }
  boost::json::array out;
  for (const auto& name : names) out.emplace_back(name);
  return out;
}

boost::json::object EventJson(const db::Rows& rows, int row, bool withhold_values) {
  boost::json::value actor = nullptr;
  if (!rows.IsNull(row, kActorId)) {
    actor = boost::json::object{{"id", rows.Text(row, kActorId)}, {"name", rows.Text(row, kActorName)}};
  }
  boost::json::value before = Json(rows, row, kBefore);
  boost::json::value after = Json(rows, row, kAfter);
  boost::json::array changed = ChangedFields(before, after);
  if (withhold_values) before = after = nullptr;
  return {{"id", rows.Text(row, kId)},
          {"occurred_at", rows.Text(row, kOccurredAt)},
          {"actor", std::move(actor)},
          {"clinic_role", Text(rows, row, kClinicRole)},
          {"meeting_role", Text(rows, row, kMeetingRole)},
          {"action", rows.Text(row, kAction)},
          {"outcome", rows.Text(row, kOutcome)},
          {"resource_type", rows.Text(row, kResourceType)},
          {"resource_id", Text(rows, row, kResourceId)},
          {"patient_id", Text(rows, row, kPatientId)},
          {"patient_ids", Json(rows, row, kPatientIds)},
          {"changed_fields", std::move(changed)},
          {"before", std::move(before)},
          {"after", std::move(after)},
          {"values_withheld", withhold_values},
          {"detail", Json(rows, row, kDetail)},
          {"ip", Text(rows, row, kIp)},
          {"user_agent", Text(rows, row, kUserAgent)},
          {"request_id", Text(rows, row, kRequestId)}};
}

}  // namespace

awaitable<Result<Page>> ReadPage(db::Tx& tx, const RequestContext& context, const PageRequest& request) {
  Sql sql(context.principal->clinic_id);
  AddFilter(sql, request.filter);
  AddPosition(sql, request);
  auto rows = co_await tx.QueryList(sql.text(), std::move(sql.params()));
  if (!rows) co_return rows.error();
  // Before/after can hold clinical content: only those who may read patients see it.
  const bool withhold = !security::IsAllowed(context.principal->role, security::Action::kPatientRead);
  Page page;
  const int count = std::min(rows->size(), request.limit);
  page.events.reserve(static_cast<std::size_t>(count));
  for (int row = 0; row < count; ++row) page.events.push_back(EventJson(*rows, row, withhold));
  if (rows->size() > request.limit) {
    page.next = Position{std::stoll(rows->Text(count - 1, kOccurredUs)), std::stoll(rows->Text(count - 1, kId))};
  }
  co_return page;
}

}  // namespace consilium::audit
