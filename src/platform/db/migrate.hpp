#pragma once
// Forward-only numbered migrations, embedded in the binary at build time.
#include "platform/error/error.hpp"

#include <string>
#include <vector>

namespace consilium::db {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

const std::vector<Migration>& EmbeddedMigrations();

// Applies every migration newer than the database's, each in its own
// transaction, under an advisory lock so that two nodes never race.
// Returns how many were applied.
Result<int> Migrate(const std::string& owner_conninfo);

// Refuses a runtime role that could step around row-level security.
Status CheckRuntimeRole(const std::string& runtime_conninfo);

}  // namespace consilium::db
