#include "platform/crypto/sealed_format.hpp"

#include "platform/crypto/big_endian.hpp"
#include "platform/crypto/hash.hpp"
#include "platform/crypto/openssl_util.hpp"
#include "platform/crypto/random.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <stdexcept>

namespace consilium::crypto {
namespace {

constexpr std::string_view kMagic = "CSEA";
constexpr unsigned char kVersion = 1;
constexpr std::size_t kChunkBytesWidth = 4;
constexpr std::size_t kKeyReferenceLengthWidth = 2;
constexpr std::size_t kChunkIndexWidth = 4;
constexpr std::size_t kVersionAt = kMagic.size();
constexpr std::size_t kChunkBytesAt = kVersionAt + 1;
constexpr std::size_t kNoncePrefixAt = kChunkBytesAt + kChunkBytesWidth;
constexpr std::size_t kKeyCommitmentAt = kNoncePrefixAt + kNoncePrefixBytes;
constexpr std::size_t kKeyReferenceLengthAt = kKeyCommitmentAt + kKeyCommitmentBytes;
constexpr std::size_t kKeyReferenceAt = kKeyReferenceLengthAt + kKeyReferenceLengthWidth;
constexpr std::string_view kKeyCommitmentLabel = "consilium sealed object v1 key commitment";

template <std::size_t N>
std::string_view Chars(const std::array<unsigned char, N>& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), N};
}

template <std::size_t N>
void CopyInto(std::array<unsigned char, N>& out, std::string_view bytes) {
  std::copy_n(bytes.begin(), N, out.begin());
}

// HMAC-SHA256 under the data key of a label and the nonce prefix: a PRF of the key, so it reveals nothing
// of it, and a different value for each object.
std::array<unsigned char, kKeyCommitmentBytes> KeyCommitment(
    const SymmetricKey& key, const std::array<unsigned char, kNoncePrefixBytes>& nonce_prefix) {
  std::string message(kKeyCommitmentLabel);
  message += Chars(nonce_prefix);
  std::array<unsigned char, kKeyCommitmentBytes> commitment{};
  static_assert(kKeyCommitmentBytes == kSha256Bytes);
  CopyInto(commitment, HmacSha256(key.bytes(), message));
  return commitment;
}

}  // namespace

SealedHeader NewSealedHeader(const SymmetricKey& key, std::string_view key_reference, std::size_t chunk_bytes) {
  if (key_reference.size() > kMaxKeyReferenceBytes) throw std::invalid_argument("key reference too long");
  if (chunk_bytes < kMinChunkBytes || chunk_bytes > kMaxChunkBytes) throw std::invalid_argument("bad chunk size");
  SealedHeader header;
  header.chunk_bytes = static_cast<std::uint32_t>(chunk_bytes);
  CopyInto(header.nonce_prefix, RandomBytes(kNoncePrefixBytes));
  header.key_commitment = KeyCommitment(key, header.nonce_prefix);
  header.key_reference = key_reference;
  return header;
}

std::string SerializeSealedHeader(const SealedHeader& header) {
  std::string out(kMagic);
  out.push_back(static_cast<char>(kVersion));
  internal::AppendBigEndian(out, header.chunk_bytes, kChunkBytesWidth);
  out += Chars(header.nonce_prefix);
  out += Chars(header.key_commitment);
  internal::AppendBigEndian(out, header.key_reference.size(), kKeyReferenceLengthWidth);
  out += header.key_reference;
  return out;
}

Result<std::optional<ParsedSealedHeader>> ParseSealedHeader(std::string_view bytes) {
  const std::size_t magic_seen = std::min(bytes.size(), kMagic.size());
  if (bytes.substr(0, magic_seen) != kMagic.substr(0, magic_seen)) {
    return UnreadableSealedData("the data is not in the sealed format (unknown magic)");
  }
  if (bytes.size() <= kVersionAt) return std::nullopt;
  if (const auto version = static_cast<unsigned char>(bytes[kVersionAt]); version != kVersion) {
    return UnreadableSealedData(fmt::format("unknown sealed format version {}", version));
  }
  if (bytes.size() < kKeyReferenceAt) return std::nullopt;
  ParsedSealedHeader parsed;
  const auto chunk_bytes = internal::ReadBigEndian(bytes.substr(kChunkBytesAt), kChunkBytesWidth);
  if (chunk_bytes < kMinChunkBytes || chunk_bytes > kMaxChunkBytes) {
    return UnreadableSealedData(
        fmt::format("the sealed header is malformed: chunk size {} is out of range", chunk_bytes));
  }
  const auto key_reference_bytes =
      internal::ReadBigEndian(bytes.substr(kKeyReferenceLengthAt), kKeyReferenceLengthWidth);
  if (key_reference_bytes > kMaxKeyReferenceBytes) {
    return UnreadableSealedData(
        fmt::format("the sealed header is malformed: a key reference of {} bytes is too long", key_reference_bytes));
  }
  parsed.size = kKeyReferenceAt + key_reference_bytes;
  if (bytes.size() < parsed.size) return std::nullopt;
  parsed.header.chunk_bytes = static_cast<std::uint32_t>(chunk_bytes);
  CopyInto(parsed.header.nonce_prefix, bytes.substr(kNoncePrefixAt));
  CopyInto(parsed.header.key_commitment, bytes.substr(kKeyCommitmentAt));
  parsed.header.key_reference = bytes.substr(kKeyReferenceAt, key_reference_bytes);
  return parsed;
}

bool CommitsToKey(const SealedHeader& header, const SymmetricKey& key) {
  const auto expected = KeyCommitment(key, header.nonce_prefix);
  return CRYPTO_memcmp(expected.data(), header.key_commitment.data(), expected.size()) == 0;
}

std::string ChunkAssociatedData(std::string_view serialized_header, std::string_view associated_data) {
  std::string hashed(serialized_header);
  hashed += associated_data;
  return Sha256(hashed);
}

static_assert(kNoncePrefixBytes + kChunkIndexWidth + 1 == internal::kGcmNonceBytes);

internal::GcmNonce ChunkNonce(const SealedHeader& header, std::uint32_t index, bool last) {
  internal::GcmNonce nonce{};
  std::copy(header.nonce_prefix.begin(), header.nonce_prefix.end(), nonce.begin());
  for (std::size_t i = 0; i < kChunkIndexWidth; ++i) {
    nonce[kNoncePrefixBytes + i] = static_cast<unsigned char>(index >> (8 * (kChunkIndexWidth - 1 - i)));
  }
  nonce[kNoncePrefixBytes + kChunkIndexWidth] = last ? 1 : 0;
  return nonce;
}

Error UnreadableSealedData(std::string message) {
  std::string detail = "sealed data: " + message;
  return MakeError(ErrorCode::kInternal, std::move(message), std::move(detail));
}

}  // namespace consilium::crypto
