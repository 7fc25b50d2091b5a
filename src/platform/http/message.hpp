#pragma once
// The server's own request and response types, so that modules never see
// Beast: a request is parsed and limited by the server before anyone reads it.
#include "platform/error/error.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace consilium::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOther };

using Fields = std::vector<std::pair<std::string, std::string>>;

// A request body pulled piece by piece (an upload of any size in constant
// memory), for routes that stream their body: the server has read only the
// head when the handler runs, so it can refuse before any body byte is read.
class BodyReader {
 public:
  virtual ~BodyReader() = default;
  // The next piece (valid until the next call), or an empty optional at the
  // end. Past the streamed-body limit: kPayloadTooLarge; a body that stops
  // coming or is malformed: kInvalidArgument. An error is final.
  virtual boost::asio::awaitable<Result<std::optional<std::string_view>>> Next() = 0;
};

struct Request {
  Method method = Method::kOther;
  std::string path;   // decoded path, no query
  Fields query;       // decoded query parameters in order
  std::string body;
  std::string content_type;
  std::string authorization;
  std::string if_match;
  std::string user_agent;
  std::string cookie;
  std::string origin;
  std::string host;
  std::string client;           // X-Consilium-Client: "web" from the web app
  std::string accept_encoding;
  std::string if_none_match;
  std::string file_name;  // X-File-Name as sent (percent-encoded)
  std::string remote_ip;
  std::string request_id;
  // Set only for a route that streams its body (then `body` stays empty).
  BodyReader* body_reader = nullptr;
};

// A body made piece by piece while it is sent (an export of any size in
// constant memory). The server sends each piece as one chunk.
class BodySource {
 public:
  virtual ~BodySource() = default;
  // The next piece, or an empty optional at the end. An error cuts the
  // transfer short: the client sees it incomplete, never a complete 200.
  virtual boost::asio::awaitable<Result<std::optional<std::string>>> Next() = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  Fields headers;  // extra headers, e.g. Location, ETag
  std::shared_ptr<BodySource> stream;  // when set, the body, sent chunked (`body` is ignored)
};

Response JsonResponse(int status, const boost::json::value& body);
// The one JSON error shape: {"error":{"code","message","request_id"}}.
Response ErrorResponse(const Error& error, const std::string& request_id);
Response ErrorResponse(int status, std::string_view code, std::string_view message, const std::string& request_id);

using Handler = std::function<boost::asio::awaitable<Response>(Request&)>;

}  // namespace consilium::http
