#pragma once
// The API described (docs/openapi.yaml, OpenAPI 3.1), served at
// GET /api/v1/openapi.yaml for clients and tools to read.
#include "security/endpoints.hpp"

namespace consilium::app {

void AddApiDescription(security::Endpoints& endpoints);

}  // namespace consilium::app
