#pragma once
// Matches a method and a path against patterns such as
// "/api/v1/patients/{id}". Knows nothing of what a route does.
#include "platform/http/message.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consilium::http {

using PathParams = std::vector<std::pair<std::string, std::string>>;

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed } kind = Kind::kNotFound;
  std::size_t route = 0;
  PathParams params;
};

class Router {
 public:
  // Returns the index that Match reports for this route.
  std::size_t Add(Method method, std::string_view pattern);
  RouteMatch Match(Method method, std::string_view path) const;

 private:
  struct Route {
    Method method;
    std::vector<std::string> segments;  // "{name}" captures a segment
  };
  std::vector<Route> routes_;
};

std::string_view MethodName(Method method);

}  // namespace consilium::http
