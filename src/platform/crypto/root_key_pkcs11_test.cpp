// Against a real token: SoftHSM2 (package softhsm2), with its tokens in a directory of each test's own.
// Without SoftHSM2 these tests fail rather than skip.
#include "platform/crypto/key_wrap.hpp"
#include "platform/crypto/root_key.hpp"
#include "platform/crypto/root_key_pkcs11_for_test.hpp"
#include "platform/crypto/temp_dir_for_test.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <thread>
#include <vector>

namespace consilium::crypto {
namespace {

constexpr const char* kSoftHsmModule = "/usr/lib/softhsm/libsofthsm2.so";
constexpr const char* kTokenLabel = "consilium-test";
constexpr const char* kPin = "pin-731904";
constexpr const char* kSoPin = "so-pin-228610";

// A SoftHSM2 configuration of its own (SOFTHSM2_CONF) with one initialised token.
class Pkcs11RootKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto conf = dir_.path() / "softhsm2.conf";
    std::filesystem::create_directory(dir_.path() / "tokens");
    std::ofstream(conf) << "directories.tokendir = " << (dir_.path() / "tokens").string()
                        << "\nobjectstore.backend = file\nlog.level = ERROR\n";
    ASSERT_EQ(::setenv("SOFTHSM2_CONF", conf.c_str(), 1), 0);
    const std::string init = std::string("softhsm2-util --init-token --free --label ") + kTokenLabel + " --pin " +
                             kPin + " --so-pin " + kSoPin + " >/dev/null";
    ASSERT_EQ(std::system(init.c_str()), 0) << "softhsm2-util (package softhsm2) is needed: " << init;
  }
  void TearDown() override { ::unsetenv("SOFTHSM2_CONF"); }

  static Pkcs11Settings Settings(std::string pin = kPin) {
    return {.module = kSoftHsmModule, .token_label = kTokenLabel, .pin = std::move(pin)};
  }

  static std::unique_ptr<RootKey> Open() {
    auto root = OpenPkcs11RootKey(Settings());
    if (!root) ADD_FAILURE() << root.error().public_message << " (" << root.error().log_detail << ")";
    return root ? std::move(*root) : nullptr;
  }

  TempDirForTest dir_;
};

TEST_F(Pkcs11RootKeyTest, WrapsAndUnwrapsAClinicKey) {
  auto root = Open();
  ASSERT_TRUE(root);
  EXPECT_EQ(root->CurrentVersion(), 1u);
  EXPECT_NE(root->Description().find(kTokenLabel), std::string::npos);
  const SymmetricKey clinic_key = SymmetricKey::Generate();
  const std::string wrapped = root->Wrap(1, clinic_key).value();
  EXPECT_EQ(wrapped.size(), kWrappedKeyBytes);
  EXPECT_EQ(wrapped[0], 1) << "key_wrap's format version";
  EXPECT_EQ(wrapped.find(clinic_key.bytes()), std::string::npos);
  EXPECT_NE(root->Wrap(1, clinic_key).value(), wrapped) << "fresh nonce";
  EXPECT_EQ(root->Unwrap(1, wrapped).value().bytes(), clinic_key.bytes());
}

TEST_F(Pkcs11RootKeyTest, MakesVersionOneOnceAndFindsItAgain) {
  const SymmetricKey clinic_key = SymmetricKey::Generate();
  std::string wrapped;
  {
    auto root = Open();
    ASSERT_TRUE(root);
    wrapped = root->Wrap(1, clinic_key).value();
  }
  auto again = Open();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->CurrentVersion(), 1u) << "no second version 1, no version 2";
  EXPECT_EQ(again->Unwrap(1, wrapped).value().bytes(), clinic_key.bytes());
}

TEST_F(Pkcs11RootKeyTest, AddVersionMakesTheNextCurrentAndKeepsTheOld) {
  auto root = Open();
  ASSERT_TRUE(root);
  const SymmetricKey clinic_key = SymmetricKey::Generate();
  const std::string under_v1 = root->Wrap(1, clinic_key).value();
  EXPECT_EQ(root->AddVersion().value(), 2u);
  EXPECT_EQ(root->CurrentVersion(), 2u);
  const std::string under_v2 = root->Wrap(2, clinic_key).value();
  EXPECT_EQ(root->Unwrap(1, under_v1).value().bytes(), clinic_key.bytes());
  EXPECT_EQ(root->Unwrap(2, under_v2).value().bytes(), clinic_key.bytes());
  root.reset();

  auto again = Open();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->CurrentVersion(), 2u);
  EXPECT_EQ(again->Unwrap(1, under_v1).value().bytes(), clinic_key.bytes());
  EXPECT_EQ(again->Unwrap(2, under_v2).value().bytes(), clinic_key.bytes());
}

TEST_F(Pkcs11RootKeyTest, AVersionAddedByAnotherUserOfTheTokenBecomesCurrent) {
  auto server = Open();
  ASSERT_TRUE(server);
  auto rotate_root = Open();  // `consilium keys rotate-root`, in its own process in real life
  ASSERT_TRUE(rotate_root);
  EXPECT_EQ(rotate_root->AddVersion().value(), 2u);
  EXPECT_EQ(server->CurrentVersion(), 2u) << "taken up without a restart";
  const SymmetricKey clinic_key = SymmetricKey::Generate();
  EXPECT_EQ(rotate_root->Unwrap(2, server->Wrap(2, clinic_key).value()).value().bytes(), clinic_key.bytes());
}

TEST_F(Pkcs11RootKeyTest, RefusesAWrongPinWithoutSayingIt) {
  const std::string wrong_pin = "wrong-pin-55213";
  auto refused = OpenPkcs11RootKey(Settings(wrong_pin));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(refused.error().public_message, "cannot log in to the PKCS#11 token: wrong PIN");
  for (const std::string& text : {refused.error().public_message, refused.error().log_detail}) {
    EXPECT_EQ(text.find(wrong_pin), std::string::npos) << text;
    EXPECT_EQ(text.find(kPin), std::string::npos) << text;
  }
  EXPECT_TRUE(Open()) << "the right PIN still opens it";
}

TEST_F(Pkcs11RootKeyTest, RefusesAnUnknownToken) {
  Pkcs11Settings settings = Settings();
  settings.token_label = "no-such-token";
  auto refused = OpenPkcs11RootKey(settings);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.error().public_message.find("PKCS#11 token"), std::string::npos);

  settings.token_label = std::string(kTokenLabel) + "-and-a-label-longer-than-32-bytes";
  EXPECT_FALSE(OpenPkcs11RootKey(settings));
  settings = Settings();
  settings.module = "/nonexistent/libpkcs11.so";
  auto no_module = OpenPkcs11RootKey(settings);
  ASSERT_FALSE(no_module);
  EXPECT_EQ(no_module.error().code, ErrorCode::kInvalidArgument);
}

TEST_F(Pkcs11RootKeyTest, RefusesAlteredOrCutWrappedKeys) {
  auto root = Open();
  ASSERT_TRUE(root);
  const std::string wrapped = root->Wrap(1, SymmetricKey::Generate()).value();
  for (std::size_t bit = 0; bit < wrapped.size() * 8; ++bit) {
    std::string flipped = wrapped;
    flipped[bit / 8] = static_cast<char>(flipped[bit / 8] ^ (1 << (bit % 8)));
    EXPECT_FALSE(root->Unwrap(1, flipped)) << "bit " << bit;
  }
  EXPECT_FALSE(root->Unwrap(1, wrapped.substr(1)));
  EXPECT_FALSE(root->Unwrap(1, wrapped + "x"));
  EXPECT_FALSE(root->Unwrap(1, ""));
  const auto refused = root->Unwrap(1, wrapped.substr(0, 60) + static_cast<char>(wrapped[60] ^ 1));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  EXPECT_EQ(refused.error().public_message, "a wrapped key could not be unwrapped");
  EXPECT_TRUE(root->Unwrap(1, wrapped)) << "a refused unwrap leaves the session usable";
}

TEST_F(Pkcs11RootKeyTest, RefusesAWrappedKeyOfAnotherVersion) {
  auto root = Open();
  ASSERT_TRUE(root);
  ASSERT_EQ(root->AddVersion().value(), 2u);
  const std::string under_v1 = root->Wrap(1, SymmetricKey::Generate()).value();
  const std::string under_v2 = root->Wrap(2, SymmetricKey::Generate()).value();
  EXPECT_FALSE(root->Unwrap(2, under_v1));
  EXPECT_FALSE(root->Unwrap(1, under_v2));
  const auto missing = root->Unwrap(3, under_v2);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().public_message, "a root key version is missing");
  EXPECT_FALSE(root->Wrap(3, SymmetricKey::Generate()));
}

TEST_F(Pkcs11RootKeyTest, TheKeyNeverLeavesTheToken) {
  auto root = Open();
  ASSERT_TRUE(root);
  ASSERT_EQ(root->AddVersion().value(), 2u);
  for (std::uint32_t version : {1u, 2u}) {
    const auto attributes = ReadPkcs11KeyAttributesForTest(*root, version).value();
    EXPECT_TRUE(attributes.token) << version;
    EXPECT_TRUE(attributes.sensitive) << version;
    EXPECT_FALSE(attributes.extractable) << version;
    EXPECT_FALSE(attributes.value_readable) << version;
  }
}

// With a key the test knows (imported, extractable: for this test only), the token's wrapped keys are
// key_wrap's, both ways.
TEST_F(Pkcs11RootKeyTest, WrapsInKeyWrapsFormat) {
  auto root = Open();
  ASSERT_TRUE(root);
  const SymmetricKey known = SymmetricKey::Generate();
  const std::uint32_t version = ImportPkcs11VersionForTest(*root, known).value();
  ASSERT_EQ(version, 2u);
  EXPECT_EQ(root->CurrentVersion(), 2u);
  const SymmetricKey clinic_key = SymmetricKey::Generate();
  const WrappingKeyId id{kRootKeyId, version};
  const std::string by_token = root->Wrap(version, clinic_key).value();
  EXPECT_EQ(UnwrapKey(known, id, WrappedKeyKind::kClinicKey, by_token).value().bytes(), clinic_key.bytes());
  const std::string by_key_wrap = WrapKey(known, id, WrappedKeyKind::kClinicKey, clinic_key);
  EXPECT_EQ(root->Unwrap(version, by_key_wrap).value().bytes(), clinic_key.bytes());
  EXPECT_FALSE(root->Unwrap(version, WrapKey(known, id, WrappedKeyKind::kPatientKey, clinic_key)));
  EXPECT_FALSE(root->Unwrap(version, WrapKey(known, {kRootKeyId, 1}, WrappedKeyKind::kClinicKey, clinic_key)));
}

// Two root keys of one process share the module and the login; closing one leaves the other working, and
// each finds only the keys of its own label.
TEST_F(Pkcs11RootKeyTest, TwoRootKeysShareTheModule) {
  auto first = Open();
  ASSERT_TRUE(first);
  Pkcs11Settings other_settings = Settings();
  other_settings.key_label = "other-root";
  auto other = OpenPkcs11RootKey(other_settings).value();
  ASSERT_EQ(first->AddVersion().value(), 2u);
  EXPECT_EQ(other->CurrentVersion(), 1u);
  const SymmetricKey clinic_key = SymmetricKey::Generate();
  const std::string by_first = first->Wrap(1, clinic_key).value();
  EXPECT_FALSE(other->Unwrap(1, by_first)) << "another key, though the same version";
  first.reset();
  const std::string by_other = other->Wrap(1, clinic_key).value();
  EXPECT_EQ(other->Unwrap(1, by_other).value().bytes(), clinic_key.bytes());
  other.reset();
  auto again = Open();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->Unwrap(1, by_first).value().bytes(), clinic_key.bytes());
}

TEST_F(Pkcs11RootKeyTest, ServesSeveralThreads) {
  auto root = Open();
  ASSERT_TRUE(root);
  constexpr int kThreads = 4;
  constexpr int kRounds = 25;
  std::vector<int> good(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        const SymmetricKey clinic_key = SymmetricKey::Generate();
        auto wrapped = root->Wrap(1, clinic_key);
        if (!wrapped) continue;
        auto unwrapped = root->Unwrap(1, *wrapped);
        if (unwrapped && unwrapped->bytes() == clinic_key.bytes()) ++good[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(good[t], kRounds) << "thread " << t;
}

}  // namespace
}  // namespace consilium::crypto
