#pragma once
// Where the database is: the private cluster in the data directory, or the
// servers named by DATABASE_URL (runtime role) and DATABASE_OWNER_URL
// (migrations).
#include "platform/config/config.hpp"
#include "platform/db/cluster.hpp"

#include <memory>
#include <string>

namespace consilium::app {

struct Database {
  std::unique_ptr<db::PrivateCluster> cluster;  // null with DATABASE_URL
  std::string app_conninfo;
  std::string owner_conninfo;  // empty: migrations are someone else's job
  bool first_run = false;      // the private cluster was created just now
};

// Opens the database and brings its schema up to date.
Result<Database> OpenDatabase(const Config& config, bool migrate);

}  // namespace consilium::app
