#pragma once
// A patient's demographics as the API shows them, and the validated inputs
// that create, change and search them.
#include "platform/error/error.hpp"
#include "platform/http/message.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace consilium::patients {

inline constexpr std::size_t kMrnMaxChars = 64;
inline constexpr std::size_t kNameMaxChars = 200;
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 100;

struct Patient {
  std::string id;
  std::string mrn;
  std::string family_name;
  std::string given_name;
  std::string birth_date;  // YYYY-MM-DD
  std::string sex;
  int version = 0;
  std::string created_at;
  std::string updated_at;
};

struct PatientChanges {
  std::optional<std::string> mrn;
  std::optional<std::string> family_name;
  std::optional<std::string> given_name;
  std::optional<std::string> birth_date;
  std::optional<std::string> sex;
};

struct PatientQuery {
  std::optional<std::string> name_prefix;
  std::optional<std::string> mrn;
  std::optional<std::string> birth_date;
  int limit = kDefaultPageSize;
  std::optional<std::string> after_id;  // from the cursor
};

boost::json::object ToJson(const Patient& patient);
std::string ETagOf(const Patient& patient);

// A new patient needs mrn, family_name and birth_date; the rest have defaults.
Result<PatientChanges> ParseNewPatient(std::string_view body);
Result<PatientChanges> ParsePatientChanges(std::string_view body);
Result<PatientQuery> ParsePatientQuery(const http::Fields& query);
Result<std::string> ParsePatientId(std::string_view text);

std::string EncodeCursor(const std::string& last_id);

}  // namespace consilium::patients
