#include "app/database.hpp"

#include "platform/db/migrate.hpp"
#include "platform/log/log.hpp"

namespace consilium::app {

Result<Database> OpenDatabase(const Config& config, bool migrate) {
  Database database;
  if (config.database_url.empty()) {
    auto cluster = db::PrivateCluster::Open(config.data_dir);
    if (!cluster) return cluster.error();
    database.cluster = std::move(*cluster);
    database.app_conninfo = database.cluster->Conninfo(db::ClusterRole::kApp);
    database.owner_conninfo = database.cluster->Conninfo(db::ClusterRole::kOwner);
    database.first_run = database.cluster->created();
  } else {
    database.app_conninfo = config.database_url;
    database.owner_conninfo = config.database_owner_url;
  }
  if (migrate && !database.owner_conninfo.empty()) {
    auto applied = db::Migrate(database.owner_conninfo);
    if (!applied) return applied.error();
  } else if (migrate) {
    log::Warn("migrations_skipped", {{"reason", "DATABASE_OWNER_URL is not set"}});
  }
  if (auto checked = db::CheckRuntimeRole(database.app_conninfo); !checked) return checked.error();
  return database;
}

}  // namespace consilium::app
