// The only translation unit that instantiates Beast and asio's SSL stream.
#include "platform/http/server.hpp"

#include "platform/crypto/random.hpp"
#include "platform/http/router.hpp"
#include "platform/log/log.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <openssl/ssl.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace consilium::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Stream = beast::ssl_stream<beast::tcp_stream>;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
using asio::experimental::awaitable_operators::operator&&;
constexpr std::size_t kReadChunk = 16 * 1024;
constexpr std::size_t kStreamPieceBytes = 64 * 1024;  // one piece of a streamed request body
constexpr std::chrono::seconds kTlsShutdownTimeout{2};

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

Method ToMethod(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::delete_: return Method::kDelete;
    default: return Method::kOther;
  }
}

// Fills path and query from the request target; false if it is malformed.
bool ParseTarget(std::string_view target, Request& request) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return false;
  request.path = url->path();
  for (auto param : url->params()) request.query.emplace_back(param.key, param.value);
  return true;
}

Result<asio::ssl::context> MakeTlsContext(const Config& config) {
  asio::ssl::context context(asio::ssl::context::tls_server);
  SSL_CTX* native = context.native_handle();
  // TLS 1.3 only: older versions are refused at the handshake.
  if (SSL_CTX_set_min_proto_version(native, TLS1_3_VERSION) != 1 ||
      SSL_CTX_set_ciphersuites(native, "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256") != 1) {
    return Internal("cannot restrict TLS to version 1.3");
  }
  context.set_options(asio::ssl::context::no_compression);
  boost::system::error_code ec;
  context.use_certificate_chain_file(config.tls_cert_file.string(), ec);
  if (!ec) context.use_private_key_file(config.tls_key_file.string(), asio::ssl::context::pem, ec);
  if (ec) return MakeError(ErrorCode::kInvalidArgument, "cannot load the TLS certificate or key", ec.message());
  return context;
}

// The body of a streaming route, read from the connection only as the handler pulls it, one piece at a
// time into one buffer: constant memory whatever the size. Each read has the body timeout; the total has
// file_size_limit_bytes.
class StreamedBody final : public BodyReader {
 public:
  StreamedBody(Stream& stream, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::buffer_body>& parser,
               const Config& config, bool expect_continue)
      : stream_(stream),
        buffer_(buffer),
        parser_(parser),
        config_(config),
        expect_continue_(expect_continue),
        piece_(kStreamPieceBytes, '\0') {}

  asio::awaitable<Result<std::optional<std::string_view>>> Next() override {
    if (error_) co_return *error_;
    if (!started_) {
      started_ = true;
      const auto declared = parser_.content_length();
      if (declared && *declared > config_.file_size_limit_bytes) co_return Fail(TooLarge());
      // The client waits for this before sending a large body; it goes only once the handler wants the body.
      if (expect_continue_ && !parser_.is_done()) {
        bhttp::response<bhttp::empty_body> interim{bhttp::status::continue_, 11};
        beast::get_lowest_layer(stream_).expires_after(config_.body_timeout);
        auto [ec, ignored] = co_await bhttp::async_write(stream_, interim, kNoThrow);
        if (ec) co_return Fail(Broken(ec));
      }
    }
    while (!parser_.is_done()) {
      auto& body = parser_.get().body();
      body.data = piece_.data();
      body.size = piece_.size();
      body.more = true;
      beast::get_lowest_layer(stream_).expires_after(config_.body_timeout);
      auto [ec, ignored] = co_await bhttp::async_read(stream_, buffer_, parser_, kNoThrow);
      if (ec == bhttp::error::need_buffer) ec = {};  // the piece is full
      if (ec == bhttp::error::body_limit) co_return Fail(TooLarge());
      if (ec) co_return Fail(Broken(ec));
      const std::size_t filled = piece_.size() - body.size;
      if (filled > 0) co_return std::optional<std::string_view>(std::string_view(piece_.data(), filled));
    }
    co_return std::optional<std::string_view>{};
  }

  // Whether the whole body was read without fault, so the connection can serve another request.
  bool Complete() const { return !error_ && parser_.is_done(); }

 private:
  Error TooLarge() const {
    return MakeError(ErrorCode::kPayloadTooLarge, "the file is larger than the limit of " +
                                                      std::to_string(config_.file_size_limit_bytes) + " bytes");
  }
  static Error Broken(const boost::system::error_code& ec) {
    return MakeError(ErrorCode::kInvalidArgument, "the request body was cut short or malformed", ec.message());
  }
  Error Fail(Error error) {
    error_ = error;
    return error;
  }

  Stream& stream_;
  beast::flat_buffer& buffer_;
  bhttp::request_parser<bhttp::buffer_body>& parser_;
  const Config& config_;
  const bool expect_continue_;
  std::string piece_;
  bool started_ = false;
  std::optional<Error> error_;
};

struct Worker {
  std::shared_ptr<void> resources;  // outlives io: pending handlers may still use it
  asio::io_context io{1};
  std::vector<tcp::acceptor> acceptors;
  std::thread thread;
};

class BeastServer final : public Server {
 public:
  BeastServer(const Config& config, Handler handler, ServerHooks hooks, asio::ssl::context tls)
      : config_(config), handler_(std::move(handler)), hooks_(std::move(hooks)), tls_(std::move(tls)) {}

  Status Bind() {
    auto [host, port_text] = SplitListen(config_.listen);
    if (host.empty()) return InvalidArgument("listen must be HOST:PORT");
    asio::io_context resolver_io;
    tcp::resolver resolver(resolver_io);
    boost::system::error_code ec;
    auto endpoints = resolver.resolve(host, port_text, tcp::resolver::numeric_service, ec);
    if (ec) return InvalidArgument("cannot resolve listen address " + config_.listen);
    const int worker_count = config_.workers > 0 ? config_.workers : std::max(1u, std::thread::hardware_concurrency());
    for (int i = 0; i < worker_count; ++i) workers_.push_back(std::make_unique<Worker>());
    for (const auto& entry : endpoints) {
      tcp::endpoint endpoint = entry.endpoint();
      if (port_ != 0) endpoint.port(port_);
      for (auto& worker : workers_) {
        // Each thread accepts on its own socket (SO_REUSEPORT): no shared state on the accept path.
        tcp::acceptor acceptor(worker->io);
        acceptor.open(endpoint.protocol(), ec);
        if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
        if (!ec) {
          int one = 1;
          if (::setsockopt(acceptor.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0) {
            return Internal("SO_REUSEPORT is not available");
          }
        }
        if (endpoint.address().is_v6() && !ec) acceptor.set_option(asio::ip::v6_only(true), ec);
        if (!ec) acceptor.bind(endpoint, ec);
        if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) return InvalidArgument("cannot listen on " + endpoint.address().to_string() + ":" + std::to_string(endpoint.port()) + ": " + ec.message());
        port_ = acceptor.local_endpoint().port();
        endpoint.port(port_);
        worker->acceptors.push_back(std::move(acceptor));
      }
    }
    return {};
  }

  unsigned short port() const override { return port_; }

  void Run() override {
    for (auto& worker : workers_) {
      for (auto& acceptor : worker->acceptors) asio::co_spawn(worker->io, Accept(acceptor), asio::detached);
      worker->thread = std::thread([this, w = worker.get()] {
        if (hooks_.on_worker_start) w->resources = hooks_.on_worker_start(w->io);
        w->io.run();
        if (hooks_.on_worker_stop) hooks_.on_worker_stop();
      });
    }
    asio::io_context signals_io;
    asio::signal_set signals(signals_io, SIGINT, SIGTERM, SIGHUP);
    std::function<void(const boost::system::error_code&, int)> on_signal =
        [&](const boost::system::error_code& ec, int signal) {
          if (ec || signal != SIGHUP) return;  // SIGINT, SIGTERM: leave the loop and drain
          log::Info("reload", {});
          if (hooks_.on_reload) hooks_.on_reload();
          signals.async_wait(on_signal);
        };
    signals.async_wait(on_signal);
    signals_io.run();
    Drain();
  }

 private:
  static std::pair<std::string, std::string> SplitListen(const std::string& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) return {};
    std::string host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    return {host, listen.substr(colon + 1)};
  }

  // Stops accepting, lets in-flight requests finish (up to the grace
  // period), then stops every thread; idle keep-alive connections just close.
  void Drain() {
    log::Info("shutdown_started", {{"in_flight", in_flight_.load()}});
    stopping_ = true;
    for (auto& worker : workers_) {
      asio::post(worker->io, [w = worker.get()] {
        for (auto& acceptor : w->acceptors) acceptor.close();
      });
    }
    const auto deadline = std::chrono::steady_clock::now() + config_.shutdown_grace;
    while (in_flight_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    for (auto& worker : workers_) worker->io.stop();
    for (auto& worker : workers_) worker->thread.join();
    log::Info("shutdown_finished", {{"in_flight_abandoned", in_flight_.load()}});
  }

  asio::awaitable<void> Accept(tcp::acceptor& acceptor) {
    while (!stopping_) {
      auto [ec, socket] = co_await acceptor.async_accept(kNoThrow);
      if (ec) {
        if (!acceptor.is_open()) co_return;
        continue;
      }
      if (connections_.fetch_add(1) >= config_.max_connections) {
        connections_.fetch_sub(1);
        continue;  // over the limit: the socket closes as it goes out of scope
      }
      socket.set_option(tcp::no_delay(true), ec);
      asio::co_spawn(acceptor.get_executor(), Session(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> Session(tcp::socket socket) {
    struct ConnectionSlot {
      std::atomic<int>& count;
      ~ConnectionSlot() { count.fetch_sub(1); }
    } slot{connections_};
    boost::system::error_code ec;
    const std::string remote_ip = socket.remote_endpoint(ec).address().to_string();
    Stream stream(std::move(socket), tls_);
    beast::get_lowest_layer(stream).expires_after(config_.header_timeout);
    std::tie(ec) = co_await stream.async_handshake(asio::ssl::stream_base::server, kNoThrow);
    if (ec) co_return;

    beast::flat_buffer buffer;
    bool first = true;
    while (!stopping_) {
      if (buffer.size() == 0) {
        // Waiting for a request to begin: the idle timeout, not the header timeout.
        beast::get_lowest_layer(stream).expires_after(first ? config_.header_timeout : config_.idle_timeout);
        std::size_t read = 0;
        std::tie(ec, read) = co_await stream.async_read_some(buffer.prepare(kReadChunk), kNoThrow);
        if (ec) break;
        buffer.commit(read);
      }
      first = false;
      bool keep_alive = co_await ServeOne(stream, buffer, remote_ip);
      if (!keep_alive) break;
    }
    beast::get_lowest_layer(stream).expires_after(kTlsShutdownTimeout);
    co_await stream.async_shutdown(kNoThrow);
  }

  // Reads, handles and answers one request; returns whether to keep the connection.
  asio::awaitable<bool> ServeOne(Stream& stream, beast::flat_buffer& buffer, const std::string& remote_ip) {
    Request request;
    request.request_id = crypto::RandomToken(12);
    request.remote_ip = remote_ip;
    // The head first: the route decides how its body is read, and which limit applies.
    bhttp::request_parser<bhttp::empty_body> head_parser;
    head_parser.header_limit(static_cast<std::uint32_t>(config_.header_limit_bytes));
    head_parser.body_limit(boost::none);  // checked below, once the route is known

    beast::get_lowest_layer(stream).expires_after(config_.header_timeout);
    auto [ec, ignored] = co_await bhttp::async_read_header(stream, buffer, head_parser, kNoThrow);
    if (ec) co_return co_await RefuseUnreadable(stream, ec, request);

    const auto started = std::chrono::steady_clock::now();
    const bool target_ok = ParseTarget(head_parser.get().target(), request);
    if (target_ok) ReadHead(head_parser.get(), request);
    const bool keep_alive = head_parser.get().keep_alive() && !stopping_;
    if (target_ok && hooks_.streams_body && hooks_.streams_body(request.method, request.path)) {
      co_return co_await ServeStreamed(stream, buffer, std::move(head_parser), request, started, keep_alive);
    }

    bhttp::request_parser<bhttp::string_body> parser{std::move(head_parser)};
    parser.body_limit(config_.body_limit_bytes);
    if (const auto declared = parser.content_length(); declared && *declared > config_.body_limit_bytes) {
      ec = bhttp::error::body_limit;
    } else if (!parser.is_done()) {
      beast::get_lowest_layer(stream).expires_after(config_.body_timeout);
      std::tie(ec, ignored) = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
    }
    if (ec) co_return co_await RefuseUnreadable(stream, ec, request);

    Response response;
    if (!target_ok) {
      response = ErrorResponse(400, "invalid_argument", "malformed request target", request.request_id);
    } else {
      request.body = std::move(parser.get().body());
      response = co_await Handle(request);
    }
    LogRequest(request, response.status, started);
    co_return co_await Send(stream, std::move(response), request, keep_alive);
  }

  // A route that streams its body: the handler pulls it (Request::body_reader). If the handler answers
  // before the end of the body (a refusal), the connection closes after the answer.
  asio::awaitable<bool> ServeStreamed(Stream& stream, beast::flat_buffer& buffer,
                                      bhttp::request_parser<bhttp::empty_body>&& head_parser, Request& request,
                                      std::chrono::steady_clock::time_point started, bool keep_alive) {
    const bool expect_continue = beast::iequals(head_parser.get()[bhttp::field::expect], "100-continue");
    bhttp::request_parser<bhttp::buffer_body> parser{std::move(head_parser)};
    parser.body_limit(config_.file_size_limit_bytes);
    StreamedBody body(stream, buffer, parser, config_, expect_continue);
    request.body_reader = &body;
    Response response = co_await Handle(request);
    request.body_reader = nullptr;
    LogRequest(request, response.status, started);
    co_return co_await Send(stream, std::move(response), request, keep_alive && body.Complete());
  }

  static void ReadHead(const bhttp::request_header<>& message, Request& request) {
    request.method = ToMethod(message.method());
    request.content_type = message[bhttp::field::content_type];
    request.authorization = message[bhttp::field::authorization];
    request.if_match = message[bhttp::field::if_match];
    request.user_agent = message[bhttp::field::user_agent];
    request.cookie = message[bhttp::field::cookie];
    request.origin = message[bhttp::field::origin];
    request.host = message[bhttp::field::host];
    request.client = message["X-Consilium-Client"];
    request.accept_encoding = message[bhttp::field::accept_encoding];
    request.if_none_match = message[bhttp::field::if_none_match];
    request.file_name = message["X-File-Name"];
  }

  // The access log names no path or query: they can carry identifiers and search terms.
  static void LogRequest(const Request& request, int status, std::chrono::steady_clock::time_point started) {
    log::Info(
        "request",
        {{"request_id", request.request_id},
         {"method", MethodName(request.method)},
         {"status", status},
         {"us",
          std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count()}});
  }

  // A request that could not be read: the connection ends here; some failures get an answer first.
  asio::awaitable<bool> RefuseUnreadable(Stream& stream, boost::system::error_code ec, const Request& request) {
    Response refusal;
    if (ec == bhttp::error::body_limit) {
      refusal = ErrorResponse(413, "payload_too_large", "request body is too large", request.request_id);
    } else if (ec == bhttp::error::header_limit) {
      refusal = ErrorResponse(431, "invalid_argument", "request headers are too large", request.request_id);
    } else if (ec != beast::error::timeout && ec != bhttp::error::end_of_stream && ec != asio::error::eof &&
               ec != asio::ssl::error::stream_truncated && ec != asio::error::operation_aborted) {
      refusal = ErrorResponse(400, "invalid_argument", "malformed HTTP request", request.request_id);
    }
    if (!refusal.body.empty()) co_await Send(stream, std::move(refusal), request, false);
    co_return false;
  }

  // A request being handled or a body being streamed: shutdown waits for it.
  struct InFlight {
    std::atomic<int>& count;
    explicit InFlight(std::atomic<int>& c) : count(c) { count.fetch_add(1); }
    ~InFlight() { count.fetch_sub(1); }
  };

  asio::awaitable<Response> Handle(Request& request) {
    InFlight in_flight{in_flight_};
    try {
      co_return co_await handler_(request);
    } catch (const std::exception& e) {
      // A broken invariant or infrastructure fault: opaque to the client,
      // the request id is the incident id in the log.
      log::Error("unhandled_exception", {{"request_id", request.request_id}, {"what", e.what()}});
    }
    co_return ErrorResponse(500, "internal", "internal error; quote the request id to support", request.request_id);
  }

  // The headers every response carries: security headers, the request id,
  // and no caching unless the handler says otherwise.
  template <class Body>
  static void SetHeaders(bhttp::response<Body>& out, const Response& response, const Request& request,
                         bool keep_alive) {
    out.set(bhttp::field::content_type, response.content_type);
    out.set(bhttp::field::strict_transport_security, "max-age=63072000; includeSubDomains; preload");
    out.set("Content-Security-Policy", kContentSecurityPolicy);
    out.set("X-Content-Type-Options", "nosniff");
    out.set("Referrer-Policy", "no-referrer");
    out.set("X-Frame-Options", "DENY");
    out.set("Cross-Origin-Opener-Policy", "same-origin");
    out.set("X-Request-Id", request.request_id);
    bool cache_set = false;
    for (const auto& [name, value] : response.headers) {
      cache_set = cache_set || beast::iequals(name, "Cache-Control");
      out.set(name, value);
    }
    if (!cache_set) out.set(bhttp::field::cache_control, "no-store");
    out.keep_alive(keep_alive);
  }

  // Returns whether the connection may serve another request.
  asio::awaitable<bool> Send(Stream& stream, Response response, const Request& request, bool keep_alive) {
    if (response.stream) co_return co_await SendChunked(stream, response, request, keep_alive);
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), 11};
    SetHeaders(out, response, request, keep_alive);
    out.body() = std::move(response.body);
    out.prepare_payload();
    beast::get_lowest_layer(stream).expires_after(config_.body_timeout);
    auto [ec, ignored] = co_await bhttp::async_write(stream, out, kNoThrow);
    co_return !ec && keep_alive;
  }

  // The head, then each piece of the body as one chunk, each write with the
  // body timeout. A failure after the head closes the connection without
  // the last chunk, so the client sees a cut transfer.
  asio::awaitable<bool> SendChunked(Stream& stream, const Response& response, const Request& request,
                                    bool keep_alive) {
    InFlight in_flight{in_flight_};
    bhttp::response<bhttp::empty_body> head{static_cast<bhttp::status>(response.status), 11};
    SetHeaders(head, response, request, keep_alive);
    head.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    beast::get_lowest_layer(stream).expires_after(config_.body_timeout);
    auto [ec, ignored] = co_await bhttp::async_write_header(stream, serializer, kNoThrow);
    if (ec) co_return false;
    if (request.method == Method::kHead) co_return keep_alive;
    // While one piece is written, the source makes the next (a disk read, a decryption, a page of rows).
    auto piece = co_await NextPiece(*response.stream, request);
    while (true) {
      if (!piece) co_return false;
      if (!*piece) break;
      if ((*piece)->empty()) {  // an empty chunk would mean the end
        piece = co_await NextPiece(*response.stream, request);
        continue;
      }
      beast::get_lowest_layer(stream).expires_after(config_.body_timeout);
      auto writing = asio::async_write(stream, bhttp::make_chunk(asio::buffer(**piece)), kNoThrow);
      auto making = NextPiece(*response.stream, request);
      auto [write_error, written_bytes, next] = co_await (std::move(writing) && std::move(making));
      if (write_error) co_return false;
      piece = std::move(next);
    }
    beast::get_lowest_layer(stream).expires_after(config_.body_timeout);
    std::tie(ec, ignored) = co_await asio::async_write(stream, bhttp::make_chunk_last(), kNoThrow);
    co_return !ec && keep_alive;
  }

  // A failure is logged here: the status line has gone out already.
  static asio::awaitable<Result<std::optional<std::string>>> NextPiece(BodySource& source, const Request& request) {
    try {
      auto piece = co_await source.Next();
      if (!piece) {
        log::Warn("stream_failed", {{"request_id", request.request_id},
                                    {"code", SlugOf(piece.error().code)},
                                    {"detail", piece.error().log_detail}});
      }
      co_return piece;
    } catch (const std::exception& e) {
      log::Error("unhandled_exception", {{"request_id", request.request_id}, {"what", e.what()}});
    }
    co_return Internal("the body stream threw");
  }

  const Config& config_;
  Handler handler_;
  ServerHooks hooks_;
  asio::ssl::context tls_;
  std::vector<std::unique_ptr<Worker>> workers_;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::atomic<int> in_flight_{0};
};

}  // namespace

Result<std::unique_ptr<Server>> Server::Create(const Config& config, Handler handler, ServerHooks hooks) {
  auto tls = MakeTlsContext(config);
  if (!tls) return tls.error();
  auto server = std::make_unique<BeastServer>(config, std::move(handler), std::move(hooks), std::move(*tls));
  if (auto status = server->Bind(); !status) return status.error();
  return std::unique_ptr<Server>(std::move(server));
}

}  // namespace consilium::http
