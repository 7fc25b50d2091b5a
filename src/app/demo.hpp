#pragma once
// The demo clinic seeded on first run: one person for each clinic role, with
// random passwords written to <data-dir>/demo-sign-ins.json (mode 0600),
// and a few made-up patients.
#include "modules/identity/password_workers.hpp"

#include <boost/json/object.hpp>

#include <filesystem>
#include <string>

namespace consilium::app {

std::filesystem::path DemoSignInsPath(const std::filesystem::path& data_dir);

// Seeds unless the demo sign-ins file exists; returns its contents.
Result<boost::json::object> EnsureDemoClinic(const std::string& app_conninfo, const std::filesystem::path& data_dir,
                                              const std::string& public_url, identity::PasswordWorkers& passwords);

}  // namespace consilium::app
