#pragma once
// Strict reading of request bodies at the edge: an object, only known
// fields, the right types, bounded lengths. Every failure is a 400 that says
// which field and why (never echoing the value: it may be patient data).
#include "platform/error/error.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace consilium::json {

Result<boost::json::object> ParseObject(std::string_view body);
Status CheckKnownFields(const boost::json::object& object, std::initializer_list<std::string_view> known);

struct TextLimits {
  std::size_t min_chars = 0;
  std::size_t max_chars = 200;
};

// Absent -> nullopt; present -> a string within limits, no control characters.
Result<std::optional<std::string>> OptionalText(const boost::json::object& object, std::string_view key, TextLimits limits);
Result<std::string> RequiredText(const boost::json::object& object, std::string_view key, TextLimits limits);

// The string at `key`, or "" when it is missing or not a string: for objects the server wrote itself.
std::string StringOr(const boost::json::object& object, std::string_view key);

std::size_t CountChars(std::string_view utf8);
// Absent -> nullopt; present -> a JSON boolean.
Result<std::optional<bool>> OptionalBool(const boost::json::object& object, std::string_view key);
// Absent -> nullopt; present -> a JSON integer within [min, max].
Result<std::optional<std::int64_t>> OptionalInteger(const boost::json::object& object, std::string_view key,
                                                    std::int64_t min, std::int64_t max);

// Absent -> nullopt; present -> an RFC 3339 date-time with a zone, e.g.
// "2026-12-01T08:30:00Z" or "2026-12-01T09:30:00+01:00", a real date.
Result<std::optional<std::string>> OptionalTimestamp(const boost::json::object& object, std::string_view key);
// A real calendar date YYYY-MM-DD, from 1900 on.
bool IsIsoDate(std::string_view text);
// Seconds since the Unix epoch, or nullopt if `text` is not such a date-time.
std::optional<std::int64_t> Rfc3339ToUnixSeconds(std::string_view text);
// A UUID from a path or body, lower-cased; `what` names it in the error.
Result<std::string> ParseId(std::string_view text, std::string_view what);

}  // namespace consilium::json
