#pragma once
// Recovery codes: ten single-use look-up secrets (NIST SP 800-63B 5.1.2)
// for when the authenticator is lost. Each has 120 random bits, so storing
// its SHA-256 is enough; they are shown once, grouped for reading aloud:
// "k7dq-2xhm-..." (six groups of four).
#include <string>
#include <string_view>
#include <vector>

namespace consilium::identity {

inline constexpr int kRecoveryCodeCount = 10;

std::vector<std::string> NewRecoveryCodes();
// Hex SHA-256 of the code as typed, ignoring case, spaces and hyphens.
std::string RecoveryCodeHash(std::string_view typed);
// The hashes as a PostgreSQL text[] literal.
std::string RecoveryCodeHashArray(const std::vector<std::string>& codes);

}  // namespace consilium::identity
