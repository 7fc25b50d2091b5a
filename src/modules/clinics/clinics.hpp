#pragma once
// Clinics are the tenants. Creating one is an operator's act (the admin
// command and the demo seed), recorded in the new clinic's own audit log.
#include "security/principal.hpp"

#include <boost/asio/awaitable.hpp>

#include <string>

namespace consilium::clinics {

// Returns the new clinic's id.
boost::asio::awaitable<Result<std::string>> CreateClinic(http::Request& request, const std::string& name);

}  // namespace consilium::clinics
