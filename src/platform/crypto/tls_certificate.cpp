#include "platform/crypto/tls_certificate.hpp"

#include "platform/crypto/openssl_util.hpp"
#include "platform/crypto/random.hpp"
#include "platform/files/secure_file.hpp"

#include <openssl/pem.h>

#include <system_error>

namespace consilium::crypto {
namespace {

constexpr long kSecondsPerDay = 24 * 60 * 60;
constexpr std::size_t kSerialBytes = 16;
constexpr const char* kCommonName = "Consilium self-signed";

Error CertError(std::string detail) { return Internal("self-signed certificate: " + std::move(detail)); }

Error OpenSslError(std::string_view step) {
  return CertError(std::string(step) + ": " + internal::DrainOpenSslErrors());
}

// Positive and non-zero, as RFC 5280 requires of serial numbers.
Status SetRandomSerial(X509* cert) {
  std::string bytes = RandomBytes(kSerialBytes);
  bytes[0] = static_cast<char>((static_cast<unsigned char>(bytes[0]) & 0x7f) | 0x01);
  internal::BignumPtr bn(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()),
                                   nullptr));
  if (!bn) return OpenSslError("BN_bin2bn");
  internal::Asn1IntegerPtr serial(BN_to_ASN1_INTEGER(bn.get(), nullptr));
  if (!serial || X509_set_serialNumber(cert, serial.get()) != 1) return OpenSslError("X509_set_serialNumber");
  return {};
}

Status AddExtension(X509* cert, X509V3_CTX* ctx, int nid, const char* value) {
  internal::X509ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, ctx, nid, value));
  if (!extension || X509_add_ext(cert, extension.get(), -1) != 1) return OpenSslError(OBJ_nid2sn(nid));
  return {};
}

Result<std::string> BuildCertificatePem(EVP_PKEY* pkey) {
  internal::X509Ptr cert(X509_new());
  if (!cert) return OpenSslError("X509_new");
  if (X509_set_version(cert.get(), X509_VERSION_3) != 1) return OpenSslError("X509_set_version");
  if (auto serial = SetRandomSerial(cert.get()); !serial) return serial.error();
  if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(cert.get()), kSelfSignedValidityDays * kSecondsPerDay) == nullptr) {
    return OpenSslError("validity");
  }
  internal::X509NamePtr name(X509_NAME_new());
  if (!name ||
      X509_NAME_add_entry_by_NID(name.get(), NID_commonName, MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>(kCommonName), -1, -1, 0) != 1 ||
      X509_set_subject_name(cert.get(), name.get()) != 1 || X509_set_issuer_name(cert.get(), name.get()) != 1) {
    return OpenSslError("subject name");
  }
  if (X509_set_pubkey(cert.get(), pkey) != 1) return OpenSslError("X509_set_pubkey");

  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  struct ExtensionSpec {
    int nid;
    const char* value;
  };
  constexpr ExtensionSpec kExtensions[] = {
      {NID_basic_constraints, "critical,CA:FALSE"},
      {NID_key_usage, "critical,digitalSignature"},
      {NID_ext_key_usage, "serverAuth"},
      {NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1"},
      {NID_subject_key_identifier, "hash"},
  };
  for (const ExtensionSpec& spec : kExtensions) {
    if (auto added = AddExtension(cert.get(), &ctx, spec.nid, spec.value); !added) return added.error();
  }
  if (X509_sign(cert.get(), pkey, EVP_sha256()) <= 0) return OpenSslError("X509_sign");

  internal::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert.get()) != 1) return OpenSslError("PEM_write_bio_X509");
  return internal::MemoryBioContents(bio.get());
}

}  // namespace

Status EnsureSelfSignedCertificate(const std::filesystem::path& cert_pem, const std::filesystem::path& key_pem) {
  std::error_code ec;
  const bool cert_exists = std::filesystem::exists(cert_pem, ec);
  if (ec) return CertError("cannot stat " + cert_pem.string() + ": " + ec.message());
  const bool key_exists = std::filesystem::exists(key_pem, ec);
  if (ec) return CertError("cannot stat " + key_pem.string() + ": " + ec.message());
  if (cert_exists && key_exists) return {};
  if (cert_exists || key_exists) {
    return CertError("only one of " + cert_pem.string() + " and " + key_pem.string() +
                     " exists; supply both or remove it to generate a new pair");
  }

  internal::PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!pkey) return OpenSslError("P-256 keygen");
  auto cert_text = BuildCertificatePem(pkey.get());
  if (!cert_text) return cert_text.error();
  internal::BioPtr key_bio(BIO_new(BIO_s_secmem()));
  if (!key_bio || PEM_write_bio_PrivateKey(key_bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return OpenSslError("PEM_write_bio_PrivateKey");
  }
  std::string key_text = internal::MemoryBioContents(key_bio.get());

  // Key before certificate: a crash in between leaves one file, which the
  // check above reports instead of silently pairing mismatched halves.
  Status written = files::CreatePrivateDirectories(key_pem.parent_path());
  if (written) written = files::WriteFileAtomically(key_pem, key_text, 0600);
  OPENSSL_cleanse(key_text.data(), key_text.size());
  if (written) written = files::CreatePrivateDirectories(cert_pem.parent_path());
  if (written) written = files::WriteFileAtomically(cert_pem, *cert_text, 0644);
  return written;
}

}  // namespace consilium::crypto
