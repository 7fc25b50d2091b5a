#pragma once
// The meetings module's SQL. Every statement names the clinic explicitly and
// row-level security enforces it again underneath.
#include "modules/meetings/model.hpp"
#include "platform/db/transaction.hpp"

#include <boost/asio/awaitable.hpp>

namespace consilium::meetings::repository {

using boost::asio::awaitable;

awaitable<Result<Meeting>> Insert(db::Tx& tx, const std::string& clinic_id, const std::string& id,
                                  const std::string& created_by, const MeetingFields& fields);
awaitable<Result<bool>> IsTimeZone(db::Tx& tx, const std::string& name);
// The series and its meetings (drafts, no participants yet); returns the meetings' ids.
awaitable<Result<std::vector<std::string>>> InsertSeries(db::Tx& tx, const std::string& clinic_id,
                                                         const std::string& series_id, const std::string& created_by,
                                                         const SeriesRule& rule);
// With its current participants.
awaitable<Result<std::optional<Meeting>>> Find(db::Tx& tx, const std::string& clinic_id, const std::string& id,
                                               bool for_update);
// Find for update, or 404.
awaitable<Result<Meeting>> Lock(db::Tx& tx, const std::string& clinic_id, const std::string& id);
// Writes every field of `changed` and a new version.
awaitable<Result<Meeting>> Update(db::Tx& tx, const std::string& clinic_id, const Meeting& changed);
awaitable<Result<std::vector<Meeting>>> List(db::Tx& tx, const std::string& clinic_id, const MeetingQuery& query,
                                             const std::optional<std::string>& only_guest);
awaitable<Result<std::vector<Participant>>> Participants(db::Tx& tx, const std::string& clinic_id,
                                                         const std::string& meeting_id);
// The meeting with its participants as this transaction has just written them.
awaitable<Result<Meeting>> WithParticipants(db::Tx& tx, const std::string& clinic_id, Meeting meeting);
void QueueTransition(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id, State from, State to,
                     const std::string& actor);
awaitable<Result<boost::json::array>> Transitions(db::Tx& tx, const std::string& clinic_id,
                                                  const std::string& meeting_id);
// The person's clinic role, if they are a member.
awaitable<Result<std::optional<security::ClinicRole>>> MemberRole(db::Tx& tx, const std::string& clinic_id,
                                                                  const std::string& user_id);
// These write at once, so the transaction can read the participants back.
awaitable<Status> WriteParticipant(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                                   const std::string& user_id, security::MeetingRole role);
awaitable<Status> WriteRemoval(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                               const std::string& user_id);
awaitable<Status> WriteAttendance(db::Tx& tx, const std::string& clinic_id, const std::string& meeting_id,
                                  const std::vector<std::string>& present);

}  // namespace consilium::meetings::repository
