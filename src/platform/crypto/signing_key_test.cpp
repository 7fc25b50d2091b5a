#include "platform/crypto/signing_key.hpp"

#include "platform/crypto/encoding.hpp"
#include "platform/crypto/hash.hpp"
#include "platform/crypto/temp_dir_for_test.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <sstream>

namespace consilium::crypto {
namespace {

namespace fs = std::filesystem;


TEST(SigningKeyTest, SignsAndVerifies) {
  const SigningKey key = SigningKey::Generate();
  const std::string signature = key.Sign("hello");
  EXPECT_EQ(signature.size(), kEd25519SignatureBytes);
  EXPECT_TRUE(key.Verify("hello", signature));
  EXPECT_FALSE(key.Verify("hellO", signature));
  std::string flipped = signature;
  flipped[10] ^= 0x01;
  EXPECT_FALSE(key.Verify("hello", flipped));
  EXPECT_FALSE(key.Verify("hello", signature.substr(0, 63)));
  EXPECT_FALSE(SigningKey::Generate().Verify("hello", signature));
}

TEST(SigningKeyTest, KidAndJwkDescribeThePublicKey) {
  const SigningKey key = SigningKey::Generate();
  const boost::json::object jwk = key.PublicJwk();
  EXPECT_EQ(jwk.at("kty"), "OKP");
  EXPECT_EQ(jwk.at("crv"), "Ed25519");
  EXPECT_EQ(jwk.at("alg"), "EdDSA");
  EXPECT_EQ(jwk.at("use"), "sig");
  EXPECT_EQ(jwk.at("kid").as_string(), key.kid());
  EXPECT_EQ(jwk.size(), 6u);
  auto x = Base64UrlDecode(jwk.at("x").as_string());
  ASSERT_TRUE(x);
  ASSERT_EQ(x->size(), 32u);
  EXPECT_EQ(key.kid(), Base64UrlEncode(Sha256(*x).substr(0, 12)));
  EXPECT_EQ(key.kid().size(), 16u);
  EXPECT_NE(key.kid(), SigningKey::Generate().kid());
}

TEST(SigningKeyTest, LoadOrCreateCreatesPrivateFilesThenLoadsTheSameKey) {
  TempDirForTest temp;
  const fs::path dir = temp.path() / "keys" / "nested";
  const fs::path private_pem = dir / "jwt_private.pem";
  const fs::path public_pem = dir / "jwt_public.pem";

  auto created = SigningKey::LoadOrCreate(private_pem, public_pem);
  ASSERT_TRUE(created) << created.error().log_detail;
  EXPECT_EQ(PermsOf(private_pem), fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(PermsOf(public_pem), fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                     fs::perms::others_read);
  EXPECT_EQ(PermsOf(dir), fs::perms::owner_all);
  EXPECT_EQ(PermsOf(temp.path() / "keys"), fs::perms::owner_all);
  EXPECT_EQ(ReadFileForTest(private_pem).rfind(kPkcs8PemHeader, 0), 0u);
  EXPECT_EQ(ReadFileForTest(public_pem).rfind("-----BEGIN PUBLIC KEY-----", 0), 0u);
  const std::string public_before = ReadFileForTest(public_pem);

  auto loaded = SigningKey::LoadOrCreate(private_pem, public_pem);
  ASSERT_TRUE(loaded) << loaded.error().log_detail;
  EXPECT_EQ(loaded->kid(), created->kid());
  EXPECT_TRUE(loaded->Verify("data", created->Sign("data")));
  EXPECT_EQ(ReadFileForTest(public_pem), public_before);
  // No temporary files left behind.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 2);
}

TEST(SigningKeyTest, LoadRewritesMissingPublicKey) {
  TempDirForTest temp;
  const fs::path private_pem = temp.path() / "private.pem";
  const fs::path public_pem = temp.path() / "public.pem";
  ASSERT_TRUE(SigningKey::LoadOrCreate(private_pem, public_pem));
  const std::string public_before = ReadFileForTest(public_pem);
  fs::remove(public_pem);
  ASSERT_TRUE(SigningKey::LoadOrCreate(private_pem, public_pem));
  EXPECT_EQ(ReadFileForTest(public_pem), public_before);
}

TEST(SigningKeyTest, LoadRejectsGarbageAndNonEd25519Keys) {
  TempDirForTest temp;
  const fs::path private_pem = temp.path() / "private.pem";
  std::ofstream(private_pem) << "not a key\n";
  auto garbage = SigningKey::LoadOrCreate(private_pem, temp.path() / "public.pem");
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code, ErrorCode::kInternal);
  EXPECT_NE(garbage.error().log_detail.find(private_pem.string()), std::string::npos);
  EXPECT_EQ(ReadFileForTest(private_pem), "not a key\n");  // never overwritten

  // A valid PKCS#8 key of the wrong type.
  EVP_PKEY* ec_key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  ASSERT_NE(ec_key, nullptr);
  FILE* file = std::fopen(private_pem.c_str(), "w");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(PEM_write_PrivateKey(file, ec_key, nullptr, nullptr, 0, nullptr, nullptr), 1);
  std::fclose(file);
  EVP_PKEY_free(ec_key);
  auto wrong_type = SigningKey::LoadOrCreate(private_pem, temp.path() / "public.pem");
  ASSERT_FALSE(wrong_type);
  EXPECT_NE(wrong_type.error().log_detail.find("not an Ed25519"), std::string::npos);
}

}  // namespace
}  // namespace consilium::crypto
