#pragma once
// The files module's SQL. Every statement names the clinic explicitly and row-level security enforces it
// again underneath. A file's name and digest are sealed in the row (keys::ClinicalText).
#include "modules/files/model.hpp"
#include "platform/db/transaction.hpp"

#include <boost/asio/awaitable.hpp>

#include <vector>

namespace consilium::files::repository {

using boost::asio::awaitable;

// The patient of an agenda item of that meeting, if the item exists.
awaitable<Result<std::optional<std::string>>> ItemPatient(db::Tx& tx, const std::string& clinic_id,
                                                          const std::string& meeting_id, const std::string& item_id);
// Seals the name and digest, then inserts the row.
awaitable<Status> Insert(db::Tx& tx, const std::string& clinic_id, const File& file);
awaitable<Result<std::optional<File>>> Find(db::Tx& tx, const std::string& clinic_id, const std::string& file_id);
// Newest first: all of the patient's files (their own and their agenda items').
awaitable<Result<std::vector<File>>> ListForPatient(db::Tx& tx, const std::string& clinic_id,
                                                    const std::string& patient_id);
awaitable<Result<std::vector<File>>> ListForItem(db::Tx& tx, const std::string& clinic_id, const std::string& item_id);

}  // namespace consilium::files::repository
