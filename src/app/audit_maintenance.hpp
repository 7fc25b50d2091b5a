#pragma once
// The audit trail's upkeep, as the owner role (it changes the schema):
// partitions for this month and the next three, and the retention job,
// which drops the months past the retention period and records that it did
// (migration 0014). At start-up, then daily.
#include "platform/config/config.hpp"
#include "platform/error/error.hpp"

#include <boost/json/value.hpp>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace consilium::app {

// What the retention job dropped: {"cutoff": ..., "dropped": [partition, ...]}.
Result<boost::json::value> MaintainAuditTrail(const std::string& owner_conninfo, int retention_years);

class AuditMaintenance {
 public:
  // Runs MaintainAuditTrail once a day on its own thread.
  AuditMaintenance(std::string owner_conninfo, int retention_years);
  ~AuditMaintenance();
  AuditMaintenance(const AuditMaintenance&) = delete;
  AuditMaintenance& operator=(const AuditMaintenance&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread thread_;
};

}  // namespace consilium::app
