#pragma once
// People and sign-in. A person's sign-in identity is global; what a clinic
// sees of a person is the membership in that clinic and nothing more.
#include "modules/identity/guessing_defences.hpp"
#include "modules/identity/password_workers.hpp"
#include "modules/identity/sessions.hpp"
#include "security/endpoints.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>

namespace consilium::identity {

using boost::asio::awaitable;

struct NewMember {
  std::string clinic_id;
  std::string email;
  std::string display_name;
  std::string password;
  security::ClinicRole role;
};

// Adds a membership, creating the person first if the email is new (an
// existing person keeps their password). Returns the person's id.
awaitable<Result<std::string>> AddMember(const security::RequestContext& context, PasswordWorkers& passwords,
                                         const NewMember& member);

// What sign-in needs besides the request; the server owns these.
struct IdentityServices {
  PasswordWorkers& passwords;
  const SessionPolicy& sessions;
  const GuessingPolicy& guessing;
  AddressThrottle& throttle;
};

struct SignedIn {
  security::Principal principal;
  std::string email;
  std::string display_name;
  boost::json::array memberships;  // [{clinic_id, clinic_name, role}]
  std::string refresh_token;
};

// Password sign-in. Unknown person, wrong password, disabled or locked
// account all get the same answer after the same bcrypt work; an address
// that keeps failing is made to wait (429).
awaitable<Result<SignedIn>> SignIn(http::Request& request, const IdentityServices& services, const std::string& email,
                                   const std::string& password, const std::optional<std::string>& clinic_id);

// Needs the current password; the new one must pass the password policy.
// Ends the person's other sessions.
awaitable<Status> ChangePassword(const security::RequestContext& context, const IdentityServices& services,
                                 const std::string& current_password, const std::string& new_password);

// An administrator lifts a member's lock after failed sign-ins.
awaitable<Status> UnlockMember(const security::RequestContext& context, const std::string& user_id);

void RegisterRoutes(security::Endpoints& endpoints, const security::AccessTokens& tokens,
                    const IdentityServices& services);

}  // namespace consilium::identity
