#pragma once
// The decisions module's SQL. Every statement names the clinic explicitly
// and row-level security enforces it again underneath.
#include "modules/decisions/model.hpp"
#include "modules/keys/keys.hpp"
#include "platform/db/transaction.hpp"
#include "security/principal.hpp"

#include <boost/asio/awaitable.hpp>

namespace consilium::decisions::repository {

using boost::asio::awaitable;

// The agenda item a decision is for, locked so that versions are numbered
// one at a time, with what the meeting knows of who is present.
struct ItemFacts {
  bool exists = false;
  bool approved = false;
  std::string patient_id;
  std::string meeting_state;
  std::vector<security::MeetingRole> core_roles;
  std::vector<std::pair<std::string, security::MeetingRole>> present;  // attended participants
};
awaitable<Result<ItemFacts>> LockItem(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                                      const std::string& item_id);
// Where a version's sealed clinical text belongs (its associated data).
std::string PlaceOf(const std::string& item_id, int version);

// Newest first. The outcome detail and rationale are clinical text, sealed in the row (keys::ClinicalText).
awaitable<Result<std::vector<Version>>> Versions(db::Tx& tx, keys::ClinicalText& text, const std::string& clinic_id,
                                                 const std::string& item_id);
awaitable<Status> Insert(db::Tx& tx, keys::ClinicalText& text, const std::string& clinic_id, const Version& version);
awaitable<Status> ReplaceDraft(db::Tx& tx, keys::ClinicalText& text, const std::string& clinic_id,
                               const Version& version);
awaitable<Status> Sign(db::Tx& tx, const std::string& clinic_id, const std::string& item_id, int version,
                       const std::string& signer);

}  // namespace consilium::decisions::repository
