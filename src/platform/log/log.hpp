#pragma once
// Structured JSON log lines on stdout, one object per line. Callers pass
// identifiers and counts only: never secrets, never patient data.
#include <boost/json/object.hpp>

#include <string_view>

namespace consilium::log {

void Init();
void Flush();
void Info(std::string_view event, boost::json::object fields = {});
void Warn(std::string_view event, boost::json::object fields = {});
void Error(std::string_view event, boost::json::object fields = {});

}  // namespace consilium::log
