#include "platform/http/message.hpp"

#include <boost/json/serialize.hpp>

namespace consilium::http {

Response JsonResponse(int status, const boost::json::value& body) {
  Response response;
  response.status = status;
  response.body = boost::json::serialize(body);
  return response;
}

Response ErrorResponse(int status, std::string_view code, std::string_view message, const std::string& request_id) {
  return JsonResponse(status, {{"error", {{"code", code}, {"message", message}, {"request_id", request_id}}}});
}

Response ErrorResponse(const Error& error, const std::string& request_id) {
  return ErrorResponse(HttpStatusOf(error.code), SlugOf(error.code), error.public_message, request_id);
}

}  // namespace consilium::http
