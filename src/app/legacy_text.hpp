#pragma once
// Clinical text written before it was sealed at rest (migration 0015) is sealed in place at start-up, as
// the owner role (a signed decision's guard is lifted for it), one transaction per clinic, each recorded
// in that clinic's audit trail. Nothing to do costs a few queries per clinic.
#include "platform/error/error.hpp"

#include <string>

namespace consilium::app {

// How many rows it sealed. Needs the keyring installed.
Result<long> SealLegacyClinicalText(const std::string& owner_conninfo);

}  // namespace consilium::app
