#pragma once
// Internal to the identity module: finding a person by email on the sign-in
// path, and counting their failed passwords.
#include "modules/identity/guessing_defences.hpp"
#include "platform/db/transaction.hpp"

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
};

awaitable<Result<std::optional<Person>>> FindPerson(const std::string& email);
// Counts a failed password; the threshold-th in a row locks the account.
awaitable<Status> RecordFailedPassword(const std::string& user_id, const GuessingPolicy& policy);
awaitable<Status> ClearFailedPasswords(const std::string& user_id);
// Inside a clinic transaction: 404 unless the person is a member of that clinic.
awaitable<Status> RequireMember(db::Tx& tx, const std::string& clinic_id, const std::string& user_id);

}  // namespace consilium::identity
