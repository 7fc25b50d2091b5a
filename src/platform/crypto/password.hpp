#pragma once
// Password hashing: bcrypt through libxcrypt.
#include "platform/error/error.hpp"

#include <string>
#include <string_view>

namespace consilium::crypto {

inline constexpr int kBcryptCost = 12;
inline constexpr int kMinBcryptCost = 4;   // bcrypt's own floor; for unit tests only
inline constexpr int kMaxBcryptCost = 31;  // bcrypt's own ceiling

// "$2b$<cost>$..." (60 chars). Internal error if the cost is out of range or
// libxcrypt fails. Any length and any bytes are accepted.
Result<std::string> HashPassword(std::string_view password, int cost = kBcryptCost);

// Constant-time comparison of the recomputed hash; false for a wrong password
// or a malformed/unsupported stored hash.
bool VerifyPassword(std::string_view password, std::string_view stored_hash);

// A valid cost-12 hash of a random password, computed once (thread-safe), so
// sign-in for an unknown account spends the same time as for a known one.
// The first call costs one bcrypt; call it at start-up to keep that off a
// request.
const std::string& DummyPasswordHash();

}  // namespace consilium::crypto
