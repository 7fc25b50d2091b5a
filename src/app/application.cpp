#include "app/application.hpp"

#include "app/api_description.hpp"
#include "modules/agenda/agenda.hpp"
#include "modules/audit/audit.hpp"
#include "modules/clinics/clinics.hpp"
#include "modules/decisions/decisions.hpp"
#include "modules/keys/keys.hpp"
#include "modules/meetings/meetings.hpp"
#include "modules/patients/patients.hpp"
#include "modules/plans/plans.hpp"
#include "platform/db/transaction.hpp"

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

identity::GuessingPolicy GuessingPolicyOf(const Config& config) {
  identity::GuessingPolicy policy;
  policy.lockout_threshold = config.lockout_threshold;
  policy.lockout = std::chrono::minutes(config.lockout_minutes);
  policy.address_free_failures = config.sign_in_address_free_failures;
  return policy;
}

// bcrypt leaves one core to the readers: a storm of sign-ins then slows
// sign-ins, not everyone else's work.
int PasswordHashWorkers(const Config& config) {
  if (config.password_hash_workers > 0) return config.password_hash_workers;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1);
}

}  // namespace

Application::Application(const Config& config, std::shared_ptr<const security::KeyRing> keys,
                         crypto::SecretBox secrets)
    : secrets_(std::move(secrets)),
      passwords_(PasswordHashWorkers(config), config.password_hash_queue_limit),
      session_policy_{std::chrono::minutes(config.session_idle_minutes),
                      std::chrono::minutes(config.session_absolute_minutes)},
      guessing_(GuessingPolicyOf(config)),
      throttle_(guessing_),
      identity_{passwords_, session_policy_, guessing_, throttle_, secrets_},
      tokens_(std::move(keys), std::chrono::minutes(config.access_token_minutes)),
      endpoints_(tokens_),
      file_store_(FileStoreDir(config)) {
  AddHealthRoutes(endpoints_);
  AddApiDescription(endpoints_);
  identity::RegisterRoutes(endpoints_, tokens_, identity_);
  clinics::RegisterRoutes(endpoints_);
  patients::RegisterRoutes(endpoints_);
  meetings::RegisterRoutes(endpoints_);
  agenda::RegisterRoutes(endpoints_);
  decisions::RegisterRoutes(endpoints_);
  plans::RegisterRoutes(endpoints_);
  audit::RegisterRoutes(endpoints_);
  keys::RegisterRoutes(endpoints_);
  files::RegisterRoutes(endpoints_, file_store_);
}

}  // namespace consilium::app
