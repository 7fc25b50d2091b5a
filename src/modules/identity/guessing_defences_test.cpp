#include "modules/identity/guessing_defences.hpp"

#include <gtest/gtest.h>

namespace consilium::identity {
namespace {

TEST(AddressThrottle, FreeFailuresThenGrowingDelays) {
  GuessingPolicy policy;
  policy.address_free_failures = 3;
  AddressThrottle throttle(policy);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(throttle.WaitFor("10.0.0.1").count(), 0);
    throttle.RecordFailure("10.0.0.1");
  }
  EXPECT_EQ(throttle.WaitFor("10.0.0.1").count(), 0);
  throttle.RecordFailure("10.0.0.1");  // the 4th: 1 s
  EXPECT_EQ(throttle.WaitFor("10.0.0.1").count(), 1);
  throttle.RecordFailure("10.0.0.1");  // the 5th: 2 s
  EXPECT_EQ(throttle.WaitFor("10.0.0.1").count(), 2);
  EXPECT_EQ(throttle.WaitFor("10.0.0.2").count(), 0) << "another address is not affected";
}

TEST(AddressThrottle, DelayStopsAtTheCeiling) {
  GuessingPolicy policy;
  policy.address_free_failures = 0;
  policy.address_max_delay = std::chrono::seconds(30);
  AddressThrottle throttle(policy);
  for (int i = 0; i < 40; ++i) throttle.RecordFailure("10.0.0.3");
  EXPECT_EQ(throttle.WaitFor("10.0.0.3").count(), 30);
}

}  // namespace
}  // namespace consilium::identity
