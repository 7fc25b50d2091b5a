#include "platform/crypto/sealed_stream.hpp"

#include <fmt/format.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <stdexcept>

namespace consilium::crypto {
namespace {

// Takes back what a failed call appended, wiping it first.
void WipeFrom(std::string& text, std::size_t from) {
  OPENSSL_cleanse(text.data() + from, text.size() - from);
  text.resize(from);
}

}  // namespace

SealedStreamEncryptor::SealedStreamEncryptor(const SymmetricKey& key, std::string_view key_reference,
                                             std::string_view associated_data, std::size_t chunk_bytes)
    : header_(NewSealedHeader(key, key_reference, chunk_bytes)),
      serialized_header_(SerializeSealedHeader(header_)),
      chunk_associated_data_(ChunkAssociatedData(serialized_header_, associated_data)),
      gcm_(key) {}

void SealedStreamEncryptor::Update(std::string_view plaintext, std::string& ciphertext) {
  if (finished_) throw std::logic_error("SealedStreamEncryptor::Update after Finish");
  WriteHeaderOnce(ciphertext);
  const std::size_t chunk_bytes = header_.chunk_bytes;
  if (!pending_.empty()) {
    const std::size_t fill = std::min(chunk_bytes - pending_.size(), plaintext.size());
    pending_.append(plaintext.substr(0, fill));
    plaintext.remove_prefix(fill);
    if (plaintext.empty()) return;
    SealChunk(pending_, false, ciphertext);
    pending_.clear();
  }
  for (; plaintext.size() > chunk_bytes; plaintext.remove_prefix(chunk_bytes)) {
    SealChunk(plaintext.substr(0, chunk_bytes), false, ciphertext);
  }
  pending_.assign(plaintext);
}

void SealedStreamEncryptor::Finish(std::string& ciphertext) {
  if (finished_) throw std::logic_error("SealedStreamEncryptor::Finish called twice");
  WriteHeaderOnce(ciphertext);
  SealChunk(pending_, true, ciphertext);
  pending_.clear();
  finished_ = true;
}

void SealedStreamEncryptor::WriteHeaderOnce(std::string& ciphertext) {
  ciphertext += serialized_header_;
  serialized_header_.clear();
}

void SealedStreamEncryptor::SealChunk(std::string_view plaintext, bool last, std::string& ciphertext) {
  if (next_chunk_ >= kMaxChunks) throw std::length_error("too many chunks for the sealed format");
  gcm_.Seal(ChunkNonce(header_, static_cast<std::uint32_t>(next_chunk_), last), chunk_associated_data_, plaintext,
            ciphertext);
  ++next_chunk_;
}

SealedStreamDecryptor::SealedStreamDecryptor(std::string_view associated_data) : associated_data_(associated_data) {}

Status SealedStreamDecryptor::Update(std::string_view ciphertext, std::string& plaintext) {
  if (error_) return *error_;
  if (finished_) throw std::logic_error("SealedStreamDecryptor::Update after Finish");
  if (!gcm_) {
    pending_.append(ciphertext);
    return header_ ? Status{} : ReadHeader();
  }
  const std::size_t before = plaintext.size();
  if (auto opened = OpenChunks(ciphertext, plaintext); !opened) {
    WipeFrom(plaintext, before);
    return Fail(opened.error());
  }
  return {};
}

bool SealedStreamDecryptor::NeedsKey() const { return header_.has_value() && !gcm_.has_value(); }

std::string_view SealedStreamDecryptor::key_reference() const {
  return header_ ? std::string_view(header_->key_reference) : std::string_view();
}

Status SealedStreamDecryptor::SetKey(const SymmetricKey& key) {
  if (error_) return *error_;
  if (!NeedsKey()) throw std::logic_error("SealedStreamDecryptor::SetKey before the header or twice");
  if (!CommitsToKey(*header_, key)) {
    return Fail(UnreadableSealedData(
        "the key does not match the encrypted data (a wrong key or key version, or an altered header)"));
  }
  gcm_.emplace(key);
  return {};
}

Status SealedStreamDecryptor::Finish(std::string& plaintext) {
  if (error_) return *error_;
  if (finished_) throw std::logic_error("SealedStreamDecryptor::Finish called twice");
  if (!header_) {
    return Fail(UnreadableSealedData(pending_.empty() ? "the encrypted data is empty"
                                                      : "the encrypted data was truncated inside its header"));
  }
  if (!gcm_) throw std::logic_error("SealedStreamDecryptor::Finish before SetKey");
  const std::size_t before = plaintext.size();
  std::string_view rest = pending_;
  Status opened = OpenChunksBeforeTheLast(rest, plaintext);
  if (opened) opened = OpenLastChunk(rest, plaintext);
  if (!opened) {
    WipeFrom(plaintext, before);
    return Fail(opened.error());
  }
  pending_.clear();
  finished_ = true;
  return {};
}

Status SealedStreamDecryptor::ReadHeader() {
  auto parsed = ParseSealedHeader(pending_);
  if (!parsed) return Fail(parsed.error());
  if (!*parsed) return {};
  const std::size_t header_bytes = (*parsed)->size;
  chunk_associated_data_ = ChunkAssociatedData(std::string_view(pending_).substr(0, header_bytes), associated_data_);
  header_ = std::move((*parsed)->header);
  pending_.erase(0, header_bytes);
  return {};
}

Status SealedStreamDecryptor::OpenChunks(std::string_view ciphertext, std::string& plaintext) {
  const std::size_t sealed_chunk_bytes = SealedChunkBytes();
  if (pending_.size() > sealed_chunk_bytes) {  // buffered before the key was given
    pending_.append(ciphertext);
    std::string_view rest = pending_;
    if (auto opened = OpenChunksBeforeTheLast(rest, plaintext); !opened) return opened;
    pending_.erase(0, pending_.size() - rest.size());
    return {};
  }
  if (!pending_.empty()) {
    const std::size_t fill = std::min(sealed_chunk_bytes - pending_.size(), ciphertext.size());
    pending_.append(ciphertext.substr(0, fill));
    ciphertext.remove_prefix(fill);
    if (ciphertext.empty()) return {};
    if (auto opened = OpenChunk(pending_, false, plaintext); !opened) return opened;
    pending_.clear();
  }
  if (auto opened = OpenChunksBeforeTheLast(ciphertext, plaintext); !opened) return opened;
  pending_.assign(ciphertext);
  return {};
}

Status SealedStreamDecryptor::OpenChunksBeforeTheLast(std::string_view& ciphertext, std::string& plaintext) {
  const std::size_t sealed_chunk_bytes = SealedChunkBytes();
  for (; ciphertext.size() > sealed_chunk_bytes; ciphertext.remove_prefix(sealed_chunk_bytes)) {
    if (auto opened = OpenChunk(ciphertext.substr(0, sealed_chunk_bytes), false, plaintext); !opened) return opened;
  }
  return {};
}

Status SealedStreamDecryptor::OpenLastChunk(std::string_view ciphertext, std::string& plaintext) {
  if (ciphertext.size() < internal::kGcmTagBytes) {
    return UnreadableSealedData(fmt::format("the encrypted data was truncated in chunk {}", next_chunk_));
  }
  return OpenChunk(ciphertext, true, plaintext);
}

Status SealedStreamDecryptor::OpenChunk(std::string_view sealed_chunk, bool last, std::string& plaintext) {
  if (next_chunk_ >= kMaxChunks) {
    return UnreadableSealedData("the encrypted data has more chunks than the format allows");
  }
  const auto nonce = ChunkNonce(*header_, static_cast<std::uint32_t>(next_chunk_), last);
  if (!gcm_->Open(nonce, chunk_associated_data_, sealed_chunk, plaintext))
    return DiagnoseFailedChunk(sealed_chunk, last);
  ++next_chunk_;
  return {};
}

// A chunk that fails as what its place says it is but is authentic as the other kind (last or not)
// shows the precise fault: the data was cut at a chunk boundary, or something follows its real end.
Error SealedStreamDecryptor::DiagnoseFailedChunk(std::string_view sealed_chunk, bool last) {
  std::string discarded;
  const bool authentic_otherwise = sealed_chunk.size() == SealedChunkBytes() &&
                                   gcm_->Open(ChunkNonce(*header_, static_cast<std::uint32_t>(next_chunk_), !last),
                                              chunk_associated_data_, sealed_chunk, discarded);
  WipeFrom(discarded, 0);
  if (authentic_otherwise && last) {
    return UnreadableSealedData(fmt::format("the encrypted data was truncated after chunk {}", next_chunk_));
  }
  if (authentic_otherwise) {
    return UnreadableSealedData(fmt::format("unexpected data after the last chunk (chunk {})", next_chunk_));
  }
  return UnreadableSealedData(fmt::format(
      "chunk {} failed authentication: the encrypted data was altered, reordered or truncated", next_chunk_));
}

Status SealedStreamDecryptor::Fail(Error error) {
  error_ = error;
  return error;
}

std::size_t SealedStreamDecryptor::SealedChunkBytes() const { return header_->chunk_bytes + internal::kGcmTagBytes; }

}  // namespace consilium::crypto
