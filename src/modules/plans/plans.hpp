#pragma once
// Treatment plans: per patient, optionally following a decision; every
// change is a new version. After completion the responsible clinician may
// edit for the clinic's window (seven days at most); after that the plan is
// read-only and a correction is an addendum. Every read and write is audited.
#include "modules/plans/model.hpp"
#include "security/endpoints.hpp"

#include <boost/asio/awaitable.hpp>

namespace consilium::plans {

using boost::asio::awaitable;
using security::RequestContext;

awaitable<Result<Plan>> CreatePlan(const RequestContext& context, const std::string& patient_id, const NewPlan& plan);
awaitable<Result<Plan>> GetPlan(const RequestContext& context, const std::string& plan_id);
awaitable<Result<std::vector<Plan>>> PatientPlans(const RequestContext& context, const std::string& patient_id);
// 412 if `expected_version` is stale; 409 once read-only; 403 after completion for anyone
// but the responsible clinician.
awaitable<Result<Plan>> UpdatePlan(const RequestContext& context, const std::string& plan_id,
                                   const PlanChange& change, std::optional<int> expected_version);
awaitable<Result<Plan>> TransitionPlan(const RequestContext& context, const std::string& plan_id, PlanState to);
awaitable<Result<std::vector<PlanVersion>>> PlanVersions(const RequestContext& context, const std::string& plan_id,
                                                         std::optional<int> version);
// Only once the plan is read-only (stopped, or completed and past its window).
awaitable<Result<Plan>> AddAddendum(const RequestContext& context, const std::string& plan_id,
                                    const std::string& text);

void RegisterRoutes(security::Endpoints& endpoints);

// For the owner at start-up: seals in place the text of rows written before it was sealed (migration
// 0015) and returns how many rows it sealed.
awaitable<Result<int>> SealLegacyText(db::Tx& tx, const std::string& clinic_id);

}  // namespace consilium::plans
