#include "app/web_app.hpp"

#include "platform/crypto/encoding.hpp"
#include "platform/crypto/hash.hpp"
#include "platform/log/log.hpp"

#include <fstream>
#include <sstream>

namespace consilium::app {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kAssetsPrefix = "/assets/";
constexpr std::size_t kMaxFileBytes = 16 * 1024 * 1024;

std::string_view ContentTypeOf(const fs::path& path) {
  static constexpr std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},     {".svg", "image/svg+xml"},
      {".png", "image/png"},                   {".ico", "image/x-icon"},
      {".json", "application/json"},           {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"},                {".txt", "text/plain; charset=utf-8"},
  };
  const std::string extension = path.extension().string();
  for (const auto& [suffix, type] : kTypes) {
    if (extension == suffix) return type;
  }
  return "application/octet-stream";
}

std::optional<std::string> ReadFile(const fs::path& path) {
  std::error_code ec;
  if (fs::file_size(path, ec) > kMaxFileBytes || ec) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  if (!in && !in.eof()) return std::nullopt;
  return std::move(out).str();
}

// Paths the browser app never owns: the API and the server's own endpoints.
bool IsServerPath(std::string_view path) {
  static constexpr std::string_view kPrefixes[] = {"/api/", "/.well-known/", "/healthz", "/readyz"};
  for (auto prefix : kPrefixes) {
    if (path.starts_with(prefix)) return true;
  }
  return false;
}

bool AcceptsGzip(std::string_view accept_encoding) { return accept_encoding.find("gzip") != std::string_view::npos; }

}  // namespace

WebApp WebApp::Load(const fs::path& root) {
  WebApp app;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    log::Warn("web_app_missing", {{"reason", "no built web app; run scripts/setup.sh"}});
    return app;
  }
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() == ".gz") continue;
    auto body = ReadFile(entry.path());
    if (!body) continue;
    const std::string url = "/" + fs::relative(entry.path(), root).generic_string();
    std::string etag = "\"" + crypto::HexEncode(crypto::Sha256(*body).substr(0, 16)) + "\"";
    File file{.content_type = std::string(ContentTypeOf(entry.path())), .body = std::move(*body), .gzip_body = {},
              .etag = std::move(etag), .immutable = url.starts_with(kAssetsPrefix)};
    if (auto gzip = ReadFile(entry.path().string() + ".gz")) file.gzip_body = std::move(*gzip);
    app.files_.emplace(url, std::move(file));
  }
  log::Info("web_app_loaded", {{"files", static_cast<std::int64_t>(app.files_.size())}});
  return app;
}

std::optional<http::Response> WebApp::Serve(const http::Request& request) const {
  if (request.method != http::Method::kGet || IsServerPath(request.path) || files_.empty()) return std::nullopt;
  if (auto found = files_.find(request.path); found != files_.end()) return Respond(found->second, request);
  // A missing hashed asset is a 404, not the app's page in its place.
  if (request.path.starts_with(kAssetsPrefix)) return std::nullopt;
  auto index = files_.find("/index.html");
  if (index == files_.end()) return std::nullopt;
  return Respond(index->second, request);
}

http::Response WebApp::Respond(const File& file, const http::Request& request) const {
  http::Response response{.status = 200, .content_type = file.content_type, .body = {}, .headers = {}};
  response.headers.emplace_back("Cache-Control",
                                file.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  response.headers.emplace_back("ETag", file.etag);
  response.headers.emplace_back("Vary", "Accept-Encoding");
  if (request.if_none_match == file.etag) {
    response.status = 304;
    return response;
  }
  if (!file.gzip_body.empty() && AcceptsGzip(request.accept_encoding)) {
    response.headers.emplace_back("Content-Encoding", "gzip");
    response.body = file.gzip_body;
  } else {
    response.body = file.body;
  }
  return response;
}

}  // namespace consilium::app
