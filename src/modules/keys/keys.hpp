#pragma once
// The key hierarchy of clinical content (docs/decisions/0005-key-hierarchy.md): the root key wraps each
// clinic's keys (versioned), a clinic key wraps each patient's key, a patient key wraps the data key of
// each object (a row's clinical text, a file), which travels in the object's sealed header. Other modules
// seal and open through ClinicalText and never see a key.
#include "modules/keys/repository.hpp"
#include "platform/crypto/root_key.hpp"
#include "platform/crypto/symmetric_key.hpp"
#include "platform/db/transaction.hpp"
#include "security/endpoints.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace consilium::keys {

using boost::asio::awaitable;

// The root key and the clinic keys unwrapped so far (they change only by rotation, which adds versions, so
// a cached key never goes stale). Shared by every I/O thread.
class Keyring {
 public:
  explicit Keyring(std::unique_ptr<crypto::RootKey> root) : root_(std::move(root)) {}
  crypto::RootKey& root() { return *root_; }
  // Clinic key `version`, unwrapped under root key `root_version` from `wrapped` on first use.
  Result<crypto::SymmetricKey> ClinicKey(const std::string& clinic_id, int version, int root_version,
                                         std::string_view wrapped);

 private:
  std::unique_ptr<crypto::RootKey> root_;
  std::mutex mutex_;
  std::map<std::pair<std::string, int>, crypto::SymmetricKey> clinic_keys_;
};

// The process's keyring, set once at start-up (like the database pool of a thread).
void Install(std::shared_ptr<Keyring> keyring);
Keyring& Current();

// A fresh data key for one object of a patient, and the key reference that goes in the object's sealed
// header (it names the patient's key and carries the data key wrapped by it).
struct DataKey {
  crypto::SymmetricKey key;
  std::string reference;
};

// One row whose clinical text was written before it was sealed: whose it is, where it belongs, its fields,
// and the parameters that name the row in the update (after the clinic, before the sealed value).
struct PlainTextRow {
  std::string patient_id;
  std::string place;
  boost::json::object fields;
  db::Params key;
};

// The patient keys a transaction has unwrapped, by clinic and patient: every ClinicalText of one
// transaction shares them (db::Tx::Local), and they go with it.
struct TransactionPatientKeys {
  std::map<std::string, std::map<std::string, crypto::SymmetricKey>> by_clinic;
};

// Seals and opens one clinic's clinical text inside one transaction. Patient keys are created on first
// use and kept for the transaction's life, whichever ClinicalText of it looked them up.
class ClinicalText {
 public:
  ClinicalText(db::Tx& tx, std::string clinic_id)
      : tx_(tx),
        clinic_id_(std::move(clinic_id)),
        patient_keys_(tx.Local<TransactionPatientKeys>().by_clinic[clinic_id_]) {}

  // Seals in place every row `select_sql` returns ($1: the clinic), read by `describe`, with `update_sql`
  // ($1: the clinic, then the row's key, then the sealed value as hex, which it also clears the plain
  // columns for). Returns how many rows it sealed.
  awaitable<Result<int>> SealInPlace(std::string_view select_sql,
                                     std::function<PlainTextRow(const db::Rows&, int)> describe,
                                     std::string_view update_sql);

  // Looks up these patients' keys in one query, so that opening a list of them costs no round trip each.
  awaitable<Status> Prefetch(const std::vector<std::string>& patient_ids);

  // For objects sealed piece by piece (files: crypto::SealedStreamEncryptor): a data key to seal with.
  awaitable<Result<DataKey>> NewDataKey(const std::string& patient_id);
  // The data key a sealed header's key reference names; refuses a reference to another patient's key.
  awaitable<Result<crypto::SymmetricKey>> DataKeyFor(const std::string& patient_id, std::string_view reference);

  // `fields` (strings, arrays, ...) sealed as one object under a fresh data key; `place` names where it is
  // stored (e.g. "decision_versions:<item>/<version>"), so it opens nowhere else. Hex, for a bytea parameter
  // (decode($n, 'hex')).
  awaitable<Result<std::string>> Seal(const std::string& patient_id, std::string_view place,
                                      const boost::json::object& fields);
  // `sealed_hex` as selected with encode(column, 'hex'). Refuses an object sealed for another patient or
  // place, any altered byte, and a missing one (NULL selects as ""): kInternal, since stored data that does
  // not open is the server's fault. Readers never fall back to the plain columns sealing emptied.
  awaitable<Result<boost::json::object>> Open(const std::string& patient_id, std::string_view place,
                                              std::string_view sealed_hex);
  // Stands in for a text in audit records: equal texts give equal fingerprints, so a change shows, but
  // without the key of the patient nothing of the text can be learnt or guessed from it.
  awaitable<Result<std::string>> Fingerprint(const std::string& patient_id, std::string_view text);
  // Replaces each of `fields` present in an audit record's before/after by its fingerprint: the trail shows
  // that it changed, never what it says (an erased patient's trail keeps its facts, not their content).
  awaitable<Status> Withhold(const std::string& patient_id, boost::json::object& record,
                             std::span<const std::string_view> fields);

 private:
  awaitable<Result<crypto::SymmetricKey>> PatientKey(const std::string& patient_id, bool create);
  Result<crypto::SymmetricKey> Unwrap(const std::string& patient_id, const repository::WrappedPatientKey& found);

  db::Tx& tx_;
  std::string clinic_id_;
  std::map<std::string, crypto::SymmetricKey>& patient_keys_;
};

// GET /api/v1/keys (the root key, the clinic's key versions and re-wrapping progress) and
// POST /api/v1/keys/rotate (a new clinic key version), for owners.
void RegisterRoutes(security::Endpoints& endpoints);

// Re-wraps, in the background on this I/O thread, every clinic key still under an older root key version
// and every patient key still under an older clinic key version, a batch at a time.
void StartRewrapper(boost::asio::io_context& io);

// One pass of the job (for `consilium keys rewrap` and tests): returns how many keys it re-wrapped.
awaitable<Result<long>> RewrapPass();

}  // namespace consilium::keys
