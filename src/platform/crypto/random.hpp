#pragma once
// Randomness from OpenSSL's CSPRNG. A failing RNG is an infrastructure fault,
// so these throw rather than return errors.
#include <cstddef>
#include <string>
#include <string_view>

namespace consilium::crypto {

// Throws std::runtime_error if RAND_bytes fails.
std::string RandomBytes(std::size_t n);

// Base64url (no padding) of `bytes` random bytes; e.g. 32 bytes -> 43 chars.
std::string RandomToken(std::size_t bytes);

// Random (version 4) UUID, canonical lowercase 8-4-4-4-12.
std::string NewUuidV4();

// Exactly 36 chars, hex digits (either case) with hyphens at 8, 13, 18, 23.
bool IsCanonicalUuid(std::string_view s);

}  // namespace consilium::crypto
