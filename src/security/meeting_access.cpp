#include "security/meeting_access.hpp"

namespace consilium::security {

boost::asio::awaitable<Result<MeetingAccess>> LookUpMeetingAccess(const RequestContext& context,
                                                                 const std::string& meeting_id) {
  MeetingAccess access;
  auto status = co_await db::InClinic(context.Scope(), [&](db::Tx& tx) -> boost::asio::awaitable<Status> {
    auto rows = co_await tx.Query(
        "SELECT m.state IN ('scheduled', 'in_progress'), p.meeting_role::text FROM meetings m "
        "LEFT JOIN meeting_participants p ON p.clinic_id = m.clinic_id AND p.meeting_id = m.id "
        "AND p.user_id = $3 AND p.removed_at IS NULL "
        "WHERE m.clinic_id = $1 AND m.id = $2",
        context.principal->clinic_id, meeting_id, context.principal->user_id);
    if (!rows) co_return rows.error();
    if (rows->empty()) co_return Status{};
    access.exists = true;
    access.open_to_guests = rows->Get(0, 0) == "t";
    if (!rows->IsNull(0, 1)) access.role = ParseMeetingRole(rows->Get(0, 1));
    co_return Status{};
  });
  if (!status) co_return status.error();
  co_return access;
}

}  // namespace consilium::security
