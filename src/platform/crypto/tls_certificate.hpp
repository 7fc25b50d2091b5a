#pragma once
// First-run TLS: a self-signed server certificate so the server never has to
// fall back to plaintext. Operators replace it with a real one.
#include "platform/error/error.hpp"

#include <filesystem>

namespace consilium::crypto {

inline constexpr int kSelfSignedValidityDays = 825;  // CA/Browser Forum ceiling browsers still accept

// Creates an ECDSA P-256 key (PKCS#8 PEM, mode 0600) and an X.509 v3
// certificate (PEM, mode 0644): CN=Consilium self-signed, SAN DNS:localhost,
// IP:127.0.0.1, IP:::1, 825 days, CA:FALSE, keyUsage digitalSignature, EKU
// serverAuth, random 128-bit serial, SHA-256. Missing parent dirs get 0700.
// Does nothing if both files exist; fails if only one exists, since
// overwriting an operator's file or pairing it with a new key would be wrong.
Status EnsureSelfSignedCertificate(const std::filesystem::path& cert_pem, const std::filesystem::path& key_pem);

}  // namespace consilium::crypto
