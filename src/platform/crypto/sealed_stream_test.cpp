#include "platform/crypto/sealed_stream.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <random>

namespace consilium::crypto {
namespace {

constexpr std::string_view kKeyReference = "clinic-key-42:v3:<wrapped data key>";
constexpr std::string_view kContext = "file:7f3c";
constexpr std::size_t kSmallChunk = 16;
constexpr std::size_t kTag = internal::kGcmTagBytes;
constexpr std::size_t kSealedSmallChunk = kSmallChunk + kTag;

// How a test cuts its input into pieces: each call gives the next piece's size.
using PieceSizes = std::function<std::size_t()>;

PieceSizes Whole() {
  return [] { return std::numeric_limits<std::size_t>::max(); };
}
PieceSizes Every(std::size_t size) {
  return [size] { return size; };
}
PieceSizes RandomUpTo(std::size_t most, unsigned seed) {
  return [random = std::mt19937(seed), most]() mutable {
    return std::uniform_int_distribution<std::size_t>(0, most)(random);
  };
}

std::string Text(std::size_t size) {
  std::string text(size, '\0');
  for (std::size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + (i * 7 + i / 26) % 26);
  return text;
}

std::string Seal(const SymmetricKey& key, std::string_view plaintext, std::size_t chunk_bytes,
                 const PieceSizes& pieces = Whole()) {
  SealedStreamEncryptor encryptor(key, kKeyReference, kContext, chunk_bytes);
  std::string sealed;
  while (!plaintext.empty()) {
    const std::size_t size = std::min(pieces(), plaintext.size());
    encryptor.Update(plaintext.substr(0, size), sealed);
    plaintext.remove_prefix(size);
  }
  encryptor.Finish(sealed);
  return sealed;
}

struct Opened {
  Status status;
  std::string plaintext;  // what the decryptor released, even when it then failed
};

Opened Open(const SymmetricKey& key, std::string_view sealed, const PieceSizes& pieces = Whole(),
            std::string_view context = kContext) {
  SealedStreamDecryptor decryptor(context);
  Opened opened;
  while (!sealed.empty() && opened.status) {
    const std::size_t size = std::min(pieces(), sealed.size());
    opened.status = decryptor.Update(sealed.substr(0, size), opened.plaintext);
    sealed.remove_prefix(size);
    if (opened.status && decryptor.NeedsKey()) opened.status = decryptor.SetKey(key);
  }
  if (opened.status) opened.status = decryptor.Finish(opened.plaintext);
  return opened;
}

std::string ErrorOf(const Opened& opened) {
  return opened.status ? std::string("no error") : opened.status.error().public_message;
}

std::size_t HeaderBytes(std::string_view sealed) { return ParseSealedHeader(sealed).value()->size; }

// The sealed chunks of `sealed`, after its header.
std::vector<std::string> Chunks(std::string_view sealed, std::size_t sealed_chunk_bytes) {
  std::vector<std::string> chunks;
  for (sealed.remove_prefix(HeaderBytes(sealed)); !sealed.empty(); sealed.remove_prefix(chunks.back().size())) {
    chunks.emplace_back(sealed.substr(0, sealed_chunk_bytes));
  }
  return chunks;
}

std::string Join(std::string_view header, const std::vector<std::string>& chunks) {
  std::string joined(header);
  for (const auto& chunk : chunks) joined += chunk;
  return joined;
}

std::string Flip(std::string text, std::size_t bit) {
  text[bit / 8] = static_cast<char>(text[bit / 8] ^ (1 << (bit % 8)));
  return text;
}

class SealedStreamTest : public ::testing::Test {
 protected:
  const SymmetricKey key_ = SymmetricKey::Generate();
};

TEST_F(SealedStreamTest, RoundTripsEverySizeAroundTheChunkSize) {
  for (const std::size_t size : {0, 1, 15, 16, 17, 32, 33, 5 * 16, 5 * 16 + 3}) {
    const std::string plaintext = Text(size);
    const std::string sealed = Seal(key_, plaintext, kSmallChunk);
    const std::size_t chunks = std::max<std::size_t>(1, (size + kSmallChunk - 1) / kSmallChunk);
    EXPECT_EQ(sealed.size(), HeaderBytes(sealed) + size + chunks * kTag) << size;
    const Opened opened = Open(key_, sealed);
    EXPECT_TRUE(opened.status) << size << ": " << ErrorOf(opened);
    EXPECT_EQ(opened.plaintext, plaintext) << size;
  }
}

TEST_F(SealedStreamTest, RoundTripsWithTheDefaultChunkSize) {
  for (const std::size_t size : {std::size_t{0}, std::size_t{1}, kDefaultChunkBytes - 1, kDefaultChunkBytes,
                                 kDefaultChunkBytes + 1, 3 * kDefaultChunkBytes + 17}) {
    const std::string plaintext = Text(size);
    const std::string sealed = Seal(key_, plaintext, kDefaultChunkBytes, Every(10'000));
    const Opened opened = Open(key_, sealed, Every(10'000));
    EXPECT_TRUE(opened.status) << size << ": " << ErrorOf(opened);
    EXPECT_EQ(opened.plaintext, plaintext) << size;
  }
}

TEST_F(SealedStreamTest, RoundTripsWhateverThePiecesOnEitherSide) {
  const std::string plaintext = Text(5'000);
  for (unsigned seed = 1; seed <= 20; ++seed) {
    const std::string sealed = Seal(key_, plaintext, 100, RandomUpTo(300, seed));
    EXPECT_EQ(sealed.size(), HeaderBytes(sealed) + plaintext.size() + 50 * kTag);
    const Opened opened = Open(key_, sealed, RandomUpTo(300, seed + 100));
    EXPECT_TRUE(opened.status) << seed << ": " << ErrorOf(opened);
    EXPECT_EQ(opened.plaintext, plaintext) << seed;
  }
  const std::string sealed = Seal(key_, plaintext, 100, Every(1));
  const Opened byte_by_byte = Open(key_, sealed, Every(1));
  EXPECT_TRUE(byte_by_byte.status) << ErrorOf(byte_by_byte);
  EXPECT_EQ(byte_by_byte.plaintext, plaintext);
}

TEST_F(SealedStreamTest, HidesThePlaintextAndNeverRepeatsItself) {
  const std::string plaintext = "Rationale: adjuvant chemotherapy, review at next board";
  const std::string sealed = Seal(key_, plaintext, kDefaultChunkBytes);
  EXPECT_EQ(sealed.find("adjuvant"), std::string::npos);
  EXPECT_NE(Seal(key_, plaintext, kDefaultChunkBytes), sealed);
  EXPECT_NE(sealed.find(kKeyReference), std::string::npos) << "the key reference is stored in clear";
}

TEST_F(SealedStreamTest, RefusesEveryFlippedBit) {
  const std::string sealed = Seal(key_, Text(40), kSmallChunk);
  for (std::size_t bit = 0; bit < sealed.size() * 8; ++bit) {
    const Opened opened = Open(key_, Flip(sealed, bit));
    EXPECT_FALSE(opened.status) << "bit " << bit;
    EXPECT_EQ(opened.plaintext, "") << "bit " << bit;
  }
}

TEST_F(SealedStreamTest, ReleasesTheChunksBeforeABadOneButNothingOfIt) {
  const std::string plaintext = Text(5 * kSmallChunk);
  const std::string sealed = Seal(key_, plaintext, kSmallChunk);
  const std::size_t chunk_2 = HeaderBytes(sealed) + 2 * kSealedSmallChunk;
  for (const std::size_t at : {chunk_2, chunk_2 + kSmallChunk - 1, chunk_2 + kSealedSmallChunk - 1}) {
    const Opened opened = Open(key_, Flip(sealed, at * 8), Every(kSealedSmallChunk));
    EXPECT_EQ(ErrorOf(opened), "chunk 2 failed authentication: the encrypted data was altered, reordered or truncated");
    EXPECT_EQ(opened.plaintext, plaintext.substr(0, 2 * kSmallChunk)) << "byte " << at;
  }
}

TEST_F(SealedStreamTest, RefusesSwappedDuplicatedAndMissingChunks) {
  const std::string sealed = Seal(key_, Text(4 * kSmallChunk + 5), kSmallChunk);
  const std::string header = sealed.substr(0, HeaderBytes(sealed));
  const auto chunks = Chunks(sealed, kSealedSmallChunk);
  ASSERT_EQ(chunks.size(), 5u);
  const auto refused_at_chunk_1 = [&](const std::vector<std::string>& altered) {
    const Opened opened = Open(key_, Join(header, altered));
    EXPECT_EQ(opened.plaintext, "");
    return ErrorOf(opened) == "chunk 1 failed authentication: the encrypted data was altered, reordered or truncated";
  };
  EXPECT_TRUE(refused_at_chunk_1({chunks[0], chunks[2], chunks[1], chunks[3], chunks[4]})) << "swapped";
  EXPECT_TRUE(refused_at_chunk_1({chunks[0], chunks[0], chunks[1], chunks[2], chunks[3], chunks[4]})) << "duplicated";
  EXPECT_TRUE(refused_at_chunk_1({chunks[0], chunks[2], chunks[3], chunks[4]})) << "missing";
  EXPECT_TRUE(refused_at_chunk_1({chunks[0], chunks[4]})) << "the last moved up";
}

TEST_F(SealedStreamTest, RefusesTruncationAnywhere) {
  const std::string sealed = Seal(key_, Text(3 * kSmallChunk), kSmallChunk);
  const std::size_t header = HeaderBytes(sealed);
  const auto error_when_cut_to = [&](std::size_t size) {
    const Opened opened = Open(key_, sealed.substr(0, size));
    EXPECT_EQ(opened.plaintext, "") << size;
    return ErrorOf(opened);
  };
  EXPECT_EQ(error_when_cut_to(0), "the encrypted data is empty");
  EXPECT_EQ(error_when_cut_to(header - 1), "the encrypted data was truncated inside its header");
  EXPECT_EQ(error_when_cut_to(header), "the encrypted data was truncated in chunk 0");
  EXPECT_EQ(error_when_cut_to(header + kSealedSmallChunk), "the encrypted data was truncated after chunk 0");
  EXPECT_EQ(error_when_cut_to(header + 2 * kSealedSmallChunk), "the encrypted data was truncated after chunk 1");
  EXPECT_EQ(error_when_cut_to(header + 2 * kSealedSmallChunk + kTag - 1),
            "the encrypted data was truncated in chunk 2");
  EXPECT_EQ(error_when_cut_to(sealed.size() - 1),
            "chunk 2 failed authentication: the encrypted data was altered, reordered or truncated");
}

TEST_F(SealedStreamTest, RefusesAnythingAfterTheLastChunk) {
  const std::string full_last_chunk = Seal(key_, Text(2 * kSmallChunk), kSmallChunk);
  for (const std::string& appended : {std::string("x"), std::string(kSealedSmallChunk, 'x'),
                                      full_last_chunk.substr(full_last_chunk.size() - kSealedSmallChunk)}) {
    const Opened opened = Open(key_, full_last_chunk + appended, Every(7));
    EXPECT_EQ(ErrorOf(opened), "unexpected data after the last chunk (chunk 1)") << appended.size();
    EXPECT_EQ(opened.plaintext, Text(kSmallChunk)) << "chunk 0 came before the fault was known";
  }
  const std::string short_last_chunk = Seal(key_, Text(kSmallChunk + 5), kSmallChunk);
  for (const std::size_t appended : {1, 7, 40}) {
    const Opened opened = Open(key_, short_last_chunk + std::string(appended, '\0'));
    EXPECT_EQ(ErrorOf(opened), "chunk 1 failed authentication: the encrypted data was altered, reordered or truncated");
  }
}

TEST_F(SealedStreamTest, RefusesAWrongKeyBeforeAnyChunk) {
  const std::string sealed = Seal(key_, Text(40), kSmallChunk);
  SealedStreamDecryptor decryptor(kContext);
  std::string plaintext;
  ASSERT_TRUE(decryptor.Update(sealed, plaintext));
  ASSERT_TRUE(decryptor.NeedsKey());
  const auto refused = decryptor.SetKey(SymmetricKey::Generate());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  EXPECT_EQ(refused.error().public_message,
            "the key does not match the encrypted data (a wrong key or key version, or an altered header)");
  EXPECT_FALSE(decryptor.Update("more", plaintext)) << "an error sticks";
  EXPECT_FALSE(decryptor.Finish(plaintext));
  EXPECT_EQ(plaintext, "");
}

TEST_F(SealedStreamTest, RefusesUnknownMagicOrVersionAtOnce) {
  const std::string sealed = Seal(key_, Text(40), kSmallChunk);
  SealedStreamDecryptor not_sealed(kContext);
  std::string plaintext;
  const auto refused = not_sealed.Update("%PDF-1.7", plaintext);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().public_message, "the data is not in the sealed format (unknown magic)");
  std::string next_version = sealed;
  next_version[4] = 2;
  EXPECT_EQ(ErrorOf(Open(key_, next_version)), "unknown sealed format version 2");
}

TEST_F(SealedStreamTest, RefusesHeaderFieldsOutOfRange) {
  const std::string sealed = Seal(key_, Text(40), kSmallChunk);
  std::string no_chunk_size = sealed;
  std::fill_n(no_chunk_size.begin() + 5, 4, '\0');
  EXPECT_EQ(ErrorOf(Open(key_, no_chunk_size)), "the sealed header is malformed: chunk size 0 is out of range");
  std::string huge_chunks = sealed;
  std::fill_n(huge_chunks.begin() + 5, 4, '\xff');
  EXPECT_EQ(ErrorOf(Open(key_, huge_chunks)), "the sealed header is malformed: chunk size 4294967295 is out of range");
  std::string long_reference = sealed;
  std::fill_n(long_reference.begin() + 48, 2, '\xff');
  EXPECT_EQ(ErrorOf(Open(key_, long_reference)),
            "the sealed header is malformed: a key reference of 65535 bytes is too long");
}

TEST_F(SealedStreamTest, RefusesAnAlteredKeyReferenceOrCommitment) {
  const std::string sealed = Seal(key_, Text(40), kSmallChunk);
  const std::size_t reference_at = sealed.find(kKeyReference);
  std::string other_reference = sealed;
  other_reference[reference_at + kKeyReference.find("v3") + 1] = '4';
  SealedStreamDecryptor decryptor(kContext);
  std::string plaintext;
  ASSERT_TRUE(decryptor.Update(other_reference, plaintext));
  EXPECT_EQ(decryptor.key_reference(), "clinic-key-42:v4:<wrapped data key>");
  ASSERT_TRUE(decryptor.SetKey(key_)) << "a caller that found the right key anyway";
  const auto refused = decryptor.Finish(plaintext);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().public_message,
            "chunk 0 failed authentication: the encrypted data was altered, reordered or truncated");
  EXPECT_EQ(plaintext, "");

  EXPECT_EQ(ErrorOf(Open(key_, Flip(sealed, (reference_at - 3) * 8))),
            "the key does not match the encrypted data (a wrong key or key version, or an altered header)")
      << "a bit of the key commitment";
}

TEST_F(SealedStreamTest, RefusesPiecesOfAnotherObjectOrPlace) {
  const std::string plaintext = Text(40);
  const std::string first = Seal(key_, plaintext, kSmallChunk);
  const std::string second = Seal(key_, plaintext, kSmallChunk);
  const std::size_t header = HeaderBytes(first);
  EXPECT_EQ(ErrorOf(Open(key_, second.substr(0, header) + first.substr(header))),
            "chunk 0 failed authentication: the encrypted data was altered, reordered or truncated")
      << "the header of another object under the same key";
  auto chunks = Chunks(first, kSealedSmallChunk);
  chunks[1] = Chunks(second, kSealedSmallChunk)[1];
  EXPECT_EQ(ErrorOf(Open(key_, Join(first.substr(0, header), chunks))),
            "chunk 1 failed authentication: the encrypted data was altered, reordered or truncated");
  const Opened elsewhere = Open(key_, first, Whole(), "file:other");
  EXPECT_EQ(ErrorOf(elsewhere),
            "chunk 0 failed authentication: the encrypted data was altered, reordered or truncated");
  EXPECT_EQ(elsewhere.plaintext, "");
}

TEST_F(SealedStreamTest, TakesTheKeyAfterBufferingAnyAmount) {
  const std::string plaintext = Text(10 * kSmallChunk + 3);
  const std::string sealed = Seal(key_, plaintext, kSmallChunk);
  SealedStreamDecryptor decryptor(kContext);
  std::string opened;
  EXPECT_FALSE(decryptor.NeedsKey());
  EXPECT_EQ(decryptor.key_reference(), "");
  ASSERT_TRUE(decryptor.Update(sealed.substr(0, sealed.size() - 5), opened));
  ASSERT_TRUE(decryptor.NeedsKey());
  EXPECT_EQ(decryptor.key_reference(), kKeyReference);
  EXPECT_EQ(opened, "") << "nothing before the key";
  ASSERT_TRUE(decryptor.SetKey(key_));
  EXPECT_FALSE(decryptor.NeedsKey());
  ASSERT_TRUE(decryptor.Update(sealed.substr(sealed.size() - 5), opened));
  EXPECT_EQ(opened, plaintext.substr(0, 10 * kSmallChunk));
  ASSERT_TRUE(decryptor.Finish(opened));
  EXPECT_EQ(opened, plaintext);
}

}  // namespace
}  // namespace consilium::crypto
