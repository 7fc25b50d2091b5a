#pragma once
// What the gate needs to decide a meeting route for someone whose clinic
// role does not already allow it: does the meeting exist in this clinic,
// what state is it in, and what is the caller's role in it.
#include "security/principal.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

namespace consilium::security {

struct MeetingAccess {
  bool exists = false;
  bool open_to_guests = false;  // scheduled or in progress
  std::optional<MeetingRole> role;
};

boost::asio::awaitable<Result<MeetingAccess>> LookUpMeetingAccess(const RequestContext& context,
                                                                 const std::string& meeting_id);

}  // namespace consilium::security
