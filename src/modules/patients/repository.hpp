#pragma once
// The patients module's SQL. Every statement names the clinic explicitly and
// row-level security enforces it again underneath.
#include "modules/patients/model.hpp"
#include "platform/db/transaction.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <vector>

namespace consilium::patients::repository {

using boost::asio::awaitable;

awaitable<Result<Patient>> Insert(db::Tx& tx, const std::string& clinic_id, const std::string& id,
                                  const PatientChanges& fields);
awaitable<Result<std::optional<Patient>>> Find(db::Tx& tx, const std::string& clinic_id, const std::string& id,
                                               bool for_update);
awaitable<Result<Patient>> Update(db::Tx& tx, const std::string& clinic_id, const Patient& changed);
// The current identifiers become exactly these (the old ones are marked removed).
awaitable<Status> ReplaceIdentifiers(db::Tx& tx, const std::string& clinic_id, const std::string& patient_id,
                                     const std::vector<Identifier>& identifiers);
// Adds identifiers; with `skip_taken`, one the clinic already uses is left out instead of refused.
awaitable<Status> AddIdentifiers(db::Tx& tx, const std::string& clinic_id, const std::string& patient_id,
                                 const std::vector<Identifier>& identifiers, bool skip_taken);
// Marks the patient's identifiers removed and returns them (a merge moves them on).
awaitable<Result<std::vector<Identifier>>> TakeIdentifiers(db::Tx& tx, const std::string& clinic_id,
                                                            const std::string& patient_id);
awaitable<Result<std::vector<Patient>>> Search(db::Tx& tx, const std::string& clinic_id, const PatientQuery& query);

}  // namespace consilium::patients::repository
