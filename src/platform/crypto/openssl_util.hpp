#pragma once
// Internal to platform/crypto: owning pointers for OpenSSL objects and error
// text. Not for use outside this directory.
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

namespace consilium::crypto::internal {

template <auto kFree>
struct FreeWith {
  template <class T>
  void operator()(T* p) const noexcept {
    kFree(p);
  }
};

using BioPtr = std::unique_ptr<BIO, FreeWith<BIO_free_all>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, FreeWith<EVP_PKEY_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, FreeWith<EVP_MD_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, FreeWith<X509_free>>;
using X509NamePtr = std::unique_ptr<X509_NAME, FreeWith<X509_NAME_free>>;
using X509ExtensionPtr = std::unique_ptr<X509_EXTENSION, FreeWith<X509_EXTENSION_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, FreeWith<BN_free>>;
using Asn1IntegerPtr = std::unique_ptr<ASN1_INTEGER, FreeWith<ASN1_INTEGER_free>>;

// Empties OpenSSL's thread-local error queue into one line for the log, so a
// stale error never shows up next to an unrelated later failure.
std::string DrainOpenSslErrors();

// Copies everything written to a memory BIO.
std::string MemoryBioContents(BIO* bio);

}  // namespace consilium::crypto::internal
