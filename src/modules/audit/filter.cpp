#include "modules/audit/audit.hpp"
#include "platform/crypto/encoding.hpp"
#include "platform/crypto/random.hpp"
#include "platform/json/fields.hpp"

#include <algorithm>
#include <charconv>

namespace consilium::audit {
namespace {

constexpr std::string_view kCursorPrefix = "audit:";
constexpr std::size_t kMaxNameChars = 64;

bool IsActionName(std::string_view text) {
  if (text.empty() || text.size() > kMaxNameChars || text.front() == '.') return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_' || c == '.'; });
}

constexpr std::string_view kOutcomes[] = {"success", "denied", "not_found", "failure"};

Result<std::string> Id(std::string_view value, std::string_view name) {
  if (!crypto::IsCanonicalUuid(value)) return InvalidArgument("'" + std::string(name) + "' must be an id");
  return std::string(value);
}

Result<std::string> Time(std::string_view value, std::string_view name) {
  if (!json::Rfc3339ToUnixSeconds(value)) {
    return InvalidArgument("'" + std::string(name) + "' must be an RFC 3339 date-time, e.g. 2026-11-25T08:00:00Z");
  }
  return std::string(value);
}

Status Set(Filter& filter, const std::string& key, const std::string& value) {
  auto assign = [](std::optional<std::string>& field, Result<std::string> parsed) -> Status {
    if (!parsed) return parsed.error();
    field = std::move(*parsed);
    return {};
  };
  if (key == "patient_id") return assign(filter.patient_id, Id(value, key));
  if (key == "actor_id") return assign(filter.actor_id, Id(value, key));
  if (key == "resource_id") return assign(filter.resource_id, Id(value, key));
  if (key == "from") return assign(filter.from, Time(value, key));
  if (key == "to") return assign(filter.to, Time(value, key));
  if (key == "action") {
    if (!IsActionName(value)) return InvalidArgument("'action' must be an action name such as patient.read, or a prefix such as patient.");
    filter.action = value;
    return {};
  }
  if (key == "resource_type") {
    if (!IsActionName(value) || value.find('.') != std::string::npos) {
      return InvalidArgument("'resource_type' must be a resource type such as patient");
    }
    filter.resource_type = value;
    return {};
  }
  if (key == "outcome") {
    if (std::find(std::begin(kOutcomes), std::end(kOutcomes), value) == std::end(kOutcomes)) {
      return InvalidArgument("'outcome' must be success, denied, not_found or failure");
    }
    filter.outcome = value;
    return {};
  }
  return InvalidArgument("unknown query parameter '" + key.substr(0, kMaxNameChars) + "'");
}

std::optional<std::int64_t> ToInt64(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

Result<Filter> ParseFilter(const http::Fields& query, std::initializer_list<std::string_view> also_allowed) {
  Filter filter;
  for (const auto& [key, value] : query) {
    if (std::find(also_allowed.begin(), also_allowed.end(), key) != also_allowed.end()) continue;
    if (auto set = Set(filter, key, value); !set) return set.error();
  }
  return filter;
}

std::string EncodeCursor(const Position& position) {
  return crypto::Base64UrlEncode(std::string(kCursorPrefix) + std::to_string(position.occurred_us) + ":" +
                                 std::to_string(position.id));
}

Result<Position> DecodeCursor(std::string_view cursor) {
  const Error refused = InvalidArgument("'cursor' is not a cursor from this API");
  auto decoded = crypto::Base64UrlDecode(cursor);
  if (!decoded || !decoded->starts_with(kCursorPrefix)) return refused;
  const std::string_view rest = std::string_view(*decoded).substr(kCursorPrefix.size());
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) return refused;
  const auto occurred = ToInt64(rest.substr(0, colon));
  const auto id = ToInt64(rest.substr(colon + 1));
  if (!occurred || !id) return refused;
  return Position{*occurred, *id};
}

boost::json::object FilterJson(const Filter& filter) {
  boost::json::object out;
  const std::pair<std::string_view, const std::optional<std::string>*> fields[] = {
      {"patient_id", &filter.patient_id}, {"actor_id", &filter.actor_id},
      {"action", &filter.action},         {"resource_type", &filter.resource_type},
      {"resource_id", &filter.resource_id}, {"outcome", &filter.outcome},
      {"from", &filter.from},             {"to", &filter.to}};
  for (const auto& [name, value] : fields) {
    if (*value) out[name] = **value;
  }
  return out;
}

}  // namespace consilium::audit
