#include "platform/crypto/encoding.hpp"

#include <cstdint>

namespace consilium::crypto {
namespace {

constexpr std::string_view kBase64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string EncodeWith(std::string_view alphabet, std::string_view bytes, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  auto byte_at = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])); };
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = (byte_at(i) << 16) | (byte_at(i + 1) << 8) | byte_at(i + 2);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t v = byte_at(i) << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    if (pad) out += "==";
  } else if (rest == 2) {
    const std::uint32_t v = (byte_at(i) << 16) | (byte_at(i + 1) << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    if (pad) out += '=';
  }
  return out;
}

int Base64UrlValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

Error DecodeError(std::string detail) {
  return MakeError(ErrorCode::kInvalidArgument, "invalid base64url", "base64url: " + std::move(detail));
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) { return EncodeWith(kBase64UrlAlphabet, bytes, false); }

std::string Base64Encode(std::string_view bytes) { return EncodeWith(kBase64Alphabet, bytes, true); }

Result<std::string> Base64UrlDecode(std::string_view text) {
  if (text.size() % 4 == 1) return DecodeError("impossible length " + std::to_string(text.size()));
  std::string out;
  out.reserve(text.size() * 3 / 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const int value = Base64UrlValue(text[i]);
    if (value < 0) {
      return DecodeError(text[i] == '=' ? "padding not allowed" : "invalid character at offset " + std::to_string(i));
    }
    buffer = ((buffer << 6) | static_cast<std::uint32_t>(value)) & 0xfff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  if ((buffer & ((1u << bits) - 1)) != 0) return DecodeError("non-zero trailing bits");
  return out;
}

std::string HexEncode(std::string_view bytes) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    out += kDigits[byte >> 4];
    out += kDigits[byte & 0x0f];
  }
  return out;
}

Result<std::string> HexDecode(std::string_view text) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (text.size() % 2 != 0) return InvalidArgument("hex text has an odd length");
  std::string out;
  out.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = nibble(text[i]);
    const int low = nibble(text[i + 1]);
    if (high < 0 || low < 0) return InvalidArgument("not lowercase hex");
    out += static_cast<char>((high << 4) | low);
  }
  return out;
}

}  // namespace consilium::crypto
