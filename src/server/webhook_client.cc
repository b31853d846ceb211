// Each post runs its own io_context on the calling thread (the webhook
// queue's), one asynchronous step at a time, with a timer that cancels
// whatever is pending when the deadline passes.
#include "server/webhook_client.h"

#include <openssl/ssl.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <type_traits>

#include "provcheck/version.h"

namespace provcheck::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

struct WebhookClient::Tls {
  ssl::context context{ssl::context::tls_client};
};

namespace {

std::string HostForHeader(const sign::HttpUrl& url) {
  const std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  const bool default_port = url.port == (url.https ? "443" : "80");
  return default_port ? host : host + ":" + url.port;
}

bool IsIpAddress(const std::string& host) {
  beast::error_code ec;
  net::ip::make_address(host, ec);
  return !ec;
}

template <class Stream>
Result<int> Exchange(net::io_context& ioc, Stream& stream, const sign::HttpUrl& url,
                     std::string_view body, const WebhookPost& options) {
  constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;
  const std::string label = std::string(url.https ? "https://" : "http://") +
                            HostForHeader(url) + url.path;
  tcp::resolver resolver(ioc);
  net::steady_timer timer(ioc);
  bool timed_out = false;
  timer.expires_after(options.timeout);
  timer.async_wait([&](beast::error_code ec) {
    if (ec) return;  // cancelled: the exchange ended in time
    timed_out = true;
    resolver.cancel();
    beast::get_lowest_layer(stream).socket().close(ec);
  });

  beast::error_code ec;
  bool done = false;
  // Runs the loop until the step started last has completed.
  const auto finish = [&] {
    while (!done && ioc.run_one() > 0) {
    }
    done = false;
    return !ec && !timed_out;
  };
  // Every step but the resolve completes through this.
  const auto step_done = [&](beast::error_code e, auto&&...) {
    ec = e;
    done = true;
  };
  const auto failed = [&](const std::string& what) {
    return Status::IOError("webhook " + label + ": " +
                           (timed_out ? "no reply within the timeout" : what + ": " + ec.message()));
  };

  tcp::resolver::results_type endpoints;
  resolver.async_resolve(url.host, url.port,
                         [&](beast::error_code e, tcp::resolver::results_type r) {
                           ec = e;
                           endpoints = std::move(r);
                           done = true;
                         });
  if (!finish()) return failed("cannot resolve the host");
  beast::get_lowest_layer(stream).async_connect(endpoints, step_done);
  if (!finish()) return failed("cannot connect");
  if constexpr (kTls) {
    // SNI for names only (RFC 6066 forbids addresses); the check below
    // matches a DNS name or an IP address in the certificate.
    if (!IsIpAddress(url.host) && SSL_set_tlsext_host_name(stream.native_handle(),
                                                           url.host.c_str()) != 1) {
      return Status::IOError("webhook " + label + ": cannot set the TLS server name");
    }
    stream.set_verify_callback(ssl::host_name_verification(url.host));
    stream.async_handshake(ssl::stream_base::client, step_done);
    if (!finish()) return failed("TLS handshake failed");
  }

  http::request<http::string_body> request{http::verb::post, url.path, 11};
  request.set(http::field::host, HostForHeader(url));
  request.set(http::field::user_agent, std::string("provcheck/") + kVersion);
  request.set(http::field::content_type, "application/json");
  request.set(http::field::connection, "close");
  for (const auto& [name, value] : options.headers) request.set(name, value);
  request.body() = std::string(body);
  request.prepare_payload();
  http::async_write(stream, request, step_done);
  if (!finish()) return failed("cannot send the request");

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.header_limit(16 << 10);
  parser.body_limit(options.max_response_bytes);
  http::async_read(stream, buffer, parser, step_done);
  if (!finish()) return failed("no HTTP reply");
  timer.cancel();
  return static_cast<int>(parser.get().result_int());
}

}  // namespace

WebhookClient::WebhookClient(std::unique_ptr<Tls> tls) : tls_(std::move(tls)) {}
WebhookClient::~WebhookClient() = default;

Result<std::unique_ptr<WebhookClient>> WebhookClient::Create(const std::string& ca_file) {
  auto tls = std::make_unique<Tls>();
  beast::error_code ec;
  tls->context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                               ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                               ssl::context::no_tlsv1_1,
                           ec);
  if (!ec) tls->context.set_verify_mode(ssl::verify_peer, ec);
  if (!ec) {
    if (ca_file.empty()) {
      tls->context.set_default_verify_paths(ec);
    } else {
      tls->context.load_verify_file(ca_file, ec);
    }
  }
  if (ec) {
    return Status::InvalidArgument(
        (ca_file.empty() ? std::string("the system's trust store")
                         : "--callback-ca " + ca_file) +
        ": cannot load the certificates: " + ec.message());
  }
  return std::unique_ptr<WebhookClient>(new WebhookClient(std::move(tls)));
}

Result<int> WebhookClient::Post(const sign::HttpUrl& url, std::string_view body,
                                const WebhookPost& options) const {
  net::io_context ioc;
  if (url.https) {
    beast::ssl_stream<beast::tcp_stream> stream(ioc, tls_->context);
    return Exchange(ioc, stream, url, body, options);
  }
  beast::tcp_stream stream(ioc);
  return Exchange(ioc, stream, url, body, options);
}

}  // namespace provcheck::server
