#pragma once
// GET /api/v1/audit/export: the trail as CSV, JSON Lines or a FHIR R4
// Bundle, streamed (docs/audit.md, "Export").
#include "security/endpoints.hpp"

namespace consilium::audit {

void RegisterExportRoutes(security::Endpoints& endpoints);

}  // namespace consilium::audit
