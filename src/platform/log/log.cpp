#include "platform/log/log.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>

namespace consilium::log {
namespace {

std::shared_ptr<spdlog::logger>& Logger() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto created = spdlog::stdout_logger_mt("consilium");
    created->set_pattern("%v");
    // Lines are written through at once only from warn up; the rest are
    // flushed every second (and by Flush), which keeps the access log cheap.
    created->flush_on(spdlog::level::warn);
    return created;
  }();
  return logger;
}

void Write(spdlog::level::level_enum level, std::string_view level_name, std::string_view event,
           boost::json::object fields) {
  const auto now = std::chrono::system_clock::now();
  boost::json::object line;
  line["ts"] = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  line["level"] = level_name;
  line["event"] = event;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  Logger()->log(level, "{}", boost::json::serialize(line));
}

}  // namespace

void Init() {
  Logger();
  spdlog::flush_every(std::chrono::seconds(1));
}
void Flush() { Logger()->flush(); }
void Info(std::string_view event, boost::json::object fields) {
  Write(spdlog::level::info, "info", event, std::move(fields));
}
void Warn(std::string_view event, boost::json::object fields) {
  Write(spdlog::level::warn, "warn", event, std::move(fields));
}
void Error(std::string_view event, boost::json::object fields) {
  Write(spdlog::level::err, "error", event, std::move(fields));
}

}  // namespace consilium::log
