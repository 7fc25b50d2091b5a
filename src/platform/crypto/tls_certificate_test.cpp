#include "platform/crypto/tls_certificate.hpp"

#include "platform/crypto/temp_dir_for_test.hpp"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace consilium::crypto {
namespace {

namespace fs = std::filesystem;


X509* ReadCertificate(const fs::path& path) {
  FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) return nullptr;
  X509* cert = PEM_read_X509(file, nullptr, nullptr, nullptr);
  std::fclose(file);
  return cert;
}

EVP_PKEY* ReadPrivateKey(const fs::path& path) {
  FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) return nullptr;
  EVP_PKEY* key = PEM_read_PrivateKey(file, nullptr, nullptr, nullptr);
  std::fclose(file);
  return key;
}

TEST(TlsCertificateTest, CreatesSelfSignedServerCertificate) {
  TempDirForTest temp;
  const fs::path cert_pem = temp.path() / "tls" / "cert.pem";
  const fs::path key_pem = temp.path() / "tls" / "key.pem";
  auto status = EnsureSelfSignedCertificate(cert_pem, key_pem);
  ASSERT_TRUE(status) << status.error().log_detail;
  EXPECT_EQ(PermsOf(key_pem), fs::perms::owner_read | fs::perms::owner_write);
  EXPECT_EQ(PermsOf(cert_pem),
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
  EXPECT_EQ(PermsOf(temp.path() / "tls"), fs::perms::owner_all);
  EXPECT_EQ(ReadFileForTest(key_pem).rfind(kPkcs8PemHeader, 0), 0u);

  X509* cert = ReadCertificate(cert_pem);
  ASSERT_NE(cert, nullptr);
  EVP_PKEY* key = ReadPrivateKey(key_pem);
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(EVP_PKEY_get_id(key), EVP_PKEY_EC);
  EXPECT_EQ(EVP_PKEY_get_bits(key), 256);
  EXPECT_EQ(X509_check_private_key(cert, key), 1);
  EXPECT_EQ(X509_verify(cert, key), 1);  // self-signed

  EXPECT_EQ(X509_get_version(cert), X509_VERSION_3);
  EXPECT_EQ(X509_get_signature_nid(cert), NID_ecdsa_with_SHA256);
  char common_name[64] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, common_name, sizeof common_name);
  EXPECT_STREQ(common_name, "Consilium self-signed");
  EXPECT_EQ(X509_NAME_cmp(X509_get_subject_name(cert), X509_get_issuer_name(cert)), 0);

  int days = 0;
  int seconds = 0;
  ASSERT_EQ(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert), X509_get0_notAfter(cert)), 1);
  EXPECT_EQ(days, kSelfSignedValidityDays);
  EXPECT_EQ(X509_cmp_current_time(X509_get0_notBefore(cert)), -1);

  const ASN1_INTEGER* serial = X509_get0_serialNumber(cert);
  BIGNUM* serial_bn = ASN1_INTEGER_to_BN(serial, nullptr);
  ASSERT_NE(serial_bn, nullptr);
  EXPECT_FALSE(BN_is_negative(serial_bn));
  EXPECT_GT(BN_num_bits(serial_bn), 64);
  EXPECT_LE(BN_num_bits(serial_bn), 128);
  BN_free(serial_bn);

  EXPECT_EQ(X509_check_host(cert, "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_host(cert, "example.com", 0, 0, nullptr), 0);
  EXPECT_EQ(X509_check_ip_asc(cert, "127.0.0.1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(cert, "::1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(cert, "10.0.0.1", 0), 0);

  auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  ASSERT_NE(names, nullptr);
  EXPECT_EQ(sk_GENERAL_NAME_num(names), 3);
  GENERAL_NAMES_free(names);

  EXPECT_EQ(X509_check_ca(cert), 0);
  EXPECT_TRUE(X509_get_key_usage(cert) & KU_DIGITAL_SIGNATURE);
  EXPECT_FALSE(X509_get_key_usage(cert) & KU_KEY_CERT_SIGN);
  EXPECT_EQ(X509_get_extended_key_usage(cert), static_cast<uint32_t>(XKU_SSL_SERVER));

  EVP_PKEY_free(key);
  X509_free(cert);
}

TEST(TlsCertificateTest, LeavesExistingPairAlone) {
  TempDirForTest temp;
  const fs::path cert_pem = temp.path() / "cert.pem";
  const fs::path key_pem = temp.path() / "key.pem";
  ASSERT_TRUE(EnsureSelfSignedCertificate(cert_pem, key_pem));
  const std::string cert_before = ReadFileForTest(cert_pem);
  const std::string key_before = ReadFileForTest(key_pem);
  ASSERT_TRUE(EnsureSelfSignedCertificate(cert_pem, key_pem));
  EXPECT_EQ(ReadFileForTest(cert_pem), cert_before);
  EXPECT_EQ(ReadFileForTest(key_pem), key_before);
}

TEST(TlsCertificateTest, RefusesWhenOnlyOneFileExists) {
  TempDirForTest temp;
  const fs::path cert_pem = temp.path() / "cert.pem";
  const fs::path key_pem = temp.path() / "key.pem";
  std::ofstream(cert_pem) << "operator's certificate\n";
  auto status = EnsureSelfSignedCertificate(cert_pem, key_pem);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kInternal);
  EXPECT_EQ(ReadFileForTest(cert_pem), "operator's certificate\n");
  EXPECT_FALSE(fs::exists(key_pem));
}

}  // namespace
}  // namespace consilium::crypto
