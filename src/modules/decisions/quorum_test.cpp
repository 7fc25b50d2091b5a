#include "modules/decisions/decisions.hpp"

#include <gtest/gtest.h>

namespace consilium::decisions {
namespace {

using security::MeetingRole;

TEST(QuorumTest, EveryCoreRoleNeedsItsOwnPerson) {
  const std::vector<MeetingRole> core = {MeetingRole::kOrganiser, MeetingRole::kDoctor, MeetingRole::kDoctor};
  EXPECT_TRUE(IsQuorate(core, {{"a", MeetingRole::kOrganiser}, {"b", MeetingRole::kDoctor},
                               {"c", MeetingRole::kDoctor}, {"d", MeetingRole::kGuest}}));
  EXPECT_FALSE(IsQuorate(core, {{"a", MeetingRole::kOrganiser}, {"b", MeetingRole::kDoctor}}))
      << "two doctors are needed";
  EXPECT_FALSE(IsQuorate(core, {{"b", MeetingRole::kDoctor}, {"c", MeetingRole::kDoctor}}));
  EXPECT_FALSE(IsQuorate(core, {}));
  EXPECT_TRUE(IsQuorate({}, {})) << "no core roles: always quorate";
}

}  // namespace
}  // namespace consilium::decisions
