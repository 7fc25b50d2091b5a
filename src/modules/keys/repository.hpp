#pragma once
// The keys module's SQL: clinic_keys and patient_keys. Wrapped keys travel as hex.
#include "platform/db/transaction.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

namespace consilium::keys::repository {

using boost::asio::awaitable;

struct WrappedClinicKey {
  int version = 0;
  int root_version = 0;
  std::string wrapped_hex;
};

struct WrappedPatientKey {
  int version = 0;
  WrappedClinicKey clinic_key;
  std::optional<std::string> wrapped_hex;  // none once destroyed
};

awaitable<Result<std::optional<WrappedClinicKey>>> NewestClinicKey(db::Tx& tx, const std::string& clinic_id);
// False if that version exists already (another server made it first).
awaitable<Result<bool>> InsertClinicKey(db::Tx& tx, const std::string& clinic_id, const WrappedClinicKey& key);
awaitable<Result<std::optional<WrappedPatientKey>>> FindPatientKey(db::Tx& tx, const std::string& clinic_id,
                                                                   const std::string& patient_id);
// The newest key of each of these patients that has one.
awaitable<Result<std::vector<std::pair<std::string, WrappedPatientKey>>>> FindPatientKeys(
    db::Tx& tx, const std::string& clinic_id, const std::vector<std::string>& patient_ids);
awaitable<Result<bool>> InsertPatientKey(db::Tx& tx, const std::string& clinic_id, const std::string& patient_id,
                                         int clinic_key_version, const std::string& wrapped_hex);

struct KeyStatus {
  struct ClinicKeyVersion {
    int version = 0;
    int root_version = 0;
    std::string created_at;
    long patient_keys = 0;  // patient keys wrapped under it now
  };
  std::vector<ClinicKeyVersion> versions;  // newest first
  long patient_keys = 0;
  long destroyed_patient_keys = 0;
};
awaitable<Result<KeyStatus>> ReadStatus(db::Tx& tx, const std::string& clinic_id);

// For the re-wrapping job, across clinics (db::InKeyJob): the clinics with a clinic key under an older root
// version than `root_version`, or a patient key under an older version of its clinic key.
awaitable<Result<std::vector<std::string>>> ClinicsWithStaleKeys(db::Tx& tx, int root_version);

// Rotation: clinic keys under an older root version, and a batch of patient keys under an older clinic key.
awaitable<Result<std::vector<WrappedClinicKey>>> ClinicKeysUnderOlderRoot(db::Tx& tx, const std::string& clinic_id,
                                                                          int root_version);
awaitable<Status> RewrapClinicKey(db::Tx& tx, const std::string& clinic_id, int version, int root_version,
                                  const std::string& wrapped_hex);
struct StalePatientKey {
  std::string patient_id;
  int version = 0;
  WrappedClinicKey clinic_key;
  std::string wrapped_hex;
};
awaitable<Result<std::vector<StalePatientKey>>> PatientKeysUnderOlderClinicKey(db::Tx& tx, const std::string& clinic_id,
                                                                               int clinic_key_version, int limit);
awaitable<Status> RewrapPatientKeys(db::Tx& tx, const std::string& clinic_id,
                                    const std::vector<std::string>& patient_ids,
                                    const std::vector<std::string>& wrapped_hex, int clinic_key_version);

}  // namespace consilium::keys::repository
