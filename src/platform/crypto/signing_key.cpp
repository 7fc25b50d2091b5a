#include "platform/crypto/signing_key.hpp"

#include "platform/crypto/encoding.hpp"
#include "platform/crypto/hash.hpp"
#include "platform/crypto/openssl_util.hpp"
#include "platform/files/secure_file.hpp"

#include <openssl/pem.h>

#include <stdexcept>
#include <system_error>

namespace consilium::crypto {
namespace {

constexpr std::size_t kEd25519PublicKeyBytes = 32;
constexpr std::size_t kKidDigestPrefixBytes = 12;

// Without a callback, OpenSSL would prompt on the terminal for an encrypted
// key and block start-up; we refuse encrypted keys instead.
int NoPassphrase(char*, int, int, void*) { return 0; }

internal::PkeyPtr GenerateEd25519() { return internal::PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")); }

Result<std::string> PrivateKeyPem(EVP_PKEY* pkey) {
  internal::BioPtr bio(BIO_new(BIO_s_secmem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return Internal("PEM_write_bio_PrivateKey: " + internal::DrainOpenSslErrors());
  }
  return internal::MemoryBioContents(bio.get());
}

Result<std::string> PublicKeyPem(EVP_PKEY* pkey) {
  internal::BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), pkey) != 1) {
    return Internal("PEM_write_bio_PUBKEY: " + internal::DrainOpenSslErrors());
  }
  return internal::MemoryBioContents(bio.get());
}

Status WritePublicKey(EVP_PKEY* pkey, const std::filesystem::path& public_pem) {
  auto pem = PublicKeyPem(pkey);
  if (!pem) return pem.error();
  if (auto made = files::CreatePrivateDirectories(public_pem.parent_path()); !made) return made;
  return files::WriteFileAtomically(public_pem, *pem, 0644);
}

Error KeyError(const std::filesystem::path& path, std::string detail) {
  return Internal("signing key " + path.string() + ": " + std::move(detail));
}

}  // namespace

void EvpPkeyDeleter::operator()(evp_pkey_st* pkey) const noexcept { EVP_PKEY_free(pkey); }

SigningKey::SigningKey(PkeyPtr pkey, std::string public_raw, std::string kid)
    : pkey_(std::move(pkey)), public_raw_(std::move(public_raw)), kid_(std::move(kid)) {}

Result<SigningKey> SigningKey::Adopt(PkeyPtr pkey) {
  if (!pkey || EVP_PKEY_get_id(pkey.get()) != EVP_PKEY_ED25519) return Internal("not an Ed25519 private key");
  std::string public_raw(kEd25519PublicKeyBytes, '\0');
  std::size_t size = public_raw.size();
  if (EVP_PKEY_get_raw_public_key(pkey.get(), reinterpret_cast<unsigned char*>(public_raw.data()), &size) != 1 ||
      size != kEd25519PublicKeyBytes) {
    return Internal("EVP_PKEY_get_raw_public_key: " + internal::DrainOpenSslErrors());
  }
  std::string kid = Base64UrlEncode(Sha256(public_raw).substr(0, kKidDigestPrefixBytes));
  return SigningKey(std::move(pkey), std::move(public_raw), std::move(kid));
}

Result<SigningKey> SigningKey::LoadOrCreate(const std::filesystem::path& private_pem,
                                            const std::filesystem::path& public_pem) {
  std::error_code ec;
  if (std::filesystem::exists(private_pem, ec)) {
    auto pem = files::ReadSmallFile(private_pem);
    if (!pem) return pem.error();
    internal::BioPtr bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
    PkeyPtr pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, NoPassphrase, nullptr) : nullptr);
    OPENSSL_cleanse(pem->data(), pem->size());
    if (!pkey) return KeyError(private_pem, "cannot parse PEM: " + internal::DrainOpenSslErrors());
    auto key = Adopt(std::move(pkey));
    if (!key) return KeyError(private_pem, key.error().log_detail);
    if (!std::filesystem::exists(public_pem, ec)) {
      if (auto written = WritePublicKey(key->pkey_.get(), public_pem); !written) return written.error();
    }
    return key;
  }
  if (ec) return KeyError(private_pem, "cannot stat: " + ec.message());

  PkeyPtr pkey(GenerateEd25519().release());
  if (!pkey) return KeyError(private_pem, "keygen failed: " + internal::DrainOpenSslErrors());
  auto private_text = PrivateKeyPem(pkey.get());
  if (!private_text) return private_text.error();
  // Public first: an existing private key file then always has its public twin.
  Status written = WritePublicKey(pkey.get(), public_pem);
  if (written) written = files::CreatePrivateDirectories(private_pem.parent_path());
  if (written) written = files::WriteFileAtomically(private_pem, *private_text, 0600);
  OPENSSL_cleanse(private_text->data(), private_text->size());
  if (!written) return written.error();
  return Adopt(std::move(pkey));
}

Result<SigningKey> SigningKey::LoadPublic(const std::filesystem::path& public_pem) {
  auto pem = files::ReadSmallFile(public_pem);
  if (!pem) return pem.error();
  internal::BioPtr bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
  PkeyPtr pkey(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, NoPassphrase, nullptr) : nullptr);
  if (!pkey) return KeyError(public_pem, "cannot parse public PEM: " + internal::DrainOpenSslErrors());
  auto key = Adopt(std::move(pkey));
  if (!key) return KeyError(public_pem, key.error().log_detail);
  return key;
}

SigningKey SigningKey::Generate() {
  PkeyPtr pkey(GenerateEd25519().release());
  if (!pkey) throw std::runtime_error("Ed25519 keygen failed: " + internal::DrainOpenSslErrors());
  return Adopt(std::move(pkey)).value();
}

std::string SigningKey::Sign(std::string_view data) const {
  internal::MdCtxPtr ctx(EVP_MD_CTX_new());
  std::string signature(kEd25519SignatureBytes, '\0');
  std::size_t size = signature.size();
  // Ed25519 signs the message itself (no pre-hash), hence the one-shot call.
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, pkey_.get()) != 1 ||
      EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1 ||
      size != kEd25519SignatureBytes) {
    throw std::runtime_error("Ed25519 sign failed: " + internal::DrainOpenSslErrors());
  }
  return signature;
}

bool SigningKey::Verify(std::string_view data, std::string_view signature) const {
  if (signature.size() != kEd25519SignatureBytes) return false;
  internal::MdCtxPtr ctx(EVP_MD_CTX_new());
  const bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, pkey_.get()) == 1 &&
                  EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                                   signature.size(), reinterpret_cast<const unsigned char*>(data.data()),
                                   data.size()) == 1;
  if (!ok) internal::DrainOpenSslErrors();  // a bad signature is an expected outcome, not an error to keep
  return ok;
}

boost::json::object SigningKey::PublicJwk() const {
  return boost::json::object{
      {"kty", "OKP"}, {"crv", "Ed25519"}, {"x", Base64UrlEncode(public_raw_)},
      {"kid", kid_},  {"alg", "EdDSA"},   {"use", "sig"},
  };
}

}  // namespace consilium::crypto
