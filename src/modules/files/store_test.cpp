#include "modules/files/store.hpp"

#include "platform/crypto/random.hpp"
#include "platform/crypto/temp_dir_for_test.hpp"

#include <gtest/gtest.h>

namespace consilium::files {
namespace {

// A directory on the build's disk (direct I/O) or in /dev/shm (tmpfs: none, so through the cache).
class StoreTest : public ::testing::TestWithParam<const char*> {
 protected:
  StoreTest() : dir_(Make(GetParam())) {}
  ~StoreTest() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  static std::filesystem::path Make(const char* parent) {
    std::string pattern = (std::filesystem::path(parent) / "consilium-store-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    return pattern;
  }

  std::string ReadAll(const Store& store, const std::string& file_id) {
    auto reader = store.Open("clinic", file_id);
    if (!reader) {
      ADD_FAILURE() << "cannot open " << file_id;
      return {};
    }
    std::string all;
    while (true) {
      auto piece = reader->Read();
      if (!piece) {
        ADD_FAILURE() << "cannot read " << file_id;
        return {};
      }
      EXPECT_LE(piece->size(), Store::kReadBlockBytes);
      if (piece->empty()) return all;
      all += *piece;
    }
  }

  std::filesystem::path dir_;
};

TEST_P(StoreTest, WhatIsWrittenInAnyPiecesReadsBackWhole) {
  Store store(dir_);
  // Around the 4 KiB alignment, the 256 KiB read block and the 1 MiB write block.
  for (std::size_t size : {std::size_t{1}, std::size_t{4095}, std::size_t{4096}, std::size_t{4097},
                           std::size_t{256 * 1024}, std::size_t{1024 * 1024 - 1}, std::size_t{1024 * 1024},
                           std::size_t{3 * 1024 * 1024 + 17}}) {
    const std::string bytes = crypto::RandomBytes(size);
    const std::string file_id = "file-" + std::to_string(size);
    auto writer = store.Create("clinic", file_id);
    ASSERT_TRUE(writer);
    // Pieces the size of a sealed chunk, so no write lands on a block boundary.
    for (std::size_t at = 0; at < size; at += 65552) {
      ASSERT_TRUE(writer->Write(std::string_view(bytes).substr(at, 65552)));
    }
    ASSERT_TRUE(writer->Commit());
    EXPECT_EQ(ReadAll(store, file_id), bytes) << size;
  }
}

TEST_P(StoreTest, AFileIsPrivateAndThereOnlyOnceCommitted) {
  Store store(dir_);
  {
    auto writer = store.Create("clinic", "abandoned");
    ASSERT_TRUE(writer);
    ASSERT_TRUE(writer->Write(std::string(5 * 1024 * 1024, 'x')));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "clinic"));
  EXPECT_FALSE(store.Open("clinic", "abandoned"));

  auto writer = store.Create("clinic", "kept");
  ASSERT_TRUE(writer);
  ASSERT_TRUE(writer->Write("some bytes"));
  ASSERT_TRUE(writer->Commit());
  EXPECT_EQ(crypto::PermsOf(store.PathOf("clinic", "kept")), std::filesystem::perms::owner_read |
                                                                 std::filesystem::perms::owner_write);
  EXPECT_EQ(crypto::PermsOf(dir_ / "clinic"), std::filesystem::perms::owner_all);
  EXPECT_EQ(ReadAll(store, "kept"), "some bytes");
}

INSTANTIATE_TEST_SUITE_P(DiskAndTmpfs, StoreTest, ::testing::Values(".", "/dev/shm"));

}  // namespace
}  // namespace consilium::files
