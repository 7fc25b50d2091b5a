#include "app/api_description.hpp"

// docs/openapi.yaml is built into the binary, so the server always describes
// exactly the API it has.
asm(".section .rodata\n"
    ".global consilium_openapi_begin\n"
    "consilium_openapi_begin:\n"
    ".incbin \"" CONSILIUM_OPENAPI_FILE "\"\n"
    ".global consilium_openapi_end\n"
    "consilium_openapi_end:\n"
    ".previous\n");
extern "C" const char consilium_openapi_begin[];
extern "C" const char consilium_openapi_end[];

namespace consilium::app {

void AddApiDescription(security::Endpoints& endpoints) {
  endpoints.AddPublic(http::Method::kGet, "/api/v1/openapi.yaml",
                      [](security::RequestContext&) -> boost::asio::awaitable<Result<http::Response>> {
                        http::Response response{
                            .status = 200,
                            .content_type = "application/yaml",
                            .body = std::string(consilium_openapi_begin, consilium_openapi_end),
                            .headers = {}};
                        co_return response;
                      });
}

}  // namespace consilium::app
