// Beast's asynchronous server pattern: one strand per connection, a
// request_parser per request (its limits set before reading), tcp_stream
// deadlines for the timeouts.
#include "server/http_listener.h"

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

namespace provcheck::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

// After an error response that ends the connection, what the client still
// sends is read and dropped for a while, so that closing with unread bytes
// (which sends a reset) does not destroy the response before it is read.
constexpr size_t kLingerBytes = 8 << 20;
constexpr std::chrono::seconds kLingerTime{2};

class ListenerImpl;

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... Args>
  Session(ListenerImpl* listener, std::string remote, Args&&... args)
      : stream_(std::forward<Args>(args)...),
        read_timer_(stream_.get_executor()),
        listener_(listener),
        remote_(std::move(remote)) {}

  void Start();

 private:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  void Read();
  void OnRead(beast::error_code ec, size_t bytes);
  void Write(HttpResponse response, bool close);
  void OnWrite(beast::error_code ec, bool close);
  void Linger();
  void Close();

  Stream stream_;
  // The read deadline, kept apart from the stream's own (which closes the
  // socket): a request begun but not finished in time gets a 408.
  net::steady_timer read_timer_;
  bool read_timed_out_ = false;
  ListenerImpl* const listener_;
  const std::string remote_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http::response<http::string_body>> response_;
  AccessRecord record_;
  Clock::time_point started_;
  bool keep_alive_ = false;
  bool counted_ = false;
  size_t lingered_ = 0;
  Clock::time_point linger_until_;
  std::array<char, 16384> drop_{};
};

class ListenerImpl final : public HttpListener {
 public:
  ListenerImpl(const ListenerOptions& options, HttpHandler handler, AccessLog* log)
      : options_(options),
        handler_(std::move(handler)),
        log_(log),
        ioc_(static_cast<int>(options.threads)),
        work_(net::make_work_guard(ioc_)),
        acceptor_(net::make_strand(ioc_)) {}

  Status Init();
  uint16_t port() const override { return port_; }
  void Run() override;
  void StopAccepting() override {
    stopping_ = true;
    net::post(acceptor_.get_executor(), [this] {
      beast::error_code ec;
      acceptor_.close(ec);
    });
  }
  void Stop() override {
    stopping_ = true;
    work_.reset();
    ioc_.stop();
  }
  size_t active_requests() const override { return active_.load(); }

  const ListenerOptions& options() const { return options_; }
  const HttpHandler& handler() const { return handler_; }
  AccessLog* log() const { return log_; }
  bool stopping() const { return stopping_.load(); }
  std::atomic<size_t>& active() { return active_; }

 private:
  void Accept();
  void OnAccept(beast::error_code ec, tcp::socket socket);

  const ListenerOptions options_;
  const HttpHandler handler_;
  AccessLog* const log_;
  net::io_context ioc_;
  net::executor_work_guard<net::io_context::executor_type> work_;
  tcp::acceptor acceptor_;
  std::optional<ssl::context> tls_;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> active_{0};
};

template <class Stream>
void Session<Stream>::Start() {
  if constexpr (kTls) {
    beast::get_lowest_layer(stream_).expires_after(listener_->options().read_timeout);
    stream_.async_handshake(ssl::stream_base::server,
                            [self = this->shared_from_this()](beast::error_code ec) {
                              if (ec) return self->Close();
                              self->Read();
                            });
  } else {
    Read();
  }
}

template <class Stream>
void Session<Stream>::Read() {
  const ListenerOptions& o = listener_->options();
  parser_.emplace();
  parser_->header_limit(static_cast<uint32_t>(o.max_header_bytes));
  parser_->body_limit(o.max_body_bytes);
  // A timer of our own, not the stream's deadline (which closes the
  // socket): cancelling the read leaves the connection open for a 408.
  // Over TLS too: OpenSSL waiting for more of a record can still write.
  beast::get_lowest_layer(stream_).expires_never();
  read_timed_out_ = false;
  read_timer_.expires_after(o.read_timeout);
  read_timer_.async_wait([weak = this->weak_from_this()](beast::error_code ec) {
    if (ec) return;  // cancelled: the read ended first
    if (auto self = weak.lock()) {
      self->read_timed_out_ = true;
      beast::error_code ignored;
      beast::get_lowest_layer(self->stream_).socket().cancel(ignored);
    }
  });
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&Session::OnRead, this->shared_from_this()));
}

template <class Stream>
void Session<Stream>::OnRead(beast::error_code ec, size_t bytes) {
  started_ = Clock::now();
  record_ = AccessRecord{};
  record_.remote = remote_;
  record_.bytes_in = bytes;
  read_timer_.cancel();
  if (read_timed_out_ && ec == net::error::operation_aborted && !listener_->stopping() &&
      parser_->got_some()) {
    // Begun, not finished in time (a slow or stalled client): say so, then
    // close. A connection idle between requests is closed without a word.
    if (parser_->is_header_done()) {
      record_.method = std::string(parser_->get().method_string());
      const std::string_view target = parser_->get().target();
      record_.path = std::string(target.substr(0, target.find('?')));
    }
    listener_->active()++;
    counted_ = true;
    return Write(ErrorResponse(408, "request_timeout",
                               "the request was not received within the read timeout of " +
                                   std::to_string(listener_->options().read_timeout.count()) +
                                   " ms"),
                 true);
  }
  if (ec == http::error::end_of_stream || ec == net::error::eof ||
      ec == net::error::connection_reset || ec == net::error::operation_aborted ||
      // tcp_stream closes the socket when its deadline passes, so a request
      // read too slowly ends without a response.
      ec == beast::error::timeout ||
      ec == ssl::error::stream_truncated) {
    return Close();
  }
  if (parser_->is_header_done()) {
    record_.method = std::string(parser_->get().method_string());
    const std::string_view target = parser_->get().target();
    record_.path = std::string(target.substr(0, target.find('?')));
  }
  if (ec) {
    HttpResponse r;
    if (ec == http::error::body_limit) {
      r = ErrorResponse(413, "body_too_large",
                        "the request body is larger than the limit of " +
                            std::to_string(listener_->options().max_body_bytes) + " bytes");
    } else if (ec == http::error::header_limit) {
      r = ErrorResponse(431, "headers_too_large",
                        "the request headers are larger than the limit of " +
                            std::to_string(listener_->options().max_header_bytes) + " bytes");
    } else {
      r = ErrorResponse(400, "bad_request", "malformed HTTP request: " + ec.message());
    }
    listener_->active()++;
    counted_ = true;
    return Write(std::move(r), true);
  }
  http::request<http::string_body> msg = parser_->release();
  keep_alive_ = msg.keep_alive();
  HttpRequest request;
  request.method = std::string(msg.method_string());
  request.target = std::string(msg.target());
  const size_t q = request.target.find('?');
  request.path = request.target.substr(0, q);
  if (q != std::string::npos) request.query = request.target.substr(q + 1);
  for (const auto& field : msg) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = std::move(msg.body());
  request.remote = remote_;
  request.tls = kTls;
  listener_->active()++;
  counted_ = true;
  // The handler may answer from another thread: the write goes back
  // through this connection's strand.
  auto self = this->shared_from_this();
  Respond respond = [self](HttpResponse response) {
    net::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
      self->Write(std::move(response), false);
    });
  };
  listener_->handler()(std::move(request), std::move(respond));
}

template <class Stream>
void Session<Stream>::Write(HttpResponse r, bool close) {
  close = close || !keep_alive_ || listener_->stopping();
  record_.status = r.status;
  record_.scan_id = std::move(r.log_scan_id);
  record_.role = std::move(r.log_role);
  record_.error = std::move(r.log_error);
  response_ = std::make_shared<http::response<http::string_body>>(
      static_cast<http::status>(r.status), 11);
  response_->set(http::field::server, "provcheck");
  if (!r.body.empty()) response_->set(http::field::content_type, r.content_type);
  response_->set(http::field::cache_control, "no-store");
  response_->set("X-Content-Type-Options", "nosniff");
  for (const auto& [name, value] : r.headers) response_->set(name, value);
  response_->keep_alive(!close);
  response_->body() = std::move(r.body);
  response_->prepare_payload();
  record_.bytes_out = response_->body().size();
  beast::get_lowest_layer(stream_).expires_after(listener_->options().write_timeout);
  http::async_write(stream_, *response_,
                    [self = this->shared_from_this(), close](beast::error_code ec, size_t) {
                      self->OnWrite(ec, close);
                    });
}

template <class Stream>
void Session<Stream>::OnWrite(beast::error_code ec, bool close) {
  if (counted_) {
    counted_ = false;
    listener_->active()--;
  }
  record_.milliseconds =
      std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
  listener_->log()->Record(record_);
  response_.reset();
  if (ec) return Close();
  if (close) return Linger();
  Read();
}

template <class Stream>
void Session<Stream>::Linger() {
  beast::error_code ignored;
  if constexpr (!kTls) {
    beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_send, ignored);
  }
  linger_until_ = Clock::now() + kLingerTime;
  beast::get_lowest_layer(stream_).expires_at(linger_until_);
  struct Drop {
    std::shared_ptr<Session> self;
    void operator()(beast::error_code ec, size_t n) {
      self->lingered_ += n;
      if (ec || self->lingered_ > kLingerBytes) return self->Close();
      beast::get_lowest_layer(self->stream_)
          .async_read_some(net::buffer(self->drop_), Drop{self});
    }
  };
  // Unread bytes already buffered count as read.
  buffer_.consume(buffer_.size());
  beast::get_lowest_layer(stream_).async_read_some(net::buffer(drop_),
                                                   Drop{this->shared_from_this()});
}

template <class Stream>
void Session<Stream>::Close() {
  if (counted_) {
    counted_ = false;
    listener_->active()--;
  }
  beast::error_code ignored;
  beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(stream_).close();
}

// "127.0.0.1:8080", "[::1]:0", "localhost:8080".
Result<tcp::endpoint> ParseListen(const std::string& listen) {
  const auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("--listen " + listen + ": " + why +
                                   " (expected ADDRESS:PORT, e.g. 127.0.0.1:8080)");
  };
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return bad("no port");
  std::string host = listen.substr(0, colon);
  const std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(port) > 65535) {
    return bad("the port is not a number from 0 to 65535");
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host == "localhost") host = "127.0.0.1";
  beast::error_code ec;
  const net::ip::address address = net::ip::make_address(host, ec);
  if (ec) return bad("\"" + host + "\" is not an IP address");
  return tcp::endpoint(address, static_cast<uint16_t>(std::stoul(port)));
}

Status ListenerImpl::Init() {
  if (options_.tls_cert.empty() != options_.tls_key.empty()) {
    return Status::InvalidArgument("--tls-cert and --tls-key go together");
  }
  if (!options_.tls_cert.empty()) {
    tls_.emplace(ssl::context::tls_server);
    beast::error_code ec;
    tls_->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                          ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                          ssl::context::no_tlsv1_1 | ssl::context::single_dh_use,
                      ec);
    if (!ec) tls_->use_certificate_chain_file(options_.tls_cert, ec);
    if (ec) {
      return Status::InvalidArgument("--tls-cert " + options_.tls_cert +
                                     ": cannot load the certificate chain: " + ec.message());
    }
    tls_->use_private_key_file(options_.tls_key, ssl::context::pem, ec);
    if (ec) {
      return Status::InvalidArgument("--tls-key " + options_.tls_key +
                                     ": cannot load the private key: " + ec.message());
    }
  }
  PROVCHECK_ASSIGN_OR_RETURN(tcp::endpoint endpoint, ParseListen(options_.listen));
  beast::error_code ec;
  const auto fail = [&](const char* what) {
    return Status::IOError("--listen " + options_.listen + ": cannot " + what + ": " +
                           ec.message());
  };
  if (acceptor_.open(endpoint.protocol(), ec); ec) return fail("open a socket");
  if (acceptor_.set_option(net::socket_base::reuse_address(true), ec); ec) return fail("set it up");
  if (acceptor_.bind(endpoint, ec); ec) return fail("bind");
  if (acceptor_.listen(net::socket_base::max_listen_connections, ec); ec) return fail("listen");
  port_ = acceptor_.local_endpoint(ec).port();
  return Status::Ok();
}

void ListenerImpl::Run() {
  net::post(acceptor_.get_executor(), [this] { Accept(); });
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < options_.threads; ++i) threads.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  for (std::thread& t : threads) t.join();
}

void ListenerImpl::Accept() {
  if (!acceptor_.is_open()) return;
  acceptor_.async_accept(net::make_strand(ioc_),
                         beast::bind_front_handler(&ListenerImpl::OnAccept, this));
}

void ListenerImpl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (!acceptor_.is_open()) return;
  if (!ec) {
    beast::error_code ignored;
    const tcp::endpoint peer = socket.remote_endpoint(ignored);
    std::string remote = peer.address().to_string(ignored) + ":" + std::to_string(peer.port());
    if (peer.address().is_v6()) {
      remote = "[" + peer.address().to_string(ignored) + "]:" + std::to_string(peer.port());
    }
    if (tls_) {
      std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(this, std::move(remote),
                                                                      std::move(socket), *tls_)
          ->Start();
    } else {
      std::make_shared<Session<beast::tcp_stream>>(this, std::move(remote), std::move(socket))
          ->Start();
    }
  }
  Accept();
}

}  // namespace

Result<std::unique_ptr<HttpListener>> HttpListener::Create(const ListenerOptions& options,
                                                          HttpHandler handler, AccessLog* log) {
  if (options.threads == 0) return Status::InvalidArgument("--threads must be at least 1");
  auto listener = std::make_unique<ListenerImpl>(options, std::move(handler), log);
  PROVCHECK_RETURN_IF_ERROR(listener->Init());
  return std::unique_ptr<HttpListener>(std::move(listener));
}

}  // namespace provcheck::server
