#include "modules/identity/recovery_codes.hpp"

#include "platform/crypto/encoding.hpp"
#include "platform/crypto/hash.hpp"
#include "platform/crypto/random.hpp"
#include "platform/crypto/totp.hpp"
#include "platform/db/array_literal.hpp"

#include <cctype>

namespace consilium::identity {
namespace {

constexpr std::size_t kCodeBytes = 15;  // 120 bits, 24 base32 characters
constexpr std::size_t kGroup = 4;

}  // namespace

std::vector<std::string> NewRecoveryCodes() {
  std::vector<std::string> codes;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    const std::string plain = crypto::Base32Encode(crypto::RandomBytes(kCodeBytes));
    std::string grouped;
    for (std::size_t at = 0; at < plain.size(); at += kGroup) {
      if (!grouped.empty()) grouped += '-';
      grouped += plain.substr(at, kGroup);
    }
    for (char& c : grouped) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    codes.push_back(std::move(grouped));
  }
  return codes;
}

std::string RecoveryCodeHash(std::string_view typed) {
  std::string normal;
  for (const char c : typed) {
    if (c == '-' || c == ' ') continue;
    normal += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return crypto::HexEncode(crypto::Sha256(normal));
}

std::string RecoveryCodeHashArray(const std::vector<std::string>& codes) {
  std::vector<std::string> hashes;
  for (const auto& code : codes) hashes.push_back(RecoveryCodeHash(code));
  return db::ArrayLiteral(hashes);
}

}  // namespace consilium::identity
