#pragma once
// The HTTPS listener: TLS 1.3 only, HTTP/1.1 keep-alive, every limit and
// timeout from the configuration, security headers on every response, a
// request id on every response, graceful shutdown on SIGTERM and SIGINT.
#include "platform/config/config.hpp"
#include "platform/error/error.hpp"
#include "platform/http/message.hpp"

#include <boost/asio/io_context.hpp>

#include <functional>
#include <memory>
#include <string_view>

namespace consilium::http {

struct ServerHooks {
  // Runs on each I/O thread before it serves, so that per-thread resources
  // (database connections) live on that thread. What it returns is kept
  // until the thread's io_context is gone.
  std::function<std::shared_ptr<void>(boost::asio::io_context&)> on_worker_start;
  // Runs on each I/O thread after it stops serving, while its io_context lives.
  std::function<void()> on_worker_stop;
  // Whether the route of this method and path streams its request body
  // (Request::body_reader): asked once the head is read, before any body byte.
  std::function<bool(Method, std::string_view path)> streams_body;
  // Runs on SIGHUP (e.g. to pick up a rotated key), on the signal thread.
  std::function<void()> on_reload;
};

class Server {
 public:
  virtual ~Server() = default;
  // Binds the listening sockets (so a bad address fails at start-up).
  static Result<std::unique_ptr<Server>> Create(const Config& config, Handler handler, ServerHooks hooks);
  virtual unsigned short port() const = 0;
  // Serves until SIGTERM or SIGINT, then lets in-flight requests finish.
  // SIGHUP calls the reload hook.
  virtual void Run() = 0;
};

}  // namespace consilium::http
