#include "modules/patients/model.hpp"

#include "platform/crypto/encoding.hpp"
#include "platform/crypto/random.hpp"
#include "platform/http/conditional.hpp"
#include "platform/json/fields.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

namespace consilium::patients {
namespace {

constexpr std::string_view kCursorPrefix = "p1:";
constexpr int kEarliestBirthYear = 1850;
constexpr std::string_view kSexes[] = {"female", "male", "other", "unknown"};

bool IsDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int ToInt(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

// A real calendar date, YYYY-MM-DD, not in the future.
Status CheckBirthDate(std::string_view text) {
  const Error bad = InvalidArgument("'birth_date' must be a date YYYY-MM-DD, not in the future");
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !IsDigits(text.substr(0, 4)) ||
      !IsDigits(text.substr(5, 2)) || !IsDigits(text.substr(8, 2))) {
    return bad;
  }
  using namespace std::chrono;
  const year_month_day date{year{ToInt(text.substr(0, 4))}, month{static_cast<unsigned>(ToInt(text.substr(5, 2)))},
                            day{static_cast<unsigned>(ToInt(text.substr(8, 2)))}};
  const year_month_day today{floor<days>(system_clock::now())};
  if (!date.ok() || date > today || date.year() < year{kEarliestBirthYear}) return bad;
  return {};
}

Status CheckSex(const std::optional<std::string>& sex) {
  if (sex && std::find(std::begin(kSexes), std::end(kSexes), *sex) == std::end(kSexes)) {
    return InvalidArgument("'sex' must be one of female, male, other, unknown");
  }
  return {};
}

Result<PatientChanges> ParseFields(std::string_view body) {
  auto object = json::ParseObject(body);
  if (!object) return object.error();
  if (auto known = json::CheckKnownFields(*object, {"mrn", "family_name", "given_name", "birth_date", "sex"}); !known) {
    return known.error();
  }
  PatientChanges changes;
  const struct {
    std::string_view key;
    std::optional<std::string> PatientChanges::*member;
    json::TextLimits limits;
  } fields[] = {
      {"mrn", &PatientChanges::mrn, {1, kMrnMaxChars}},
      {"family_name", &PatientChanges::family_name, {1, kNameMaxChars}},
      {"given_name", &PatientChanges::given_name, {0, kNameMaxChars}},
      {"birth_date", &PatientChanges::birth_date, {10, 10}},
      {"sex", &PatientChanges::sex, {1, 16}},
  };
  for (const auto& field : fields) {
    auto value = json::OptionalText(*object, field.key, field.limits);
    if (!value) return value.error();
    changes.*field.member = std::move(*value);
  }
  if (changes.birth_date) {
    if (auto valid = CheckBirthDate(*changes.birth_date); !valid) return valid.error();
  }
  if (auto valid = CheckSex(changes.sex); !valid) return valid.error();
  return changes;
}

}  // namespace

boost::json::object ToJson(const Patient& patient) {
  return {{"id", patient.id},
          {"mrn", patient.mrn},
          {"family_name", patient.family_name},
          {"given_name", patient.given_name},
          {"birth_date", patient.birth_date},
          {"sex", patient.sex},
          {"version", patient.version},
          {"created_at", patient.created_at},
          {"updated_at", patient.updated_at}};
}

std::string ETagOf(const Patient& patient) { return http::VersionETag(patient.version); }

Result<PatientChanges> ParseNewPatient(std::string_view body) {
  auto changes = ParseFields(body);
  if (!changes) return changes;
  for (auto [key, present] : {std::pair{"mrn", changes->mrn.has_value()},
                              std::pair{"family_name", changes->family_name.has_value()},
                              std::pair{"birth_date", changes->birth_date.has_value()}}) {
    if (!present) return InvalidArgument("'" + std::string(key) + "' is required");
  }
  if (!changes->given_name) changes->given_name = "";
  if (!changes->sex) changes->sex = "unknown";
  return changes;
}

Result<PatientChanges> ParsePatientChanges(std::string_view body) { return ParseFields(body); }

Result<std::string> ParsePatientId(std::string_view text) { return json::ParseId(text, "patient id"); }

std::string EncodeCursor(const std::string& last_id) {
  return crypto::Base64UrlEncode(std::string(kCursorPrefix) + last_id);
}

Result<PatientQuery> ParsePatientQuery(const http::Fields& query) {
  PatientQuery parsed;
  for (const auto& [key, value] : query) {
    if (key == "name") {
      if (value.empty() || json::CountChars(value) > kNameMaxChars) return InvalidArgument("'name' must be 1 to 200 characters");
      parsed.name_prefix = value;
    } else if (key == "mrn") {
      if (value.empty() || json::CountChars(value) > kMrnMaxChars) return InvalidArgument("'mrn' must be 1 to 64 characters");
      parsed.mrn = value;
    } else if (key == "birth_date") {
      if (auto valid = CheckBirthDate(value); !valid) return valid.error();
      parsed.birth_date = value;
    } else if (key == "limit") {
      if (!IsDigits(value) || value.size() > 3 || ToInt(value) < 1 || ToInt(value) > kMaxPageSize) {
        return InvalidArgument("'limit' must be a whole number from 1 to 100");
      }
      parsed.limit = ToInt(value);
    } else if (key == "cursor") {
      auto decoded = crypto::Base64UrlDecode(value);
      if (!decoded || !decoded->starts_with(kCursorPrefix) ||
          !crypto::IsCanonicalUuid(std::string_view(*decoded).substr(kCursorPrefix.size()))) {
        return InvalidArgument("'cursor' is not a cursor from this API");
      }
      parsed.after_id = decoded->substr(kCursorPrefix.size());
    } else {
      return InvalidArgument("unknown query parameter '" + key.substr(0, 64) + "'");
    }
  }
  return parsed;
}

}  // namespace consilium::patients
