#include "security/permissions.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace consilium::security {
namespace {

TEST(Permissions, AdministratorsSeeNoPatientData) {
  for (Action action : {Action::kPatientRead, Action::kPatientList, Action::kPatientCreate, Action::kPatientUpdate}) {
    EXPECT_FALSE(IsAllowed(ClinicRole::kAdmin, action)) << InfoOf(action).name;
  }
}

TEST(Permissions, OnlyDemographicsWritersChangePatients) {
  EXPECT_TRUE(IsAllowed(ClinicRole::kFrontDesk, Action::kPatientUpdate));
  EXPECT_FALSE(IsAllowed(ClinicRole::kNurse, Action::kPatientUpdate));
  EXPECT_FALSE(IsAllowed(ClinicRole::kReadOnly, Action::kPatientCreate));
  EXPECT_TRUE(IsAllowed(ClinicRole::kReadOnly, Action::kPatientRead));
}

TEST(Permissions, EveryActionHasAUniqueName) {
  std::set<std::string_view> names;
  for (const auto& info : PermissionTable()) EXPECT_TRUE(names.insert(info.name).second) << info.name;
}

// docs/permissions.md is generated from the table; this fails when they drift.
TEST(Permissions, PublishedTableMatchesTheCode) {
  std::ifstream in(std::string(CONSILIUM_SOURCE_DIR) + "/docs/permissions.md");
  ASSERT_TRUE(in) << "docs/permissions.md is missing";
  std::stringstream published;
  published << in.rdbuf();
  EXPECT_EQ(published.str(), PermissionsMarkdown()) << "run: build/consilium permissions > docs/permissions.md";
}

}  // namespace
}  // namespace consilium::security
