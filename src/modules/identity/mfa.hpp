#pragma once
// Internal to the identity module: a person's TOTP authenticator and
// recovery codes, read and spent inside the caller's transaction (which
// also writes the audit record).
#include "platform/crypto/secret_box.hpp"
#include "platform/db/transaction.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>
#include <vector>

namespace consilium::identity {

using boost::asio::awaitable;

enum class MfaState { kNone, kPending, kActive };

struct MfaStatus {
  MfaState state = MfaState::kNone;
  bool required = false;  // the person has used MFA before: sign-in keeps asking for it
  int recovery_codes_left = 0;
};

awaitable<Result<MfaStatus>> ReadMfa(db::Tx& tx, const std::string& user_id);

struct TotpEnrolment {
  std::string secret;  // base32, for typing into an app that cannot scan
  std::string otpauth_uri;
  std::string qr_svg;
};

// A new secret, pending until its first code confirms it; replaces any
// earlier pending one. 409 if an authenticator is already active.
awaitable<Result<TotpEnrolment>> BeginTotpEnrolment(db::Tx& tx, const crypto::SecretBox& secrets,
                                                    const std::string& user_id, const std::string& email);

struct SecondFactor {
  bool is_recovery_code = false;
  std::string value;
};

struct SpentFactor {
  bool accepted = false;
  // A TOTP code that confirmed a pending enrolment: these recovery codes
  // were just made, to be shown once.
  std::vector<std::string> new_recovery_codes;
};

// Checks the code (±1 step, never a step already used) or the recovery
// code (each once) and spends it. A wrong one is `accepted == false`, not an
// error, so the caller's transaction can still record the failure. 409 if
// there is no authenticator to check against.
awaitable<Result<SpentFactor>> SpendSecondFactor(db::Tx& tx, const crypto::SecretBox& secrets,
                                                 const std::string& user_id, const SecondFactor& factor);

// Replaces the unused recovery codes with ten new ones, returned to be shown once.
std::vector<std::string> ReplaceRecoveryCodes(db::Tx& tx, const std::string& user_id);

// An administrator's reset: the authenticator and recovery codes are gone,
// and the person enrols a new one at their next sign-in.
void QueueMfaReset(db::Tx& tx, const std::string& user_id);

}  // namespace consilium::identity
