#include "platform/json/fields.hpp"

#include <gtest/gtest.h>

namespace consilium::json {
namespace {

TEST(TimestampTest, AcceptsRfc3339WithAZone) {
  EXPECT_TRUE(Rfc3339ToUnixSeconds("2026-12-01T08:30:00Z"));
  EXPECT_TRUE(Rfc3339ToUnixSeconds("2026-12-01T09:30:00+01:00"));
  EXPECT_TRUE(Rfc3339ToUnixSeconds("2028-02-29T23:59:59.123456-05:30"));
}

TEST(TimestampTest, CountsSecondsInUtc) {
  EXPECT_EQ(Rfc3339ToUnixSeconds("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(Rfc3339ToUnixSeconds("1899-12-31T23:59:59Z"), std::nullopt) << "nothing before 1900";
  EXPECT_EQ(Rfc3339ToUnixSeconds("2026-12-01T08:30:00Z"), 1796113800);
  EXPECT_EQ(Rfc3339ToUnixSeconds("2026-12-01T09:30:00+01:00"), 1796113800);
  EXPECT_EQ(Rfc3339ToUnixSeconds("2026-12-01T03:00:00-05:30"), 1796113800);
}

TEST(TimestampTest, RefusesLocalTimesImpossibleDatesAndOtherShapes) {
  EXPECT_FALSE(Rfc3339ToUnixSeconds("2026-12-01T08:30:00")) << "no zone";
  EXPECT_FALSE(Rfc3339ToUnixSeconds("2026-12-01 08:30:00Z"));
  EXPECT_FALSE(Rfc3339ToUnixSeconds("2026-02-30T08:30:00Z"));
  EXPECT_FALSE(Rfc3339ToUnixSeconds("2027-02-29T08:30:00Z"));
  EXPECT_FALSE(Rfc3339ToUnixSeconds("2026-12-01T24:00:00Z"));
  EXPECT_FALSE(Rfc3339ToUnixSeconds("2026-12-01"));
  EXPECT_FALSE(Rfc3339ToUnixSeconds("now"));
  EXPECT_FALSE(Rfc3339ToUnixSeconds(""));
}

TEST(DateTest, AcceptsOnlyRealCalendarDates) {
  EXPECT_TRUE(IsIsoDate("2026-12-01"));
  EXPECT_TRUE(IsIsoDate("2028-02-29"));
  EXPECT_FALSE(IsIsoDate("2027-02-29"));
  EXPECT_FALSE(IsIsoDate("2026-13-01"));
  EXPECT_FALSE(IsIsoDate("2026-12-1"));
  EXPECT_FALSE(IsIsoDate("1899-12-31"));
  EXPECT_FALSE(IsIsoDate("2026-12-01T00:00:00Z"));
}

}  // namespace
}  // namespace consilium::json
