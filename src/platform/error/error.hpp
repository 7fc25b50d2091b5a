#pragma once
// Expected failures travel as values: Result<T> holds a T or an Error.
// An Error carries two messages: what the client may see, and what only the
// log may see (never patient data or secrets in either).
#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace consilium {

enum class ErrorCode {
  kInvalidArgument,     // 400
  kUnauthenticated,     // 401
  kPermissionDenied,    // 403
  kNotFound,            // 404
  kConflict,            // 409
  kPreconditionFailed,  // 412
  kPayloadTooLarge,     // 413
  kUnsupportedMediaType,// 415
  kTooManyRequests,     // 429
  kInternal,            // 500
  kUnavailable,         // 503
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string public_message;  // safe to send to the client
  std::string log_detail;      // for the log only
  int retry_after_seconds = 0; // for 429 and 503: when to try again (0: soon)
};

// Lets boost::system::result<T, Error>::value() throw on a broken invariant.
[[noreturn]] void throw_exception_from_error(const Error& error, const boost::source_location& loc);

template <class T>
using Result = boost::system::result<T, Error>;
using Status = boost::system::result<void, Error>;

inline Error MakeError(ErrorCode code, std::string public_message, std::string log_detail = {}) {
  return Error{code, std::move(public_message), std::move(log_detail)};
}
inline Error InvalidArgument(std::string message) { return MakeError(ErrorCode::kInvalidArgument, std::move(message)); }
inline Error NotFound(std::string message = "not found") { return MakeError(ErrorCode::kNotFound, std::move(message)); }
inline Error Internal(std::string log_detail) {
  return MakeError(ErrorCode::kInternal, "internal error", std::move(log_detail));
}

int HttpStatusOf(ErrorCode code);
std::string_view SlugOf(ErrorCode code);  // e.g. "invalid_argument"

}  // namespace consilium
