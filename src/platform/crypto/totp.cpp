#include "platform/crypto/totp.hpp"

#include "platform/crypto/hash.hpp"

#include <liboath/oath.h>

#include <mutex>
#include <stdexcept>

namespace consilium::crypto {
namespace {

void InitialiseOath() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath failed to initialise");
  });
}

}  // namespace

std::int64_t TotpStep(std::int64_t unix_seconds) { return unix_seconds / kTotpStepSeconds; }

std::string TotpCode(std::string_view secret, std::int64_t step, int digits) {
  InitialiseOath();
  char code[16] = {};
  const auto at = static_cast<time_t>(step * kTotpStepSeconds);
  if (oath_totp_generate(secret.data(), secret.size(), at, kTotpStepSeconds, 0, static_cast<unsigned>(digits), code) !=
      OATH_OK) {
    throw std::runtime_error("liboath could not compute a TOTP code");
  }
  return code;
}

std::optional<std::int64_t> MatchTotp(std::string_view secret, std::string_view code, std::int64_t now_step,
                                      int window) {
  std::optional<std::int64_t> matched;
  for (std::int64_t step = now_step - window; step <= now_step + window; ++step) {
    const bool equal = ConstantTimeEqual(TotpCode(secret, step), code);
    if (equal && !matched) matched = step;
  }
  return matched;
}

std::string Base32Encode(std::string_view bytes) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

}  // namespace consilium::crypto
