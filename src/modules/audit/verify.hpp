#pragma once
// `consilium audit verify`: walks each clinic's chain and reports the first
// record altered, deleted or inserted behind the server's back.
#include "platform/error/error.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace consilium::audit {

struct ChainBreak {
  std::string kind;  // altered | deleted | inserted | chain
  long long position = 0;  // in the chain (0 for a record not in it)
  std::string event_id;
  std::string occurred_at;
  std::string message;
};

struct ChainReport {
  std::string clinic_id;
  long long sealed = 0;   // positions checked
  long long pending = 0;  // recent records the sealer has not reached yet
  long long head_position = 0;
  std::string head_chain;  // hex: the value to witness outside the database
  std::vector<ChainBreak> breaks;  // the first break in the chain, and the first inserted record
};

boost::asio::awaitable<Result<std::vector<ChainReport>>> VerifyChains(std::optional<std::string> clinic_id);
boost::json::object ReportJson(const ChainReport& report);

}  // namespace consilium::audit
