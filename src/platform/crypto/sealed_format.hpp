#pragma once
// The bytes of a sealed object (a file or a field value), version 1. Why this
// format: docs/decisions/0004-encryption-format.md.
//
//   header: magic "CSEA" | version (1) | chunk size (u32 BE) | nonce prefix (7)
//           | key commitment (32) | key reference length (u16 BE) | key reference
//   then the chunks, each AES-256-GCM ciphertext then tag (16), with
//     nonce = nonce prefix | chunk index (u32 BE) | 1 on the last chunk, else 0
//     associated data = SHA-256(header | the caller's associated data)
//
// Every chunk but the last holds exactly `chunk size` plaintext bytes; the
// last holds 0 to `chunk size` (0 only for an empty object).
#include "platform/crypto/aes_gcm.hpp"
#include "platform/crypto/symmetric_key.hpp"
#include "platform/error/error.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace consilium::crypto {

inline constexpr std::size_t kNoncePrefixBytes = 7;
inline constexpr std::size_t kKeyCommitmentBytes = 32;
inline constexpr std::size_t kMaxKeyReferenceBytes = 1024;
inline constexpr std::size_t kMinChunkBytes = 1;
// Bounds what a decryptor buffers before the tag of a chunk is checked.
inline constexpr std::size_t kMaxChunkBytes = std::size_t{4} << 20;
inline constexpr std::size_t kDefaultChunkBytes = std::size_t{64} << 10;
// The chunk index is 32 bits.
inline constexpr std::uint64_t kMaxChunks = std::uint64_t{1} << 32;

struct SealedHeader {
  std::uint32_t chunk_bytes = 0;
  std::array<unsigned char, kNoncePrefixBytes> nonce_prefix{};
  // Binds the object to its data key: AES-GCM alone does not, and this names a wrong key as such.
  std::array<unsigned char, kKeyCommitmentBytes> key_commitment{};
  // Opaque to the format (the caller's key id, version and wrapped data key), but authenticated.
  std::string key_reference;
};

struct ParsedSealedHeader {
  SealedHeader header;
  std::size_t size = 0;  // bytes the header took
};

// A header for a new object under `key`, with a fresh nonce prefix. Throws std::invalid_argument if
// `key_reference` is longer than kMaxKeyReferenceBytes or `chunk_bytes` is outside [kMinChunkBytes, kMaxChunkBytes].
SealedHeader NewSealedHeader(const SymmetricKey& key, std::string_view key_reference, std::size_t chunk_bytes);

std::string SerializeSealedHeader(const SealedHeader& header);

// Reads the header at the start of `bytes`: nullopt while more bytes are needed, an error as soon as the
// bytes cannot be a header this version reads (unknown magic or version, a field out of range).
Result<std::optional<ParsedSealedHeader>> ParseSealedHeader(std::string_view bytes);

// Whether `header` was written for `key` (constant time).
bool CommitsToKey(const SealedHeader& header, const SymmetricKey& key);

// The associated data of every chunk of the object whose serialized header is `serialized_header`.
std::string ChunkAssociatedData(std::string_view serialized_header, std::string_view associated_data);

internal::GcmNonce ChunkNonce(const SealedHeader& header, std::uint32_t index, bool last);

// Every failure to read a sealed object: stored data that does not decrypt is the server's fault (500),
// and `message` says what was wrong with it; it never holds any of the data.
Error UnreadableSealedData(std::string message);

}  // namespace consilium::crypto
