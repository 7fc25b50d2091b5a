#pragma once
// Clinics are the tenants. Creating one is an operator's act (the admin
// command and the demo seed), recorded in the new clinic's own audit log.
#include "security/endpoints.hpp"
#include "security/principal.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

namespace consilium::clinics {

// Returns the new clinic's id.
boost::asio::awaitable<Result<std::string>> CreateClinic(http::Request& request, const std::string& name);

// How a clinic's members sign in. Owners and administrators change them.
struct ClinicSettings {
  std::string name;
  bool mfa_required = false;       // members sign in with a second factor
  int min_password_length = 12;    // for new passwords; 8 to 128 (NIST SP 800-63B)
};

struct SettingsChange {
  std::optional<bool> mfa_required;
  std::optional<int> min_password_length;
};

boost::asio::awaitable<Result<ClinicSettings>> ReadSettings(const security::RequestContext& context);
boost::asio::awaitable<Result<ClinicSettings>> ChangeSettings(const security::RequestContext& context,
                                                              const SettingsChange& change);

void RegisterRoutes(security::Endpoints& endpoints);

}  // namespace consilium::clinics
