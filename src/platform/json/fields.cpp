#include "platform/json/fields.hpp"

#include "platform/crypto/random.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <chrono>
#include <regex>

namespace consilium::json {
namespace {

constexpr std::size_t kMaxDepth = 16;

std::string Quoted(std::string_view key) { return "'" + std::string(key) + "'"; }

}  // namespace

Result<boost::json::object> ParseObject(std::string_view body) {
  boost::json::parse_options options;
  options.max_depth = kMaxDepth;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec) return InvalidArgument("request body is not well-formed JSON");
  if (!value.is_object()) return InvalidArgument("request body must be a JSON object");
  return std::move(value.as_object());
}

Status CheckKnownFields(const boost::json::object& object, std::initializer_list<std::string_view> known) {
  for (const auto& field : object) {
    if (std::find(known.begin(), known.end(), field.key()) == known.end()) {
      std::string name(field.key().substr(0, 64));
      return InvalidArgument("unknown field " + Quoted(name));
    }
  }
  return {};
}

std::size_t CountChars(std::string_view utf8) {
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

Result<std::optional<std::string>> OptionalText(const boost::json::object& object, std::string_view key,
                                                TextLimits limits) {
  const auto* value = object.if_contains(key);
  if (!value) return std::optional<std::string>{};
  if (!value->is_string()) return InvalidArgument(Quoted(key) + " must be a string");
  std::string_view text = value->as_string();
  if (std::any_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return InvalidArgument(Quoted(key) + " must not contain control characters");
  }
  const std::size_t chars = CountChars(text);
  if (chars < limits.min_chars || chars > limits.max_chars) {
    return InvalidArgument(Quoted(key) + " must be " + std::to_string(limits.min_chars) + " to " +
                           std::to_string(limits.max_chars) + " characters");
  }
  return std::optional<std::string>(std::string(text));
}

Result<std::string> RequiredText(const boost::json::object& object, std::string_view key, TextLimits limits) {
  auto text = OptionalText(object, key, limits);
  if (!text) return text.error();
  if (!*text) return InvalidArgument(Quoted(key) + " is required");
  return std::move(**text);
}

Result<std::optional<bool>> OptionalBool(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value) return std::optional<bool>{};
  if (!value->is_bool()) return InvalidArgument(Quoted(key) + " must be true or false");
  return std::optional<bool>(value->as_bool());
}

Result<std::optional<std::int64_t>> OptionalInteger(const boost::json::object& object, std::string_view key,
                                                    std::int64_t min, std::int64_t max) {
  const auto* value = object.if_contains(key);
  if (!value) return std::optional<std::int64_t>{};
  const bool in_range = (value->is_int64() && value->as_int64() >= min && value->as_int64() <= max) ||
                        (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(max) &&
                         static_cast<std::int64_t>(value->as_uint64()) >= min);
  if (!in_range) {
    return InvalidArgument(Quoted(key) + " must be a whole number from " + std::to_string(min) + " to " +
                           std::to_string(max));
  }
  return std::optional<std::int64_t>(value->is_int64() ? value->as_int64()
                                                       : static_cast<std::int64_t>(value->as_uint64()));
}

bool IsIsoDate(std::string_view text) {
  static const std::regex kPattern(R"(^(\d{4})-(\d{2})-(\d{2})$)");
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_match(text.begin(), text.end(), match, kPattern)) return false;
  const auto number = [&](int group) { return std::stoi(match[group].str()); };
  const std::chrono::year_month_day date{std::chrono::year{number(1)},
                                         std::chrono::month{static_cast<unsigned>(number(2))},
                                         std::chrono::day{static_cast<unsigned>(number(3))}};
  return date.ok() && number(1) >= 1900;
}

std::optional<std::int64_t> Rfc3339ToUnixSeconds(std::string_view text) {
  static const std::regex kPattern(
      R"(^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,6})?(Z|([+-])([01]\d|2[0-3]):([0-5]\d))$)");
  std::match_results<std::string_view::const_iterator> match;
  if (text.size() > 40 || !std::regex_match(text.begin(), text.end(), match, kPattern)) return std::nullopt;
  const auto number = [&](int group) { return std::stoi(match[group].str()); };
  using namespace std::chrono;
  const year_month_day date{year{number(1)}, month{static_cast<unsigned>(number(2))},
                            day{static_cast<unsigned>(number(3))}};
  if (!date.ok() || number(1) < 1900) return std::nullopt;
  std::int64_t seconds = sys_days{date}.time_since_epoch().count() * 86400LL + number(4) * 3600LL +
                         number(5) * 60LL + number(6);
  if (match[8] != "Z") {
    const std::int64_t offset = number(10) * 3600LL + number(11) * 60LL;
    seconds += match[9] == "+" ? -offset : offset;
  }
  return seconds;
}

Result<std::optional<std::string>> OptionalTimestamp(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value) return std::optional<std::string>{};
  if (!value->is_string() || !Rfc3339ToUnixSeconds(value->as_string())) {
    return InvalidArgument(Quoted(key) + " must be a date and time with its zone, e.g. 2026-12-01T08:30:00Z");
  }
  return std::optional<std::string>(std::string(value->as_string()));
}

Result<std::string> ParseId(std::string_view text, std::string_view what) {
  if (!crypto::IsCanonicalUuid(text)) return InvalidArgument(std::string(what) + " must be a UUID");
  std::string id(text);
  std::transform(id.begin(), id.end(), id.begin(), [](unsigned char c) { return std::tolower(c); });
  return id;
}

std::string StringOr(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || !value->is_string()) return {};
  return std::string(value->as_string());
}

}  // namespace consilium::json
