#pragma once
// A meeting's agenda: patients proposed with a referral proforma, pending
// until the organiser approves (with a position and a triage) or rejects
// (with a reason). Every read and write is audited in its own transaction.
#include "modules/agenda/model.hpp"
#include "security/endpoints.hpp"

#include <boost/asio/awaitable.hpp>

namespace consilium::agenda {

using boost::asio::awaitable;
using security::RequestContext;

// Where an item's sealed proforma belongs (its associated data). It names the table, not the row: a
// carried-over item keeps its original's sealed text, and the key reference ties it to the patient.
inline constexpr std::string_view kClinicalTextPlace = "agenda_items.clinical_text";

// While the meeting is draft or scheduled; after its cut-off only its
// organiser (or the clinic's owner) may still propose, and the item is marked late.
awaitable<Result<Item>> Propose(const RequestContext& context, const std::string& meeting_id,
                                const Proposal& proposal);
// The approved items in order. Pending and rejected ones are not on it.
awaitable<Result<std::vector<Item>>> ApprovedAgenda(const RequestContext& context, const std::string& meeting_id);
// Pending proposals first, then rejected ones.
awaitable<Result<std::vector<Item>>> Proposals(const RequestContext& context, const std::string& meeting_id);
awaitable<Result<Item>> Approve(const RequestContext& context, const std::string& meeting_id,
                                const std::string& item_id, const Approval& approval);
awaitable<Result<Item>> Reject(const RequestContext& context, const std::string& meeting_id,
                               const std::string& item_id, const std::string& reason);
// `item_ids` must be exactly the approved items, in their new order.
awaitable<Result<std::vector<Item>>> Reorder(const RequestContext& context, const std::string& meeting_id,
                                             const std::vector<std::string>& item_ids);

// For the meetings module, in the transaction that completes a meeting: the
// approved items whose latest decision is unresolved (deferred, awaiting
// investigation) are proposed again, pending, for the next open meeting of
// the same series. Returns how many were carried over.
awaitable<Result<int>> CarryOverUnresolved(db::Tx& tx, const RequestContext& context, const std::string& meeting_id);

void RegisterRoutes(security::Endpoints& endpoints);

// For the owner at start-up: seals in place the text of rows written before it was sealed (migration
// 0015) and returns how many rows it sealed.
awaitable<Result<int>> SealLegacyText(db::Tx& tx, const std::string& clinic_id);

}  // namespace consilium::agenda
