#pragma once
#include "platform/config/config.hpp"

namespace consilium::app {

// Runs the server until SIGTERM or SIGINT; returns the process exit code.
int Serve(const Config& config);

}  // namespace consilium::app
