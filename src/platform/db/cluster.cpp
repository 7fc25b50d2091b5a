#include "platform/db/cluster.hpp"

#include "platform/crypto/random.hpp"
#include "platform/db/blocking.hpp"
#include "platform/files/secure_file.hpp"
#include "platform/log/log.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <vector>

extern char** environ;

namespace consilium::db {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kDatabase = "consilium";
constexpr std::string_view kOwnerRole = "consilium_owner";
constexpr std::string_view kAppRole = "consilium_app";
constexpr std::string_view kStartTimeoutSeconds = "60";

fs::path PgBin(std::string_view program) {
  const char* configured = std::getenv("CONSILIUM_PG_BIN");
  return fs::path(configured ? configured : "/usr/lib/postgresql/15/bin") / program;
}

// Runs a program to completion, its output appended to log_file.
int RunProgram(const std::vector<std::string>& args, const fs::path& log_file) {
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

fs::path SecretPath(const fs::path& data_dir, ClusterRole role) {
  switch (role) {
    case ClusterRole::kSuperuser: return data_dir / "secrets" / "pg-superuser.password";
    case ClusterRole::kOwner: return data_dir / "secrets" / "pg-owner.password";
    case ClusterRole::kApp: return data_dir / "secrets" / "pg-app.password";
  }
  return {};
}

Result<std::string> ReadOrCreateSecret(const fs::path& path) {
  if (auto existing = files::ReadSmallFile(path); existing && !existing->empty()) return existing;
  // URL-safe base64, so it needs no quoting in SQL or connection strings.
  std::string secret = crypto::RandomToken(32);
  if (auto written = files::WriteFileAtomically(path, secret, 0600); !written) return written.error();
  return secret;
}

Status MakePrivateDir(const fs::path& dir) {
  if (auto made = files::CreatePrivateDirectories(dir); !made) return made;
  if (::chmod(dir.c_str(), 0700) != 0) return Internal("cannot restrict directory " + dir.string());
  return {};
}

}  // namespace

Result<std::unique_ptr<PrivateCluster>> PrivateCluster::Open(const fs::path& data_dir) {
  if (::geteuid() == 0) {
    return InvalidArgument(
        "PostgreSQL will not run as root: run Consilium as its own user (scripts/run.sh uses the 'consilium' "
        "system user) or set DATABASE_URL");
  }
  std::error_code ec;
  auto cluster = std::unique_ptr<PrivateCluster>(new PrivateCluster(fs::absolute(data_dir, ec)));
  for (const char* sub : {"", "secrets", "run", "log"}) {
    if (auto made = MakePrivateDir(cluster->data_dir_ / sub); !made) return made.error();
  }
  if (!fs::exists(cluster->data_dir_ / "pg" / "PG_VERSION")) {
    if (auto made = cluster->Create(); !made) return made.error();
  }
  if (auto started = cluster->Start(); !started) return started.error();
  if (auto ready = cluster->Bootstrap(); !ready) return ready.error();
  return cluster;
}

Status PrivateCluster::Create() {
  auto password = ReadOrCreateSecret(SecretPath(data_dir_, ClusterRole::kSuperuser));
  if (!password) return password.error();
  log::Info("database_creating", {{"path", (data_dir_ / "pg").string()}});
  const int code = RunProgram({PgBin("initdb").string(), "--pgdata=" + (data_dir_ / "pg").string(), "--username=postgres",
                               "--auth=scram-sha-256", "--pwfile=" + SecretPath(data_dir_, ClusterRole::kSuperuser).string(),
                               "--encoding=UTF8", "--locale=C.UTF-8"},
                              data_dir_ / "log" / "initdb.log");
  if (code != 0) return Internal("initdb failed; see " + (data_dir_ / "log" / "initdb.log").string());
  created_ = true;
  return {};
}

Status PrivateCluster::Start() {
  const auto log_file = data_dir_ / "log" / "postgres.log";
  const auto pgdata = (data_dir_ / "pg").string();
  if (RunProgram({PgBin("pg_ctl").string(), "status", "--pgdata=" + pgdata}, log_file) == 0) return {};
  // No TCP at all: the Unix socket lives in a directory only this user can open.
  const std::string options = "-c listen_addresses='' -k " + (data_dir_ / "run").string();
  const int code = RunProgram({PgBin("pg_ctl").string(), "start", "--pgdata=" + pgdata, "--wait",
                               "--timeout=" + std::string(kStartTimeoutSeconds), "--log=" + log_file.string(),
                               "--options=" + options},
                              data_dir_ / "log" / "pg_ctl.log");
  if (code != 0) return Internal("PostgreSQL did not start; see " + log_file.string());
  started_ = true;
  log::Info("database_started", {{"socket_dir", (data_dir_ / "run").string()}});
  return {};
}

Status PrivateCluster::Bootstrap() {
  auto owner_password = ReadOrCreateSecret(SecretPath(data_dir_, ClusterRole::kOwner));
  auto app_password = ReadOrCreateSecret(SecretPath(data_dir_, ClusterRole::kApp));
  if (!owner_password) return owner_password.error();
  if (!app_password) return app_password.error();
  auto admin = BlockingConnection::Open(Conninfo(ClusterRole::kSuperuser) + " dbname=postgres");
  if (!admin) return admin.error();
  auto exists = admin->Exec("SELECT 1 FROM pg_database WHERE datname = $1", {std::string(kDatabase)});
  if (!exists) return exists.error();
  if (!exists->empty()) return {};
  const std::string script = "CREATE ROLE " + std::string(kOwnerRole) + " LOGIN PASSWORD '" + *owner_password +
                             "';\nCREATE ROLE consilium_runtime NOLOGIN;\nCREATE ROLE " + std::string(kAppRole) +
                             " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '" + *app_password +
                             "' IN ROLE consilium_runtime;";
  if (auto roles = admin->Exec(script); !roles) return roles.error();
  if (auto db = admin->Exec("CREATE DATABASE " + std::string(kDatabase) + " OWNER " + std::string(kOwnerRole)); !db) {
    return db.error();
  }
  auto in_db = BlockingConnection::Open(Conninfo(ClusterRole::kSuperuser));
  if (!in_db) return in_db.error();
  // Only the owner creates objects; extensions need the superuser once.
  auto prepared = in_db->Exec("REVOKE ALL ON SCHEMA public FROM PUBLIC;\nALTER SCHEMA public OWNER TO " +
                              std::string(kOwnerRole) + ";\nCREATE EXTENSION IF NOT EXISTS citext;");
  if (!prepared) return prepared.error();
  log::Info("database_bootstrapped", {});
  return {};
}

std::string PrivateCluster::Conninfo(ClusterRole role) const {
  auto secret = files::ReadSmallFile(SecretPath(data_dir_, role));
  const std::string password = secret ? *secret : std::string();
  const std::string_view user = role == ClusterRole::kSuperuser ? "postgres"
                                : role == ClusterRole::kOwner   ? kOwnerRole
                                                                : kAppRole;
  return "host=" + ConninfoValue((data_dir_ / "run").string()) + " dbname=" + std::string(kDatabase) +
         " user=" + std::string(user) + " password=" + ConninfoValue(password);
}

PrivateCluster::~PrivateCluster() {
  if (!started_) return;
  RunProgram({PgBin("pg_ctl").string(), "stop", "--pgdata=" + (data_dir_ / "pg").string(), "--mode=fast", "--wait"},
             data_dir_ / "log" / "pg_ctl.log");
  log::Info("database_stopped", {});
}

}  // namespace consilium::db
