#pragma once
// Which new passwords are acceptable (NIST SP 800-63B 5.1.1.2): long enough,
// not too long for us, any characters, no composition rules, and not one of
// the 100,000 most common passwords of at least 8 characters.
#include "platform/error/error.hpp"

#include <cstddef>
#include <string_view>

namespace consilium::identity {

inline constexpr std::size_t kMinPasswordChars = 12;  // a clinic may lower it, never below kFloorPasswordChars
inline constexpr std::size_t kFloorPasswordChars = 8;
inline constexpr std::size_t kMaxPasswordChars = 128;

Status CheckNewPassword(std::string_view password, std::string_view email, std::size_t min_chars = kMinPasswordChars);

// Case-insensitive, O(1) after the first call builds the set.
bool IsCommonPassword(std::string_view password);
std::size_t CommonPasswordCount();

}  // namespace consilium::identity
