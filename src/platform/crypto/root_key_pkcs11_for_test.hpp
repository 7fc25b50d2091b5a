#pragma once
// Test-only views of a root key opened with OpenPkcs11RootKey: what the token says about a version's key
// object, and a version made from known bytes so a test can compare the token's wraps with key_wrap's.
#include "platform/crypto/root_key.hpp"

#include <cstdint>

namespace consilium::crypto {

struct Pkcs11KeyAttributesForTest {
  bool token = false;
  bool sensitive = false;
  bool extractable = true;
  bool value_readable = true;  // whether C_GetAttributeValue(CKA_VALUE) gave the key's bytes
};

// kInvalidArgument if `root` is not a PKCS#11 root key; kInternal if the version is missing.
Result<Pkcs11KeyAttributesForTest> ReadPkcs11KeyAttributesForTest(const RootKey& root, std::uint32_t version);

// Puts `key` into the token as the next version (extractable: a test key only) and makes it current.
Result<std::uint32_t> ImportPkcs11VersionForTest(RootKey& root, const SymmetricKey& key);

}  // namespace consilium::crypto
