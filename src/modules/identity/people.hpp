#pragma once
// Internal to the identity module: finding a person by email on the sign-in
// path, and counting their failed passwords.
#include "modules/identity/identity.hpp"
#include "platform/db/transaction.hpp"
#include "security/audit.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

namespace consilium::identity {

using boost::asio::awaitable;

struct Person {
  std::string id;
  std::string display_name;
  std::string email;
  bool disabled = false;
  std::string password_hash;
  bool locked = false;
  bool mfa_active = false;    // has a confirmed authenticator
  bool mfa_required = false;  // must use one, even if it was reset
};

awaitable<Result<std::optional<Person>>> FindPerson(const std::string& email);

// The clinics a person may work in: their memberships that are not disabled, by clinic name.
struct Membership {
  std::string clinic_id;
  std::string clinic_name;
  security::ClinicRole role;
  bool mfa_required;
};
awaitable<Result<std::vector<Membership>>> Memberships(const std::string& user_id);
// [{clinic_id, clinic_name, role, mfa_required}]
boost::json::array MembershipsJson(const std::vector<Membership>& memberships);
// Counts a failed password or code; the threshold-th in a row locks the
// account, and the lock is recorded (account.lock) in each of the person's clinics.
awaitable<Status> RecordFailedPassword(http::Request& request, const std::string& user_id,
                                       const GuessingPolicy& policy);
// A sign-in event no session speaks for yet (a wrong password, a refusal, a
// lock): recorded as the person in every clinic they have a membership in,
// disabled ones too, so that each clinic sees what happens to its members' accounts.
awaitable<Status> RecordForPerson(http::Request& request, const std::string& user_id,
                                  const security::AuditEntry& entry);
awaitable<Status> ClearFailedPasswords(const std::string& user_id);
// The signed-in person's password, checked like at sign-in (a wrong one
// counts towards the lockout). Returns their email.
awaitable<Result<std::string>> CheckOwnPassword(const security::RequestContext& context,
                                                const IdentityServices& services, const std::string& password);
// The longest minimum password length among the person's clinics.
awaitable<Result<std::size_t>> StrictestPasswordLength(const std::string& user_id);
// Inside a clinic transaction: whether failed sign-ins have locked the person out.
awaitable<Result<bool>> IsLocked(db::Tx& tx, const std::string& user_id);
// Inside a clinic transaction: 404 unless the person is a member of that clinic.
awaitable<Status> RequireMember(db::Tx& tx, const std::string& clinic_id, const std::string& user_id);

}  // namespace consilium::identity
