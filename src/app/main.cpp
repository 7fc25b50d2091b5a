// consilium: the server and its operator commands.
#include "app/application.hpp"
#include "app/audit_maintenance.hpp"
#include "app/blocking_runner.hpp"
#include "app/database.hpp"
#include "app/root_key.hpp"
#include "app/serve.hpp"
#include "modules/audit/sealer.hpp"
#include "modules/audit/verify.hpp"
#include "modules/clinics/clinics.hpp"
#include "modules/identity/identity.hpp"
#include "modules/identity/password_policy.hpp"
#include "modules/keys/keys.hpp"
#include "platform/config/config.hpp"
#include "platform/crypto/random.hpp"
#include "platform/files/secure_file.hpp"
#include "platform/log/log.hpp"
#include "security/key_ring.hpp"
#include "security/permissions.hpp"

#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>

#include <iostream>

namespace consilium::app {
namespace {

struct Options {
  std::optional<std::string> config_file;
  std::optional<std::string> data_dir;
  std::optional<std::string> listen;
  bool demo = false;
};

Result<Config> ResolveConfig(const Options& options) {
  auto config = LoadConfig(options.config_file ? std::optional<std::filesystem::path>(*options.config_file) : std::nullopt);
  if (!config) return config;
  if (options.data_dir) config->data_dir = *options.data_dir;
  if (options.listen) config->listen = *options.listen;
  config->demo = config->demo || options.demo;
  return config;
}

int Report(const Error& error) {
  std::cerr << "consilium: " << error.public_message << (error.log_detail.empty() ? "" : " (" + error.log_detail + ")")
            << "\n";
  return error.code == ErrorCode::kInvalidArgument ? 2 : 1;
}

Result<std::string> ReadPassword(const std::string& file, const std::string& email) {
  auto password = files::ReadSmallFile(file, 4096);
  if (!password) return InvalidArgument("cannot read the password file");
  while (!password->empty() && (password->back() == '\n' || password->back() == '\r')) password->pop_back();
  if (auto acceptable = identity::CheckNewPassword(*password, email); !acceptable) return acceptable.error();
  return password;
}

// Adds a member with a password from a file; runs against the configured database.
int AddUser(const Options& options, const std::string& clinic_id, const std::string& email, const std::string& name,
            const std::string& role_name, const std::string& password_file, bool print_clinic) {
  auto config = ResolveConfig(options);
  if (!config) return Report(config.error());
  auto role = security::ParseClinicRole(role_name);
  if (!role) return Report(InvalidArgument("unknown role " + role_name));
  auto password = ReadPassword(password_file, email);
  if (!password) return Report(password.error());
  auto database = OpenDatabase(*config, true);
  if (!database) return Report(database.error());
  identity::PasswordWorkers passwords(1, 1);
  http::Request request;
  request.request_id = "cli";
  security::RequestContext context{request, security::Principal{"", clinic_id, *role, ""}, {}};
  // Outlives the operation: the coroutine keeps a reference to it.
  const identity::NewMember member{clinic_id, email, name, *password, *role};
  auto user_id = RunBlocking<std::string>(database->app_conninfo,
                                          [&] { return identity::AddMember(context, passwords, member); });
  if (!user_id) return Report(user_id.error());
  boost::json::object out{{"user_id", *user_id}};
  if (print_clinic) out["clinic_id"] = clinic_id;
  std::cout << boost::json::serialize(out) << std::endl;
  return 0;
}

int CreateClinic(const Options& options, const std::string& name, const std::string& owner_email,
                 const std::string& owner_name, const std::string& password_file) {
  auto config = ResolveConfig(options);
  if (!config) return Report(config.error());
  auto database = OpenDatabase(*config, true);
  if (!database) return Report(database.error());
  http::Request request;
  request.request_id = "cli";
  auto clinic_id = RunBlocking<std::string>(database->app_conninfo, [&] { return clinics::CreateClinic(request, name); });
  if (!clinic_id) return Report(clinic_id.error());
  return AddUser(options, *clinic_id, owner_email, owner_name, "owner", password_file, true);
}

int DbUrl(const Options& options, const std::string& role) {
  auto config = ResolveConfig(options);
  if (!config) return Report(config.error());
  if (!config->database_url.empty()) return Report(InvalidArgument("db-url describes the private database only"));
  auto cluster = db::PrivateCluster::Open(config->data_dir);
  if (!cluster) return Report(cluster.error());
  const auto which = role == "superuser" ? db::ClusterRole::kSuperuser
                     : role == "owner"   ? db::ClusterRole::kOwner
                                         : db::ClusterRole::kApp;
  std::cout << (*cluster)->Conninfo(which) << std::endl;
  return 0;
}

std::string PermissionsJson() {
  boost::json::object table;
  for (const auto& info : security::PermissionTable()) {
    boost::json::array clinic_roles;
    for (auto role : info.allowed) clinic_roles.emplace_back(security::RoleName(role));
    boost::json::array meeting_roles;
    for (auto role : info.in_meeting) meeting_roles.emplace_back(security::MeetingRoleName(role));
    table[info.name] = {{"clinic_roles", std::move(clinic_roles)}, {"meeting_roles", std::move(meeting_roles)}};
  }
  return boost::json::serialize(table) + "\n";
}

// The route table as the server builds it (with throw-away keys).
int PrintRoutes() {
  Application application(Config{},
                          std::make_shared<const security::KeyRing>(security::KeyRing{crypto::SigningKey::Generate(), {}}),
                          crypto::SecretBox(crypto::RandomBytes(crypto::kSecretBoxKeyBytes)));
  for (const auto& route : application.endpoints().Describe()) {
    boost::json::value action = nullptr;
    if (route.action) action = security::InfoOf(*route.action).name;
    std::cout << boost::json::serialize(boost::json::object{
                     {"method", http::MethodName(route.method)}, {"pattern", route.pattern}, {"action", action}})
              << "\n";
  }
  return 0;
}

// Walks every clinic's chain (or one); exit status 1 on any break.
int VerifyAudit(const Options& options, const std::string& clinic_id) {
  auto config = ResolveConfig(options);
  if (!config) return Report(config.error());
  auto database = OpenDatabase(*config, false);
  if (!database) return Report(database.error());
  std::optional<std::string> only;
  if (!clinic_id.empty()) only = clinic_id;
  // Seal what is pending first, so that a quiet trail reports nothing pending.
  auto sealed = RunBlocking<long>(database->app_conninfo, [] { return audit::SealPending(); });
  if (!sealed) return Report(sealed.error());
  auto reports = RunBlocking<std::vector<audit::ChainReport>>(database->app_conninfo,
                                                               [&] { return audit::VerifyChains(only); });
  if (!reports) return Report(reports.error());
  bool intact = true;
  for (const auto& report : *reports) {
    intact = intact && report.breaks.empty();
    std::cout << boost::json::serialize(audit::ReportJson(report)) << "\n";
  }
  std::cout.flush();
  return intact ? 0 : 1;
}

int AuditRetention(const Options& options) {
  auto config = ResolveConfig(options);
  if (!config) return Report(config.error());
  auto database = OpenDatabase(*config, true);
  if (!database) return Report(database.error());
  if (database->owner_conninfo.empty()) return Report(InvalidArgument("the retention job needs DATABASE_OWNER_URL"));
  auto done = MaintainAuditTrail(database->owner_conninfo, config->audit_retention_years);
  if (!done) return Report(done.error());
  std::cout << boost::json::serialize(*done) << std::endl;
  return 0;
}

// A new root key version, then one re-wrapping pass so that every clinic key is under it when this returns.
// Running servers see the new version by themselves (their job re-wraps anything they wrap meanwhile).
int RewrapKeys(const Options& options, bool new_root_version) {
  auto config = ResolveConfig(options);
  if (!config) return Report(config.error());
  auto root = OpenRootKey(*config);
  if (!root) return Report(root.error());
  if (new_root_version) {
    auto version = (*root)->AddVersion();
    if (!version) return Report(version.error());
  }
  const auto current = (*root)->CurrentVersion();
  keys::Install(std::make_shared<keys::Keyring>(std::move(*root)));
  auto database = OpenDatabase(*config, false);
  if (!database) return Report(database.error());
  auto rewrapped = RunBlocking<long>(database->app_conninfo, [] { return keys::RewrapPass(); });
  if (!rewrapped) return Report(rewrapped.error());
  std::cout << boost::json::serialize(boost::json::object{{"root_key_version", current}, {"rewrapped", *rewrapped}})
            << std::endl;
  return 0;
}

void AddCommonOptions(CLI::App* command, Options& options) {
  command->add_option("--config", options.config_file, "JSON configuration file");
  command->add_option("--data-dir", options.data_dir, "data directory (default ./data)");
}

}  // namespace
}  // namespace consilium::app

int main(int argc, char** argv) {
  using namespace consilium;
  using namespace consilium::app;
  log::Init();
  CLI::App cli{"Consilium: multidisciplinary team meetings and their records"};
  cli.require_subcommand(1);
  Options options;

  auto* serve = cli.add_subcommand("serve", "run the HTTPS server");
  AddCommonOptions(serve, options);
  serve->add_option("--listen", options.listen, "HOST:PORT (default localhost:8443)");
  serve->add_flag("--demo", options.demo, "seed the demo clinic if it is not there");

  auto* migrate = cli.add_subcommand("migrate", "apply database migrations and exit");
  AddCommonOptions(migrate, options);

  bool permissions_json = false;
  auto* permissions = cli.add_subcommand("permissions", "print the permission table as Markdown");
  permissions->add_flag("--json", permissions_json, "as JSON: {action: {clinic_roles, meeting_roles}}");
  cli.add_subcommand("routes", "print every route and the action it performs, as JSON lines");

  auto* admin = cli.add_subcommand("admin", "operator commands");
  admin->require_subcommand(1);
  std::string name, email, role, password_file, clinic_id, owner_email, owner_name;
  auto* create_clinic = admin->add_subcommand("create-clinic", "create a clinic and its first owner");
  AddCommonOptions(create_clinic, options);
  create_clinic->add_option("--name", name, "clinic name")->required();
  create_clinic->add_option("--owner-email", owner_email)->required();
  create_clinic->add_option("--owner-name", owner_name)->required();
  create_clinic->add_option("--owner-password-file", password_file)->required();
  auto* add_user = admin->add_subcommand("add-user", "add a person to a clinic with a role");
  AddCommonOptions(add_user, options);
  add_user->add_option("--clinic", clinic_id)->required();
  add_user->add_option("--email", email)->required();
  add_user->add_option("--name", name)->required();
  add_user->add_option("--role", role)->required();
  add_user->add_option("--password-file", password_file)->required();
  auto* rotate_key = admin->add_subcommand(
      "rotate-signing-key", "make a new access-token signing key; send SIGHUP to running servers afterwards");
  AddCommonOptions(rotate_key, options);
  auto* db_url = admin->add_subcommand("db-url", "print a connection string for the private database");
  AddCommonOptions(db_url, options);
  db_url->add_option("--role", role)->required()->check(CLI::IsMember({"app", "owner", "superuser"}));

  auto* audit = cli.add_subcommand("audit", "the audit trail");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify", "check every clinic's hash chain; print one JSON line per clinic; exit 1 on any break");
  AddCommonOptions(verify, options);
  verify->add_option("--clinic", clinic_id, "only this clinic");
  auto* retention = audit->add_subcommand(
      "retention", "drop the months past audit_retention_years (at least 6) and record it; the server does it daily");
  AddCommonOptions(retention, options);

  auto* keys_command = cli.add_subcommand("keys", "the encryption keys of clinical content");
  keys_command->require_subcommand(1);
  auto* rotate_root = keys_command->add_subcommand(
      "rotate-root", "make a new root key version and re-wrap every clinic key under it");
  AddCommonOptions(rotate_root, options);
  auto* rewrap = keys_command->add_subcommand(
      "rewrap", "re-wrap now what rotation left under older key versions (the server does it every few seconds)");
  AddCommonOptions(rewrap, options);

  CLI11_PARSE(cli, argc, argv);
  if (serve->parsed()) {
    auto config = ResolveConfig(options);
    if (!config) return Report(config.error());
    return Serve(*config);
  }
  if (migrate->parsed()) {
    auto config = ResolveConfig(options);
    if (!config) return Report(config.error());
    auto database = OpenDatabase(*config, true);
    return database ? 0 : Report(database.error());
  }
  if (permissions->parsed()) {
    std::cout << (permissions_json ? PermissionsJson() : security::PermissionsMarkdown());
    return 0;
  }
  if (cli.got_subcommand("routes")) return PrintRoutes();
  if (create_clinic->parsed()) return CreateClinic(options, name, owner_email, owner_name, password_file);
  if (add_user->parsed()) return AddUser(options, clinic_id, email, name, role, password_file, false);
  if (db_url->parsed()) return DbUrl(options, role);
  if (verify->parsed()) return VerifyAudit(options, clinic_id);
  if (retention->parsed()) return AuditRetention(options);
  if (rotate_root->parsed()) return RewrapKeys(options, true);
  if (rewrap->parsed()) return RewrapKeys(options, false);
  if (rotate_key->parsed()) {
    auto config = ResolveConfig(options);
    if (!config) return Report(config.error());
    if (auto rotated = security::RotateSigningKey(config->data_dir / "keys"); !rotated) return Report(rotated.error());
    return 0;
  }
  return 2;
}
