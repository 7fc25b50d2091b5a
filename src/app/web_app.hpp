#pragma once
// The web front end, served from the directory the build wrote (web/dist).
// Every file is read once at start-up, so serving one costs no disk access.
// Hashed assets under /assets/ never change and are cached for a year;
// everything else is revalidated, so a new release reaches a browser on its
// next load. Any other path that is not the API's answers with index.html:
// the app routes in the browser.
#include "platform/http/message.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace consilium::app {

class WebApp {
 public:
  // An absent directory serves nothing (the API still works); logged once.
  static WebApp Load(const std::filesystem::path& root);

  // The response for a browser's GET of a page or an asset; empty when the
  // request is for the API or names an asset that does not exist.
  std::optional<http::Response> Serve(const http::Request& request) const;

  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
    std::string gzip_body;  // from a precompressed "<name>.gz" beside it, if the build made one
    std::string etag;
    bool immutable = false;
  };
  http::Response Respond(const File& file, const http::Request& request) const;

  std::map<std::string, File, std::less<>> files_;  // by URL path, e.g. "/assets/index-3f2a.js"
};

}  // namespace consilium::app
