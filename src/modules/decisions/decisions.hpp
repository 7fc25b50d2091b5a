#pragma once
// Decisions: one per approved agenda item, recorded while the meeting runs,
// signed by its organiser; once signed, a change is a new version with its
// reason. Every read and write is audited in its own transaction.
#include "modules/decisions/model.hpp"
#include "security/endpoints.hpp"

#include <boost/asio/awaitable.hpp>

namespace consilium::decisions {

using boost::asio::awaitable;
using security::RequestContext;

// The first version while the meeting is in progress; changes while it is
// in progress or completed. Who was present and whether the meeting was
// quorate come from the attendance, not from the request.
awaitable<Result<Version>> RecordDecision(const RequestContext& context, const std::string& meeting_id,
                                          const std::string& item_id, const DecisionInput& input);
awaitable<Result<Version>> SignDecision(const RequestContext& context, const std::string& meeting_id,
                                        const std::string& item_id);
// Newest first; 404 when nothing is recorded yet.
awaitable<Result<std::vector<Version>>> DecisionVersions(const RequestContext& context, const std::string& meeting_id,
                                                         const std::string& item_id);

// Whether the present participants fill every core role (one each per entry).
bool IsQuorate(const std::vector<security::MeetingRole>& core_roles,
               const std::vector<std::pair<std::string, security::MeetingRole>>& present);

void RegisterRoutes(security::Endpoints& endpoints);

// For the owner at start-up: seals in place the text of rows written before it was sealed (migration
// 0015) and returns how many rows it sealed.
awaitable<Result<int>> SealLegacyText(db::Tx& tx, const std::string& clinic_id);
// GET /api/v1/patients/{patient_id}/history: the patient's agenda items and decisions.
void RegisterHistoryRoute(security::Endpoints& endpoints);

}  // namespace consilium::decisions
