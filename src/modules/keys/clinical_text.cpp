#include "modules/keys/clinic_key.hpp"
#include "modules/keys/keys.hpp"
#include "modules/keys/repository.hpp"
#include "platform/crypto/encoding.hpp"
#include "platform/crypto/hash.hpp"
#include "platform/crypto/key_wrap.hpp"
#include "platform/crypto/sealed_value.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace consilium::keys {
namespace {

// A sealed object's key reference: "p1:<patient id>:<patient key version>:" then its data key wrapped by
// that patient key (kWrappedKeyBytes). It is authenticated with the object and never changes: rotation
// re-wraps patient keys, not data keys.
constexpr std::string_view kReferencePrefix = "p1:";
constexpr std::string_view kFingerprintLabel = "consilium audit fingerprint v1";

struct KeyReference {
  std::string patient_id;
  int version = 0;
  std::string wrapped_data_key;
};

std::string ReferenceOf(const std::string& patient_id, int version, const std::string& wrapped) {
  return std::string(kReferencePrefix) + patient_id + ":" + std::to_string(version) + ":" + wrapped;
}

Result<KeyReference> ParseReference(std::string_view reference) {
  const Error malformed = Internal("a sealed object's key reference is malformed");
  if (!reference.starts_with(kReferencePrefix)) return malformed;
  reference.remove_prefix(kReferencePrefix.size());
  const auto first = reference.find(':');
  if (first == std::string_view::npos) return malformed;
  const auto second = reference.find(':', first + 1);
  if (second == std::string_view::npos || second == first + 1 || second - first > 10) return malformed;
  KeyReference parsed{std::string(reference.substr(0, first)), 0, std::string(reference.substr(second + 1))};
  for (char c : reference.substr(first + 1, second - first - 1)) {
    if (c < '0' || c > '9') return malformed;
    parsed.version = parsed.version * 10 + (c - '0');
  }
  if (parsed.wrapped_data_key.size() != crypto::kWrappedKeyBytes) return malformed;
  return parsed;
}

}  // namespace

Result<crypto::SymmetricKey> ClinicalText::Unwrap(const std::string& patient_id,
                                                  const repository::WrappedPatientKey& found) {
  if (!found.wrapped_hex) {
    return MakeError(ErrorCode::kNotFound, "this patient's clinical content was erased", "patient key destroyed");
  }
  auto clinic_key = UnwrapClinicKey(clinic_id_, found.clinic_key);
  if (!clinic_key) return clinic_key.error();
  auto wrapped = crypto::HexDecode(*found.wrapped_hex);
  if (!wrapped) return Internal("a wrapped patient key is not hex");
  auto key = crypto::UnwrapKey(*clinic_key, {clinic_id_, static_cast<std::uint32_t>(found.clinic_key.version)},
                               crypto::WrappedKeyKind::kPatientKey, *wrapped);
  if (!key) return key.error();
  patient_keys_.insert_or_assign(patient_id, *key);
  return key;
}

awaitable<Status> ClinicalText::Prefetch(const std::vector<std::string>& patient_ids) {
  std::vector<std::string> missing;
  for (const auto& id : patient_ids) {
    if (!patient_keys_.contains(id)) missing.push_back(id);
  }
  if (missing.empty()) co_return Status{};
  auto found = co_await repository::FindPatientKeys(tx_, clinic_id_, missing);
  if (!found) co_return found.error();
  // An erased patient's key is left for the read that needs it to report.
  for (const auto& [patient_id, key] : *found) {
    if (key.wrapped_hex) static_cast<void>(Unwrap(patient_id, key));
  }
  co_return Status{};
}

awaitable<Result<crypto::SymmetricKey>> ClinicalText::PatientKey(const std::string& patient_id, bool create) {
  if (auto it = patient_keys_.find(patient_id); it != patient_keys_.end()) co_return it->second;
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto found = co_await repository::FindPatientKey(tx_, clinic_id_, patient_id);
    if (!found) co_return found.error();
    if (*found) co_return Unwrap(patient_id, **found);
    if (!create) co_return Internal("a sealed object names a patient key that does not exist");
    auto clinic_key = co_await NewestClinicKey(tx_, clinic_id_);
    if (!clinic_key) co_return clinic_key.error();
    const crypto::SymmetricKey key = crypto::SymmetricKey::Generate();
    const std::string wrapped =
        crypto::WrapKey(clinic_key->key, {clinic_id_, static_cast<std::uint32_t>(clinic_key->version)},
                        crypto::WrappedKeyKind::kPatientKey, key);
    const std::string wrapped_hex = crypto::HexEncode(wrapped);
    auto inserted =
        co_await repository::InsertPatientKey(tx_, clinic_id_, patient_id, clinic_key->version, wrapped_hex);
    if (!inserted) co_return inserted.error();
    if (*inserted) {
      patient_keys_.insert_or_assign(patient_id, key);
      co_return key;
    }
    // Another transaction made this patient's key first: use that one.
  }
  co_return Internal("a patient key could neither be found nor made");
}

awaitable<Result<DataKey>> ClinicalText::NewDataKey(const std::string& patient_id) {
  auto patient_key = co_await PatientKey(patient_id, true);
  if (!patient_key) co_return patient_key.error();
  constexpr int kPatientKeyVersion = 1;
  DataKey data_key{crypto::SymmetricKey::Generate(), {}};
  const std::string wrapped =
      crypto::WrapKey(*patient_key, {patient_id, kPatientKeyVersion}, crypto::WrappedKeyKind::kDataKey, data_key.key);
  data_key.reference = ReferenceOf(patient_id, kPatientKeyVersion, wrapped);
  co_return data_key;
}

awaitable<Result<crypto::SymmetricKey>> ClinicalText::DataKeyFor(const std::string& patient_id,
                                                                 std::string_view reference_text) {
  auto reference = ParseReference(reference_text);
  if (!reference) co_return reference.error();
  if (reference->patient_id != patient_id) {
    co_return Internal("a sealed object names another patient's key: moved from another record");
  }
  auto patient_key = co_await PatientKey(patient_id, false);
  if (!patient_key) co_return patient_key.error();
  co_return crypto::UnwrapKey(*patient_key, {patient_id, static_cast<std::uint32_t>(reference->version)},
                              crypto::WrappedKeyKind::kDataKey, reference->wrapped_data_key);
}

awaitable<Result<std::string>> ClinicalText::Seal(const std::string& patient_id, std::string_view place,
                                                  const boost::json::object& fields) {
  auto data_key = co_await NewDataKey(patient_id);
  if (!data_key) co_return data_key.error();
  const std::string sealed =
      crypto::SealValue(data_key->key, data_key->reference, place, boost::json::serialize(fields));
  co_return crypto::HexEncode(sealed);
}

awaitable<Result<boost::json::object>> ClinicalText::Open(const std::string& patient_id, std::string_view place,
                                                          std::string_view sealed_hex) {
  // Every row is sealed before the server serves (legacy text at start-up): one without is tampered with.
  if (sealed_hex.empty()) co_return Internal("a row's sealed clinical text is missing");
  auto sealed = crypto::HexDecode(sealed_hex);
  if (!sealed) co_return Internal("sealed clinical text is not hex");
  auto reference = crypto::SealedValueKeyReference(*sealed);
  if (!reference) co_return reference.error();
  auto data_key = co_await DataKeyFor(patient_id, *reference);
  if (!data_key) co_return data_key.error();
  auto text = crypto::OpenValue(*data_key, place, *sealed);
  if (!text) co_return text.error();
  boost::system::error_code ec;
  auto parsed = boost::json::parse(*text, ec);
  if (ec || !parsed.is_object()) co_return Internal("sealed clinical text is not a JSON object");
  co_return std::move(parsed.as_object());
}

awaitable<Result<std::string>> ClinicalText::Fingerprint(const std::string& patient_id, std::string_view text) {
  auto patient_key = co_await PatientKey(patient_id, true);
  if (!patient_key) co_return patient_key.error();
  // A key of its own, derived from the patient key, so that key serves one purpose per primitive.
  const std::string fingerprint_key = crypto::HmacSha256(patient_key->bytes(), kFingerprintLabel);
  const std::string mac = crypto::HmacSha256(fingerprint_key, text);
  co_return "hmac-sha256:" + crypto::HexEncode(mac.substr(0, 8));
}

awaitable<Status> ClinicalText::Withhold(const std::string& patient_id, boost::json::object& record,
                                         std::span<const std::string_view> fields) {
  for (std::string_view field : fields) {
    auto* value = record.if_contains(field);
    if (value == nullptr || value->is_null()) continue;
    const std::string text = value->is_string() ? std::string(value->as_string()) : boost::json::serialize(*value);
    auto fingerprint = co_await Fingerprint(patient_id, text);
    if (!fingerprint) co_return fingerprint.error();
    *value = *fingerprint;
  }
  co_return Status{};
}

awaitable<Result<int>> ClinicalText::SealInPlace(std::string_view select_sql,
                                                 std::function<PlainTextRow(const db::Rows&, int)> describe,
                                                 std::string_view update_sql) {
  auto rows = co_await tx_.Query(select_sql, clinic_id_);
  if (!rows) co_return rows.error();
  for (int row = 0; row < rows->size(); ++row) {
    PlainTextRow plain = describe(*rows, row);
    auto sealed = co_await Seal(plain.patient_id, plain.place, plain.fields);
    if (!sealed) co_return sealed.error();
    db::Params params{clinic_id_};
    params.insert(params.end(), plain.key.begin(), plain.key.end());
    params.emplace_back(std::move(*sealed));
    auto updated = co_await tx_.QueryList(update_sql, std::move(params));
    if (!updated) co_return updated.error();
  }
  co_return rows->size();
}

}  // namespace consilium::keys
