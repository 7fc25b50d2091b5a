#pragma once
// Sessions: started by a sign-in, extended by refresh tokens (opaque, 256
// bits, stored only as SHA-256, rotated on every use; a reused one revokes
// the whole session), ended by the person, an administrator, or time.
#include "security/principal.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/array.hpp>

#include <chrono>
#include <string>

namespace consilium::identity {

using boost::asio::awaitable;

struct SessionPolicy {
  std::chrono::minutes idle{30};      // without a refresh, the session ends
  std::chrono::minutes absolute{720};  // whatever happens, the session ends
};

// Queues the session row and its first refresh token into a transaction
// that runs in the principal's clinic; returns the refresh token.
std::string StartSession(db::Tx& tx, const security::RequestContext& context, const SessionPolicy& policy);

struct Refreshed {
  security::Principal principal;
  std::string refresh_token;
};
awaitable<Result<Refreshed>> RefreshSession(http::Request& request, const SessionPolicy& policy,
                                            const std::string& refresh_token);

awaitable<Result<boost::json::array>> ListOwnSessions(const security::RequestContext& context);
awaitable<Status> RevokeOwnSession(const security::RequestContext& context, const std::string& session_id);
awaitable<Status> RevokeAllOwnSessions(const security::RequestContext& context);
// An administrator ends every session a member has in this clinic.
awaitable<Status> RevokeMemberSessions(const security::RequestContext& context, const std::string& user_id);
// Moves the current session to another of the person's memberships.
awaitable<Result<security::Principal>> SwitchClinic(const security::RequestContext& context,
                                                    const std::string& clinic_id);

}  // namespace consilium::identity
