#pragma once
// What a running server holds: the services with their policies, and the
// route table every module registers into. `serve` runs it; `routes`
// describes it.
#include "modules/files/files.hpp"
#include "modules/identity/identity.hpp"
#include "platform/config/config.hpp"

namespace consilium::app {

class Application {
 public:
  Application(const Config& config, std::shared_ptr<const security::KeyRing> keys, crypto::SecretBox secrets);
  Application(const Application&) = delete;
  Application& operator=(const Application&) = delete;

  security::Endpoints& endpoints() { return endpoints_; }
  identity::PasswordWorkers& passwords() { return passwords_; }
  security::AccessTokens& tokens() { return tokens_; }

 private:
  crypto::SecretBox secrets_;
  identity::PasswordWorkers passwords_;
  identity::SessionPolicy session_policy_;
  identity::GuessingPolicy guessing_;
  identity::AddressThrottle throttle_;
  identity::IdentityServices identity_;
  security::AccessTokens tokens_;
  security::Endpoints endpoints_;
  files::Store file_store_;
};

}  // namespace consilium::app
