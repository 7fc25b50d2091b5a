#include "app/serve.hpp"

#include "app/application.hpp"
#include "app/audit_maintenance.hpp"
#include "app/database.hpp"
#include "app/demo.hpp"
#include "app/legacy_text.hpp"
#include "app/root_key.hpp"
#include "app/web_app.hpp"
#include "modules/audit/sealer.hpp"
#include "modules/keys/keys.hpp"
#include "platform/crypto/tls_certificate.hpp"
#include "platform/db/pool.hpp"
#include "platform/http/server.hpp"
#include "platform/log/log.hpp"
#include "security/key_ring.hpp"

#include <atomic>
#include <iostream>
#include <optional>

namespace consilium::app {
namespace {

std::string PublicUrl(const Config& config, unsigned short port) {
  if (!config.public_url.empty()) return config.public_url;
  const auto colon = config.listen.rfind(':');
  return "https://" + config.listen.substr(0, colon) + ":" + std::to_string(port);
}

void PrintWelcome(const std::string& url, const boost::json::object& demo) {
  std::cerr << "\nConsilium is running at " << url << "\n";
  if (const auto* users = demo.if_contains("users"); users && users->is_array()) {
    std::cerr << "Demo sign-ins (Demo Clinic):\n";
    for (const auto& user : users->as_array()) {
      const auto& u = user.as_object();
      std::cerr << "  " << u.at("role").as_string().c_str() << ": " << u.at("email").as_string().c_str() << "  "
                << u.at("password").as_string().c_str() << "\n";
    }
  }
  std::cerr << "Stop with Ctrl-C.\n" << std::endl;
}

Status PrepareTls(Config& config) {
  if (!config.tls_cert_file.empty()) return {};
  config.tls_cert_file = config.data_dir / "tls" / "cert.pem";
  config.tls_key_file = config.data_dir / "tls" / "key.pem";
  return crypto::EnsureSelfSignedCertificate(config.tls_cert_file, config.tls_key_file);
}

int Fail(const Error& error) {
  log::Error("startup_failed", {{"message", error.public_message}, {"detail", error.log_detail}});
  std::cerr << "consilium: " << error.public_message << (error.log_detail.empty() ? "" : " (" + error.log_detail + ")")
            << "\n";
  return 1;
}

}  // namespace

int Serve(const Config& initial) {
  Config config = initial;
  if (auto tls = PrepareTls(config); !tls) return Fail(tls.error());
  const auto keys_dir = config.data_dir / "keys";
  auto keys = security::LoadKeyRing(keys_dir);
  if (!keys) return Fail(keys.error());
  // Seals TOTP seeds; kept beside the signing keys, outside the database.
  auto secrets = crypto::LoadOrCreateSecretBox(keys_dir / "secrets.key");
  if (!secrets) return Fail(secrets.error());
  // The root of the clinical content's keys: a wrong HSM PIN or a missing key file stops start-up here.
  auto root_key = OpenRootKey(config);
  if (!root_key) return Fail(root_key.error());
  log::Info("root_key_opened", {{"provider", (*root_key)->Description()}, {"version", (*root_key)->CurrentVersion()}});
  keys::Install(std::make_shared<keys::Keyring>(std::move(*root_key)));
  auto database = OpenDatabase(config, true);
  if (!database) return Fail(database.error());

  std::optional<AuditMaintenance> audit_maintenance;
  if (!database->owner_conninfo.empty()) {
    auto maintained = MaintainAuditTrail(database->owner_conninfo, config.audit_retention_years);
    if (!maintained) return Fail(maintained.error());
    audit_maintenance.emplace(database->owner_conninfo, config.audit_retention_years);
    auto sealed = SealLegacyClinicalText(database->owner_conninfo);
    if (!sealed) return Fail(sealed.error());
    if (*sealed > 0) log::Info("legacy_clinical_text_sealed", {{"rows", *sealed}});
  }

  Application application(config, std::move(*keys), std::move(*secrets));

  const std::string app_conninfo = database->app_conninfo;
  std::atomic<bool> sealer_started{false};
  http::ServerHooks hooks{
      .on_worker_start =
          [&](boost::asio::io_context& io) -> std::shared_ptr<void> {
            auto pool = std::make_shared<db::Pool>(io, app_conninfo, config.db_pool_size, config.db_acquire_timeout);
            db::Pool::SetCurrent(pool.get());
            // One I/O thread also seals the audit trail and re-wraps rotated keys.
            if (!sealer_started.exchange(true)) {
              audit::StartSealer(io);
              keys::StartRewrapper(io);
            }
            return pool;
          },
      .on_worker_stop = [] { db::Pool::Current()->Close(); },
      .streams_body = [&](http::Method method,
                          std::string_view path) { return application.endpoints().StreamsBody(method, path); },
      // After `consilium admin rotate-signing-key`: sign with the new key,
      // keep verifying with the retired ones.
      .on_reload =
          [&] {
            auto reloaded = security::LoadKeyRing(keys_dir);
            if (!reloaded) {
              log::Error("reload_failed", {{"detail", reloaded.error().log_detail}});
              return;
            }
            application.tokens().ReplaceKeys(std::move(*reloaded));
            log::Info("signing_keys_reloaded", {});
          },
  };
  const WebApp web_app = WebApp::Load(config.web_root);
  auto handler = [&](http::Request& request) -> boost::asio::awaitable<http::Response> {
    if (auto page = web_app.Serve(request)) co_return std::move(*page);
    co_return co_await application.endpoints().Dispatch(request);
  };
  auto server = http::Server::Create(config, handler, std::move(hooks));
  if (!server) return Fail(server.error());
  const std::string url = PublicUrl(config, (*server)->port());

  boost::json::object demo;
  if (database->first_run || config.demo) {
    auto seeded = EnsureDemoClinic(app_conninfo, config.data_dir, url, application.passwords());
    if (!seeded) return Fail(seeded.error());
    demo = std::move(*seeded);
  }
  log::Info("listening", {{"url", url}, {"workers", config.workers}});
  log::Flush();
  PrintWelcome(url, demo);
  (*server)->Run();
  log::Flush();
  return 0;
}

}  // namespace consilium::app
