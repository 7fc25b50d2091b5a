#include "modules/identity/password_policy.hpp"

#include "platform/json/fields.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string>
#include <unordered_set>

// The list ships inside the binary (data/common_passwords.txt, one per
// line; its source is in docs/decisions/0002-common-password-list.md).
asm(".section .rodata\n"
    ".global consilium_common_passwords_begin\n"
    "consilium_common_passwords_begin:\n"
    ".incbin \"" CONSILIUM_COMMON_PASSWORDS_FILE "\"\n"
    ".global consilium_common_passwords_end\n"
    "consilium_common_passwords_end:\n"
    ".previous\n");
extern "C" const char consilium_common_passwords_begin[];
extern "C" const char consilium_common_passwords_end[];

namespace consilium::identity {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

struct CommonPasswords {
  std::string text;  // the list, lower-cased; the set points into it
  std::unordered_set<std::string_view> set;
};

const CommonPasswords& List() {
  static const CommonPasswords list = [] {
    CommonPasswords built;
    built.text = Lower(std::string_view(consilium_common_passwords_begin,
                                        consilium_common_passwords_end - consilium_common_passwords_begin));
    std::string_view rest = built.text;
    built.set.reserve(120'000);
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      const std::string_view line = rest.substr(0, end);
      if (!line.empty()) built.set.insert(line);
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
    return built;
  }();
  return list;
}

}  // namespace

bool IsCommonPassword(std::string_view password) { return List().set.contains(Lower(password)); }

std::size_t CommonPasswordCount() { return List().set.size(); }

Status CheckNewPassword(std::string_view password, std::string_view email, std::size_t min_chars) {
  min_chars = std::max(min_chars, kFloorPasswordChars);
  const std::size_t chars = json::CountChars(password);
  if (chars < min_chars || chars > kMaxPasswordChars) {
    return InvalidArgument("the password must be " + std::to_string(min_chars) + " to " +
                           std::to_string(kMaxPasswordChars) + " characters");
  }
  if (password.find('\0') != std::string_view::npos) return InvalidArgument("the password must not contain NUL");
  if (IsCommonPassword(password)) {
    return InvalidArgument("this password is too common (it appears in lists of breached passwords); choose another");
  }
  const std::string lower = Lower(password);
  const std::string lower_email = Lower(email);
  const std::string local_part = lower_email.substr(0, lower_email.find('@'));
  if (lower == lower_email || (!local_part.empty() && lower == local_part)) {
    return InvalidArgument("the password must not be your email address");
  }
  return {};
}

}  // namespace consilium::identity
