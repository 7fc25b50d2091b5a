#pragma once
// A patient's demographics as the API shows them, and the validated inputs
// that create, change and search them.
#include "platform/error/error.hpp"
#include "platform/http/message.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace consilium::patients {

inline constexpr std::size_t kMrnMaxChars = 64;
inline constexpr std::size_t kNameMaxChars = 200;
inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 100;

// Another identifier of the patient, e.g. {"https://fhir.nhs.uk/Id/nhs-number", "9434765919"}.
struct Identifier {
  std::string system;
  std::string value;
  bool operator==(const Identifier&) const = default;
};
inline constexpr std::string_view kMrnSystem = "urn:consilium:mrn";  // a merged record's MRN, kept on the survivor

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
  std::string status = "active";  // active, inactive, deceased, merged
  std::optional<std::string> merged_into_id;
  std::string phone;
  std::string email;
  std::string address;
  std::vector<Identifier> identifiers;
};

struct PatientChanges {
  std::optional<std::string> mrn;
  std::optional<std::string> family_name;
  std::optional<std::string> given_name;
  std::optional<std::string> birth_date;
  std::optional<std::string> sex;
  std::optional<std::string> status;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> address;
  std::optional<std::vector<Identifier>> identifiers;  // replaces them all
};

struct PatientQuery {
  std::optional<std::string> name_prefix;
  std::optional<std::string> mrn;
  std::optional<std::string> birth_date;
  std::optional<Identifier> identifier;  // ?identifier=system|value
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
boost::json::array IdentifiersJson(const std::vector<Identifier>& identifiers);

std::string EncodeCursor(const std::string& last_id);

}  // namespace consilium::patients
