#pragma once
// Defences against password guessing (NIST SP 800-63B 5.2.2): a lock on the
// account after repeated failures, and growing delays for an address that
// keeps failing. The per-address state is in memory, per server process.
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace consilium::identity {

struct GuessingPolicy {
  int lockout_threshold = 10;             // failed passwords in a row before the account locks
  std::chrono::minutes lockout{15};       // then unlocked by time, or by an administrator
  int address_free_failures = 20;         // failures from one address before delays begin
  std::chrono::minutes address_window{15};
  std::chrono::seconds address_max_delay{900};
};

class AddressThrottle {
 public:
  explicit AddressThrottle(const GuessingPolicy& policy) : policy_(policy) {}

  // Zero when the address may try now; otherwise how long it must wait.
  std::chrono::seconds WaitFor(const std::string& address);
  void RecordFailure(const std::string& address);

 private:
  using Clock = std::chrono::steady_clock;
  struct Failures {
    int count = 0;
    Clock::time_point window_start;
    Clock::time_point blocked_until;
  };
  static constexpr std::size_t kMaxTrackedAddresses = 100'000;

  const GuessingPolicy& policy_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> failures_;
};

}  // namespace consilium::identity
