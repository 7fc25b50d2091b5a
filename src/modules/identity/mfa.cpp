#include "modules/identity/mfa.hpp"

#include "modules/identity/recovery_codes.hpp"
#include "platform/crypto/random.hpp"
#include "platform/crypto/totp.hpp"
#include "platform/qr/qr_svg.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <chrono>

namespace consilium::identity {
namespace {

constexpr std::string_view kIssuer = "Consilium";

// Binds a sealed seed to its person: copied onto another row it does not open.
std::string SealedFor(const std::string& user_id) { return "mfa_totp:" + user_id; }

std::int64_t CurrentStep() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return crypto::TotpStep(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

std::string OtpauthUri(const std::string& secret, const std::string& email) {
  const std::string label = std::string(kIssuer) + ":" + email;
  return "otpauth://totp/" + boost::urls::encode(label, boost::urls::unreserved_chars) + "?secret=" + secret +
         "&issuer=" + std::string(kIssuer) + "&algorithm=SHA1&digits=" + std::to_string(crypto::kTotpDigits) +
         "&period=" + std::to_string(crypto::kTotpStepSeconds);
}

Error NoAuthenticator() {
  return MakeError(ErrorCode::kConflict, "no authenticator app is set up; set one up first");
}

}  // namespace

awaitable<Result<MfaStatus>> ReadMfa(db::Tx& tx, const std::string& user_id) {
  auto rows = co_await tx.Query(
      "SELECT secret_sealed IS NOT NULL, confirmed_at IS NOT NULL, required, cardinality(recovery_code_hashes) "
      "FROM mfa_totp WHERE user_id = $1",
      user_id);
  if (!rows) co_return rows.error();
  MfaStatus status;
  if (rows->empty()) co_return status;
  if (rows->Get(0, 1) == "t") {
    status.state = MfaState::kActive;
  } else if (rows->Get(0, 0) == "t") {
    status.state = MfaState::kPending;
  }
  status.required = rows->Get(0, 2) == "t";
  status.recovery_codes_left = std::stoi(rows->Text(0, 3));
  co_return status;
}

awaitable<Result<TotpEnrolment>> BeginTotpEnrolment(db::Tx& tx, const crypto::SecretBox& secrets,
                                                    const std::string& user_id, const std::string& email) {
  auto current = co_await ReadMfa(tx, user_id);
  if (!current) co_return current.error();
  if (current->state == MfaState::kActive) {
    co_return MakeError(ErrorCode::kConflict, "an authenticator app is already set up");
  }
  const std::string seed = crypto::RandomBytes(crypto::kTotpSecretBytes);
  const std::string sealed = secrets.Seal(seed, SealedFor(user_id));
  tx.Defer(
      "INSERT INTO mfa_totp (user_id, secret_sealed) VALUES ($1, $2) "
      "ON CONFLICT (user_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, confirmed_at = NULL, "
      "last_used_step = 0, recovery_code_hashes = '{}', updated_at = now()",
      user_id, sealed);
  TotpEnrolment enrolment{crypto::Base32Encode(seed), "", ""};
  enrolment.otpauth_uri = OtpauthUri(enrolment.secret, email);
  enrolment.qr_svg = qr::QrCodeSvg(enrolment.otpauth_uri);
  co_return enrolment;
}

awaitable<Result<SpentFactor>> SpendSecondFactor(db::Tx& tx, const crypto::SecretBox& secrets,
                                                 const std::string& user_id, const SecondFactor& factor) {
  // The row lock makes two requests with the same code take turns: one wins.
  auto rows = co_await tx.Query(
      "SELECT secret_sealed, confirmed_at IS NOT NULL, last_used_step FROM mfa_totp "
      "WHERE user_id = $1 AND secret_sealed IS NOT NULL FOR UPDATE",
      user_id);
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return NoAuthenticator();
  const bool active = rows->Get(0, 1) == "t";
  SpentFactor spent;
  if (factor.is_recovery_code) {
    if (!active) co_return NoAuthenticator();
    auto removed = co_await tx.Query(
        "UPDATE mfa_totp SET recovery_code_hashes = array_remove(recovery_code_hashes, $2), updated_at = now() "
        "WHERE user_id = $1 AND $2 = ANY(recovery_code_hashes)",
        user_id, RecoveryCodeHash(factor.value));
    if (!removed) co_return removed.error();
    spent.accepted = removed->Affected() == 1;
    co_return spent;
  }
  auto seed = secrets.Open(rows->Get(0, 0), SealedFor(user_id));
  if (!seed) co_return seed.error();
  const auto step = crypto::MatchTotp(*seed, factor.value, CurrentStep());
  if (!step || *step <= std::stoll(rows->Text(0, 2))) co_return spent;
  spent.accepted = true;
  const std::string used_step = std::to_string(*step);
  if (active) {
    tx.Defer("UPDATE mfa_totp SET last_used_step = $2, updated_at = now() WHERE user_id = $1", user_id, used_step);
    co_return spent;
  }
  spent.new_recovery_codes = NewRecoveryCodes();
  tx.Defer(
      "UPDATE mfa_totp SET last_used_step = $2, confirmed_at = now(), required = true, recovery_code_hashes = $3, "
      "updated_at = now() WHERE user_id = $1",
      user_id, used_step, RecoveryCodeHashArray(spent.new_recovery_codes));
  co_return spent;
}

std::vector<std::string> ReplaceRecoveryCodes(db::Tx& tx, const std::string& user_id) {
  auto codes = NewRecoveryCodes();
  tx.Defer("UPDATE mfa_totp SET recovery_code_hashes = $2, updated_at = now() WHERE user_id = $1", user_id,
           RecoveryCodeHashArray(codes));
  return codes;
}

void QueueMfaReset(db::Tx& tx, const std::string& user_id) {
  tx.Defer(
      "UPDATE mfa_totp SET secret_sealed = NULL, confirmed_at = NULL, recovery_code_hashes = '{}', "
      "updated_at = now() WHERE user_id = $1",
      user_id);
}

}  // namespace consilium::identity
