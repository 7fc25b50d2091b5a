#include "app/serve.hpp"

#include "app/database.hpp"
#include "app/demo.hpp"
#include "modules/identity/identity.hpp"
#include "modules/patients/patients.hpp"
#include "platform/crypto/signing_key.hpp"
#include "platform/crypto/tls_certificate.hpp"
#include "platform/db/pool.hpp"
#include "platform/db/transaction.hpp"
#include "platform/http/server.hpp"
#include "platform/log/log.hpp"

#include <boost/json/serialize.hpp>

#include <iostream>
#include <thread>

namespace consilium::app {
namespace {

using boost::asio::awaitable;

void AddHealthRoutes(security::Endpoints& endpoints) {
  endpoints.AddPublic(http::Method::kGet, "/healthz", [](security::RequestContext&) -> awaitable<Result<http::Response>> {
    co_return http::JsonResponse(200, {{"status", "ok"}});
  });
  endpoints.AddPublic(http::Method::kGet, "/readyz", [](security::RequestContext&) -> awaitable<Result<http::Response>> {
    if (co_await db::Ping()) co_return http::JsonResponse(200, {{"status", "ready"}});
    co_return MakeError(ErrorCode::kUnavailable, "database unreachable");
  });
}

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
  auto key = crypto::SigningKey::LoadOrCreate(config.data_dir / "keys" / "jwt-ed25519.pem",
                                              config.data_dir / "keys" / "jwt-ed25519.pub.pem");
  if (!key) return Fail(key.error());
  auto database = OpenDatabase(config, true);
  if (!database) return Fail(database.error());

  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  identity::PasswordWorkers passwords(cores, config.password_hash_queue_limit);
  security::AccessTokens tokens(std::move(*key), std::chrono::minutes(config.access_token_minutes));
  security::Endpoints endpoints(tokens);
  AddHealthRoutes(endpoints);
  const identity::SessionPolicy session_policy{std::chrono::minutes(config.session_idle_minutes),
                                               std::chrono::minutes(config.session_absolute_minutes)};
  identity::GuessingPolicy guessing;
  guessing.lockout_threshold = config.lockout_threshold;
  guessing.lockout = std::chrono::minutes(config.lockout_minutes);
  guessing.address_free_failures = config.sign_in_address_free_failures;
  identity::AddressThrottle throttle(guessing);
  const identity::IdentityServices identity_services{passwords, session_policy, guessing, throttle};
  identity::RegisterRoutes(endpoints, tokens, identity_services);
  patients::RegisterRoutes(endpoints);

  const std::string app_conninfo = database->app_conninfo;
  http::ServerHooks hooks{
      .on_worker_start =
          [&](boost::asio::io_context& io) -> std::shared_ptr<void> {
            auto pool = std::make_shared<db::Pool>(io, app_conninfo, config.db_pool_size, config.db_acquire_timeout);
            db::Pool::SetCurrent(pool.get());
            return pool;
          },
      .on_worker_stop = [] { db::Pool::Current()->Close(); },
  };
  auto server = http::Server::Create(
      config, [&](http::Request& request) { return endpoints.Dispatch(request); }, std::move(hooks));
  if (!server) return Fail(server.error());
  const std::string url = PublicUrl(config, (*server)->port());

  boost::json::object demo;
  if (database->first_run || config.demo) {
    auto seeded = EnsureDemoClinic(app_conninfo, config.data_dir, url, passwords);
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
