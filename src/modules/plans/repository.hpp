#pragma once
// The plans module's SQL. Every statement names the clinic explicitly and
// row-level security enforces it again underneath.
#include "modules/plans/model.hpp"
#include "platform/db/transaction.hpp"

#include <boost/asio/awaitable.hpp>

namespace consilium::plans::repository {

using boost::asio::awaitable;

// Where a version's or an addendum's sealed text belongs (its associated data).
std::string VersionPlace(const std::string& plan_id, int version);
std::string AddendumPlace(const std::string& addendum_id);

// The plan at its current version, with its addenda.
awaitable<Result<std::optional<Plan>>> Find(db::Tx& tx, const std::string& clinic_id, const std::string& plan_id,
                                            bool for_update);
awaitable<Result<std::vector<Plan>>> ListForPatient(db::Tx& tx, const std::string& clinic_id,
                                                    const std::string& patient_id);
awaitable<Status> Insert(db::Tx& tx, const std::string& clinic_id, const std::string& plan_id,
                         const std::string& patient_id, const NewPlan& plan, const std::string& author);
// Writes `version` as the plan's new current version.
// The goals and steps are clinical text, sealed in the row (keys::ClinicalText).
awaitable<Status> WriteVersion(db::Tx& tx, const std::string& clinic_id, const std::string& plan_id,
                               const std::string& patient_id, const PlanVersion& version);
// Newest first; only `version` when given.
awaitable<Result<std::vector<PlanVersion>>> Versions(db::Tx& tx, const std::string& clinic_id,
                                                     const std::string& plan_id, std::optional<int> version);
awaitable<Status> InsertAddendum(db::Tx& tx, const std::string& clinic_id, const std::string& plan_id,
                                 const std::string& patient_id, const Addendum& addendum);
// Whether a decision was recorded on that agenda item for that patient.
awaitable<Result<bool>> DecisionExists(db::Tx& tx, const std::string& clinic_id, const std::string& item_id,
                                       const std::string& patient_id);

}  // namespace consilium::plans::repository
