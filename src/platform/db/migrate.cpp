#include "platform/db/migrate.hpp"

#include "platform/db/blocking.hpp"
#include "platform/log/log.hpp"

namespace consilium::db {
namespace {
constexpr std::string_view kMigrationLockKey = "4242000001";
}  // namespace

Result<int> Migrate(const std::string& owner_conninfo) {
  auto connection = BlockingConnection::Open(owner_conninfo);
  if (!connection) return connection.error();
  auto ready = connection->Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, "
      "applied_at timestamptz NOT NULL DEFAULT now())");
  if (!ready) return ready.error();
  if (auto locked = connection->Exec("SELECT pg_advisory_lock(" + std::string(kMigrationLockKey) + ")"); !locked) {
    return locked.error();
  }
  int applied = 0;
  Status status;
  auto current = connection->Exec("SELECT COALESCE(max(version), 0) FROM schema_migrations");
  if (!current) return current.error();
  const int current_version = std::stoi(current->Text(0, 0));
  for (const auto& migration : EmbeddedMigrations()) {
    if (migration.version <= current_version) continue;
    auto result = connection->Exec("BEGIN;\n" + migration.sql + "\n;INSERT INTO schema_migrations (version, name) VALUES (" +
                                   std::to_string(migration.version) + ", '" + migration.name + "');\nCOMMIT;");
    if (!result) {
      connection->Exec("ROLLBACK");
      status = MakeError(ErrorCode::kInternal, "migration failed", "migration " + migration.name + " failed: " + result.error().log_detail);
      break;
    }
    log::Info("migration_applied", {{"version", migration.version}, {"name", migration.name}});
    ++applied;
  }
  connection->Exec("SELECT pg_advisory_unlock(" + std::string(kMigrationLockKey) + ")");
  if (!status) return status.error();
  return applied;
}

Status CheckRuntimeRole(const std::string& runtime_conninfo) {
  auto connection = BlockingConnection::Open(runtime_conninfo);
  if (!connection) return connection.error();
  auto rows = connection->Exec(
      "SELECT r.rolsuper, r.rolbypassrls, (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid "
      "AND c.relnamespace = 'public'::regnamespace) FROM pg_roles r WHERE r.rolname = current_user");
  if (!rows) return rows.error();
  if (rows->empty() || rows->Get(0, 0) != "f" || rows->Get(0, 1) != "f" || rows->Get(0, 2) != "0") {
    return MakeError(ErrorCode::kInvalidArgument,
                     "the runtime database role must not be a superuser, must not bypass row-level security and "
                     "must own no table");
  }
  return {};
}

}  // namespace consilium::db
