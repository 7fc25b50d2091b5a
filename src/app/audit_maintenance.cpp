#include "app/audit_maintenance.hpp"

#include "platform/db/blocking.hpp"
#include "platform/log/log.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace consilium::app {
namespace {

constexpr int kMonthsAhead = 3;
constexpr std::chrono::hours kEvery{24};

void MaintainAndLog(const std::string& owner_conninfo, int retention_years) {
  auto done = MaintainAuditTrail(owner_conninfo, retention_years);
  if (!done) {
    log::Error("audit_maintenance_failed", {{"detail", done.error().log_detail}});
    return;
  }
  log::Info("audit_maintenance", {{"retention", boost::json::serialize(*done)}});
}

}  // namespace

Result<boost::json::value> MaintainAuditTrail(const std::string& owner_conninfo, int retention_years) {
  auto connection = db::BlockingConnection::Open(owner_conninfo);
  if (!connection) return connection.error();
  auto ensured = connection->Exec("SELECT audit_ensure_partitions($1::int)", {std::to_string(kMonthsAhead)});
  if (!ensured) return ensured.error();
  auto dropped = connection->Exec("SELECT audit_drop_expired($1::int)::text", {std::to_string(retention_years)});
  if (!dropped) return dropped.error();
  boost::system::error_code error;
  auto result = boost::json::parse(dropped->Get(0, 0), error);
  if (error) return Internal("the retention job answered something other than JSON");
  return result;
}

AuditMaintenance::AuditMaintenance(std::string owner_conninfo, int retention_years)
    : thread_([this, owner_conninfo = std::move(owner_conninfo), retention_years](std::stop_token stop) {
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, stop, kEvery, [] { return false; })) {
          if (stop.stop_requested()) return;
          lock.unlock();
          MaintainAndLog(owner_conninfo, retention_years);
          lock.lock();
        }
      }) {}

AuditMaintenance::~AuditMaintenance() {
  thread_.request_stop();
  thread_.join();
}

}  // namespace consilium::app
