#include "platform/crypto/openssl_util.hpp"

#include <openssl/err.h>

#include <array>

namespace consilium::crypto::internal {

std::string DrainOpenSslErrors() {
  std::string out;
  while (unsigned long code = ERR_get_error()) {
    std::array<char, 256> buffer{};
    ERR_error_string_n(code, buffer.data(), buffer.size());
    if (!out.empty()) out += "; ";
    out += buffer.data();
  }
  return out.empty() ? std::string("no OpenSSL error recorded") : out;
}

std::string MemoryBioContents(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  if (size <= 0 || data == nullptr) return {};
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace consilium::crypto::internal
