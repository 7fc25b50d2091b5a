#pragma once
// A PostgreSQL array literal ("{a,b,c}") for a bound parameter, for values
// that never need quoting: UUIDs, hex digests, plain words.
#include <string>
#include <vector>

namespace consilium::db {

inline std::string ArrayLiteral(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += item;
  }
  return out + "}";
}

}  // namespace consilium::db
