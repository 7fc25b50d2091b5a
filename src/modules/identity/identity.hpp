#pragma once
// People and sign-in. A person's sign-in identity is global; what a clinic
// sees of a person is the membership in that clinic and nothing more.
#include "modules/identity/guessing_defences.hpp"
#include "modules/identity/mfa.hpp"
#include "modules/identity/password_workers.hpp"
#include "modules/identity/sessions.hpp"
#include "security/endpoints.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>
#include <variant>
#include <vector>

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
  const crypto::SecretBox& secrets;
};

struct SignedIn {
  security::Principal principal;
  std::string email;
  std::string display_name;
  boost::json::array memberships;  // [{clinic_id, clinic_name, role, mfa_required}]
  std::string refresh_token;
  std::vector<std::string> recovery_codes;  // only when this sign-in confirmed a new authenticator
};

// A correct password that still needs a second step, identified by an
// opaque token (5 minutes, 5 wrong codes).
struct MfaChallenge {
  enum class Next { kCode, kEnrolment } next;
  std::string token;
};
inline constexpr std::chrono::minutes kMfaChallengeLifetime{5};

// Password sign-in. Unknown person, wrong password, disabled or locked
// account all get the same answer after the same bcrypt work; an address
// that keeps failing is made to wait (429). A person with an authenticator,
// or signing in to a clinic that requires one, gets a challenge instead of
// a session.
awaitable<Result<std::variant<SignedIn, MfaChallenge>>> SignIn(http::Request& request,
                                                                const IdentityServices& services,
                                                                const std::string& email, const std::string& password,
                                                                const std::optional<std::string>& clinic_id);

// The second step: a TOTP code or a recovery code. Wrong ones count towards
// the account's lockout like wrong passwords.
awaitable<Result<SignedIn>> CompleteSignIn(http::Request& request, const IdentityServices& services,
                                           const std::string& mfa_token, const SecondFactor& factor);

// Enrolment forced at sign-in: the secret for a person without an
// authenticator; the first code, given to CompleteSignIn, confirms it.
awaitable<Result<TotpEnrolment>> BeginSignInEnrolment(http::Request& request, const IdentityServices& services,
                                                      const std::string& mfa_token);

// A signed-in person's own authenticator. Setting one up needs the password
// again, so a stolen session cannot put its own authenticator in place.
awaitable<Result<MfaStatus>> OwnMfaStatus(const security::RequestContext& context);
awaitable<Result<TotpEnrolment>> BeginOwnEnrolment(const security::RequestContext& context,
                                                   const IdentityServices& services, const std::string& password);
// Returns the recovery codes, shown once.
awaitable<Result<std::vector<std::string>>> ConfirmOwnEnrolment(const security::RequestContext& context,
                                                                const IdentityServices& services,
                                                                const std::string& code);
// Needs a current TOTP code; the unused recovery codes are replaced.
awaitable<Result<std::vector<std::string>>> RenewRecoveryCodes(const security::RequestContext& context,
                                                               const IdentityServices& services,
                                                               const std::string& code);
// An administrator resets a member's authenticator (lost phone): they set
// up a new one at their next sign-in.
awaitable<Status> ResetMemberMfa(const security::RequestContext& context, const std::string& user_id);

// Needs the current password; the new one must pass the password policy.
// Ends the person's other sessions.
awaitable<Status> ChangePassword(const security::RequestContext& context, const IdentityServices& services,
                                 const std::string& current_password, const std::string& new_password);

// An administrator lifts a member's lock after failed sign-ins.
awaitable<Status> UnlockMember(const security::RequestContext& context, const std::string& user_id);

void RegisterRoutes(security::Endpoints& endpoints, const security::AccessTokens& tokens,
                    const IdentityServices& services);

}  // namespace consilium::identity
