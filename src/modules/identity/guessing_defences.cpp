#include "modules/identity/guessing_defences.hpp"

#include <algorithm>

namespace consilium::identity {

std::chrono::seconds AddressThrottle::WaitFor(const std::string& address) {
  const std::lock_guard lock(mutex_);
  auto found = failures_.find(address);
  if (found == failures_.end()) return std::chrono::seconds(0);
  const auto left = found->second.blocked_until - Clock::now();
  if (left <= Clock::duration::zero()) return std::chrono::seconds(0);
  return std::chrono::ceil<std::chrono::seconds>(left);
}

void AddressThrottle::RecordFailure(const std::string& address) {
  const std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  // A bound on memory: under a flood of addresses, start over.
  if (failures_.size() >= kMaxTrackedAddresses && !failures_.contains(address)) failures_.clear();
  Failures& failures = failures_[address];
  if (failures.count == 0 || now - failures.window_start > policy_.address_window) {
    failures = Failures{0, now, now};
  }
  ++failures.count;
  const int over = failures.count - policy_.address_free_failures;
  if (over > 0) {
    // 1 s, 2 s, 4 s, ... up to the ceiling.
    const auto delay = std::chrono::seconds(1LL << std::min(over - 1, 20));
    failures.blocked_until = now + std::min<std::chrono::seconds>(delay, policy_.address_max_delay);
  }
}

}  // namespace consilium::identity
