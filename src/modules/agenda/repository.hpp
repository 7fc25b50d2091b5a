#pragma once
// The agenda module's SQL. Every statement names the clinic explicitly and
// row-level security enforces it again underneath.
#include "modules/agenda/model.hpp"
#include "platform/db/transaction.hpp"

#include <boost/asio/awaitable.hpp>

#include <array>

namespace consilium::agenda::repository {

using boost::asio::awaitable;

// What proposing needs to know of the meeting, as of now, for this person.
struct MeetingFacts {
  bool exists = false;
  bool open = false;           // draft or scheduled
  bool over = false;           // completed or cancelled
  bool cutoff_passed = false;
  std::string cutoff;          // RFC 3339, UTC
  bool organiser = false;      // the person organises it
};
awaitable<Result<MeetingFacts>> FactsOf(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                                        const std::string& user_id, bool for_update);
awaitable<Status> Insert(db::Tx& tx, const std::string& clinic_id, const std::string& id, const std::string& meeting_id,
                         const Proposal& proposal, const std::string& proposed_by, bool late);
awaitable<Result<std::optional<Item>>> Find(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                                            const std::string& item_id);
// Approved items by position, or the pending and rejected ones (pending first).
awaitable<Result<std::vector<Item>>> List(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                                          bool approved);
awaitable<Status> Approve(db::Tx& tx, const std::string& clinic_id, const std::string& item_id, Triage triage,
                          int position, const std::string& reviewer);
awaitable<Status> Reject(db::Tx& tx, const std::string& clinic_id, const std::string& item_id,
                         const std::string& reason, const std::string& reviewer);
// Copies the unresolved items to the series' next open meeting; returns
// (new item id, patient id, carried-from item id) for each copy.
awaitable<Result<std::vector<std::array<std::string, 3>>>> CarryOver(db::Tx& tx, const std::string& clinic_id,
                                                                     const std::string& meeting_id,
                                                                     const std::string& actor);
// Positions 1..n in the order given.
awaitable<Status> WriteOrder(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                             const std::vector<std::string>& item_ids);

}  // namespace consilium::agenda::repository
