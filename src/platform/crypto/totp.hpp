#pragma once
// Time-based one-time passwords (RFC 6238) as authenticator apps make them:
// HMAC-SHA1, 6 digits, 30-second steps. The arithmetic is liboath's; the
// comparison is ours, in constant time.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace consilium::crypto {

inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, as RFC 4226 recommends
inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;

// The step a Unix time falls in.
std::int64_t TotpStep(std::int64_t unix_seconds);

// The code for one step, `digits` long (6 to 8). Throws std::runtime_error if
// liboath fails, which only a broken library does.
std::string TotpCode(std::string_view secret, std::int64_t step, int digits = kTotpDigits);

// The step, within `window` steps either side of `now_step`, whose code is
// `code`; every candidate is computed and compared, so the time taken does
// not depend on which one matched.
std::optional<std::int64_t> MatchTotp(std::string_view secret, std::string_view code, std::int64_t now_step,
                                      int window = 1);

// RFC 4648 base32 without padding, as otpauth:// URIs carry secrets.
std::string Base32Encode(std::string_view bytes);

}  // namespace consilium::crypto
