#pragma once
// Streamed authenticated encryption of files and field values: the STREAM
// construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015) over AES-256-GCM,
// chunk by chunk, so any size goes through in constant memory. A reader
// learns of any altered, reordered, duplicated, dropped or cut chunk and of
// anything appended; it releases no byte of a chunk before its tag checks.
// The bytes: sealed_format.hpp; why: docs/decisions/0004-encryption-format.md.
//
// `associated_data` is not stored: it names where the object belongs (e.g.
// "file:<id>"), so a ciphertext copied elsewhere does not decrypt.
#include "platform/crypto/aes_gcm.hpp"
#include "platform/crypto/sealed_format.hpp"
#include "platform/crypto/symmetric_key.hpp"
#include "platform/error/error.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace consilium::crypto {

class SealedStreamEncryptor {
 public:
  // `key` is the object's own fresh data key and `key_reference` how the caller finds it again (key id,
  // version, wrapped key): both go in the header. Throws std::invalid_argument if `key_reference` is longer
  // than kMaxKeyReferenceBytes or `chunk_bytes` is outside [kMinChunkBytes, kMaxChunkBytes].
  SealedStreamEncryptor(const SymmetricKey& key, std::string_view key_reference, std::string_view associated_data,
                        std::size_t chunk_bytes = kDefaultChunkBytes);

  // Appends to `ciphertext` the header (on the first call) and each chunk `plaintext` completes; it holds
  // back up to one chunk, since only Finish knows which chunk is the last. Pieces may be of any size.
  // Throws std::length_error past kMaxChunks chunks.
  void Update(std::string_view plaintext, std::string& ciphertext);
  // Appends the last chunk (and the header if no Update wrote it). Call once, after the last Update.
  void Finish(std::string& ciphertext);

 private:
  void WriteHeaderOnce(std::string& ciphertext);
  void SealChunk(std::string_view plaintext, bool last, std::string& ciphertext);

  SealedHeader header_;
  std::string serialized_header_;  // emptied once written
  std::string chunk_associated_data_;
  internal::AesGcm gcm_;
  std::string pending_;  // plaintext of the chunk not sealed yet, at most one chunk
  std::uint64_t next_chunk_ = 0;
  bool finished_ = false;
};

class SealedStreamDecryptor {
 public:
  explicit SealedStreamDecryptor(std::string_view associated_data);

  // Feeds ciphertext pieces of any size. Until the key is given it only buffers them (give it as soon as
  // NeedsKey()); then it appends to `plaintext` each chunk that is whole and authentic. It holds back up to
  // one chunk, since only Finish knows that the ciphertext has ended. On an error it appends nothing, and
  // every later call returns the same error.
  Status Update(std::string_view ciphertext, std::string& plaintext);

  // True once the header is read and the key is still missing: find it from key_reference(), then SetKey.
  bool NeedsKey() const;
  // The key reference from the header; empty until the header is read.
  std::string_view key_reference() const;
  // Gives the data key named by key_reference(); an error if the object was not sealed under it.
  // Throws std::logic_error unless NeedsKey().
  Status SetKey(const SymmetricKey& key);

  // Call at the end of the ciphertext: checks that it ends with the last chunk and appends that chunk.
  // Throws std::logic_error if the header was read but the key never given.
  Status Finish(std::string& plaintext);

 private:
  Status ReadHeader();
  Status OpenChunks(std::string_view ciphertext, std::string& plaintext);
  // Opens chunks while more than one chunk's worth of ciphertext remains, so none of them is the last.
  Status OpenChunksBeforeTheLast(std::string_view& ciphertext, std::string& plaintext);
  Status OpenLastChunk(std::string_view ciphertext, std::string& plaintext);
  Status OpenChunk(std::string_view sealed_chunk, bool last, std::string& plaintext);
  Error DiagnoseFailedChunk(std::string_view sealed_chunk, bool last);
  Status Fail(Error error);
  std::size_t SealedChunkBytes() const;

  std::string associated_data_;
  std::optional<SealedHeader> header_;
  std::string chunk_associated_data_;
  std::optional<internal::AesGcm> gcm_;
  std::string pending_;  // ciphertext not opened yet: at most one sealed chunk once the key is given
  std::uint64_t next_chunk_ = 0;
  std::optional<Error> error_;
  bool finished_ = false;
};

}  // namespace consilium::crypto
