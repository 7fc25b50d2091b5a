#pragma once
// Clinics are the tenants. Creating one is an operator's act (the admin
// command and the demo seed), recorded in the new clinic's own audit log.
#include "security/endpoints.hpp"
#include "security/principal.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>
#include <vector>

namespace consilium::clinics {

// Returns the new clinic's id.
boost::asio::awaitable<Result<std::string>> CreateClinic(http::Request& request, const std::string& name);

// How a clinic's members sign in. Owners and administrators change them.
struct ClinicSettings {
  std::string name;
  bool mfa_required = false;      // members sign in with a second factor
  int min_password_length = 12;   // for new passwords; 8 to 128 (NIST SP 800-63B)
  int plan_edit_window_days = 7;  // a completed treatment plan stays editable this long; 0 to 7
};

struct SettingsChange {
  std::optional<bool> mfa_required;
  std::optional<int> min_password_length;
  std::optional<int> plan_edit_window_days;
};

// For other modules, as part of their own request: not recorded as a read.
boost::asio::awaitable<Result<ClinicSettings>> ReadSettings(const security::RequestContext& context);
// A member asking to see them: the read is recorded (clinic.settings.read).
boost::asio::awaitable<Result<ClinicSettings>> ShowSettings(const security::RequestContext& context);
boost::asio::awaitable<Result<ClinicSettings>> ChangeSettings(const security::RequestContext& context,
                                                              const SettingsChange& change);

// For background jobs that work clinic by clinic: every clinic's id (or only `only`, if it exists), read
// in the job's own scope (db::InAuditSealer, db::InKeyJob).
using JobScopeOpener = boost::asio::awaitable<Status> (*)(db::TxBody);
boost::asio::awaitable<Result<std::vector<std::string>>> ClinicIds(JobScopeOpener open_scope,
                                                                   std::optional<std::string> only = std::nullopt);

// For other modules, inside their transaction: may this member be
// responsible for a patient's care here (an owner or a practitioner)?
boost::asio::awaitable<Result<bool>> IsClinician(db::Tx& tx, const std::string& clinic_id, const std::string& user_id);

void RegisterRoutes(security::Endpoints& endpoints);

}  // namespace consilium::clinics
