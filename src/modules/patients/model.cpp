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
constexpr std::string_view kStatuses[] = {"active", "inactive", "deceased"};  // "merged" only by merging
constexpr std::size_t kMaxIdentifiers = 20;

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

Result<std::vector<Identifier>> ParseIdentifiers(const boost::json::value& value) {
  const Error bad = InvalidArgument("'identifiers' must be up to 20 distinct objects {\"system\", \"value\"}");
  if (!value.is_array() || value.as_array().size() > kMaxIdentifiers) return bad;
  std::vector<Identifier> identifiers;
  for (const auto& item : value.as_array()) {
    if (!item.is_object() || !json::CheckKnownFields(item.as_object(), {"system", "value"})) return bad;
    auto system = json::RequiredText(item.as_object(), "system", {1, 200});
    if (!system) return system.error();
    auto text = json::RequiredText(item.as_object(), "value", {1, 100});
    if (!text) return text.error();
    Identifier identifier{std::move(*system), std::move(*text)};
    if (std::find(identifiers.begin(), identifiers.end(), identifier) != identifiers.end()) return bad;
    identifiers.push_back(std::move(identifier));
  }
  return identifiers;
}

Result<PatientChanges> ParseFields(std::string_view body) {
  auto object = json::ParseObject(body);
  if (!object) return object.error();
  if (auto known = json::CheckKnownFields(*object, {"mrn", "family_name", "given_name", "birth_date", "sex", "status",
                                                    "phone", "email", "address", "identifiers"});
      !known) {
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
      {"status", &PatientChanges::status, {1, 16}},
      {"phone", &PatientChanges::phone, {0, 40}},
      {"email", &PatientChanges::email, {0, 254}},
      {"address", &PatientChanges::address, {0, 500}},
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
  if (changes.status && std::find(std::begin(kStatuses), std::end(kStatuses), *changes.status) == std::end(kStatuses)) {
    return InvalidArgument("'status' must be one of active, inactive, deceased");
  }
  if (changes.email && !changes.email->empty() && changes.email->find('@') == std::string::npos) {
    return InvalidArgument("'email' must be an email address");
  }
  if (const auto* identifiers = object->if_contains("identifiers")) {
    auto parsed = ParseIdentifiers(*identifiers);
    if (!parsed) return parsed.error();
    changes.identifiers = std::move(*parsed);
  }
  return changes;
}

}  // namespace

boost::json::array IdentifiersJson(const std::vector<Identifier>& identifiers) {
  boost::json::array out;
  for (const auto& identifier : identifiers) out.push_back({{"system", identifier.system}, {"value", identifier.value}});
  return out;
}

boost::json::object ToJson(const Patient& patient) {
  boost::json::value merged_into = nullptr;
  if (patient.merged_into_id) merged_into = boost::json::string(*patient.merged_into_id);
  return {{"id", patient.id},
          {"mrn", patient.mrn},
          {"family_name", patient.family_name},
          {"given_name", patient.given_name},
          {"birth_date", patient.birth_date},
          {"sex", patient.sex},
          {"status", patient.status},
          {"merged_into_id", merged_into},
          {"phone", patient.phone},
          {"email", patient.email},
          {"address", patient.address},
          {"identifiers", IdentifiersJson(patient.identifiers)},
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
  if (!changes->status) changes->status = "active";
  for (auto* contact : {&changes->phone, &changes->email, &changes->address}) {
    if (!*contact) *contact = "";
  }
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
    } else if (key == "identifier") {
      // FHIR's token search: system|value.
      const auto bar = value.find('|');
      if (bar == std::string::npos || bar == 0 || bar + 1 == value.size() || value.size() > 301) {
        return InvalidArgument("'identifier' must be system|value");
      }
      parsed.identifier = Identifier{value.substr(0, bar), value.substr(bar + 1)};
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
