#include "platform/http/router.hpp"

namespace consilium::http {
namespace {

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) segments.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

bool IsCapture(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::size_t Router::Add(Method method, std::string_view pattern) {
  routes_.push_back(Route{method, SplitPath(pattern)});
  return routes_.size() - 1;
}

RouteMatch Router::Match(Method method, std::string_view path) const {
  const auto segments = SplitPath(path);
  RouteMatch result;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const Route& route = routes_[i];
    if (route.segments.size() != segments.size()) continue;
    PathParams params;
    bool same = true;
    for (std::size_t s = 0; s < segments.size() && same; ++s) {
      if (IsCapture(route.segments[s])) {
        params.emplace_back(route.segments[s].substr(1, route.segments[s].size() - 2), segments[s]);
      } else {
        same = route.segments[s] == segments[s];
      }
    }
    if (!same) continue;
    if (route.method != method) {
      result.kind = RouteMatch::Kind::kMethodNotAllowed;
      continue;
    }
    return RouteMatch{RouteMatch::Kind::kFound, i, std::move(params)};
  }
  return result;
}

std::string_view MethodName(Method method) {
  switch (method) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

}  // namespace consilium::http
