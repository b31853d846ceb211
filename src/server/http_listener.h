// HttpListener: HTTP/1.1 (or HTTPS) on one address, on Boost.Beast, served
// by a fixed pool of threads running one io_context. The only file that
// knows Beast is http_listener.cc.
//
// Owns: accepting, TLS handshakes, reading requests within the header and
// body limits and the read timeout, writing responses within the write
// timeout, keep-alive, and the access log line of every exchange. A request
// over a limit gets its JSON error (413, 431, 400) without reaching the
// handler; one not read within the read timeout has its connection closed.
// Knows nothing of routes.
//
// Thread-safety: StopAccepting, Stop, port and active_requests may be
// called from any thread; the handler is called on the pool's threads and
// its Respond may be called from any thread.
#ifndef PROVCHECK_SRC_SERVER_HTTP_LISTENER_H_
#define PROVCHECK_SRC_SERVER_HTTP_LISTENER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "provcheck/result.h"
#include "server/access_log.h"
#include "server/http_message.h"

namespace provcheck::server {

struct ListenerOptions {
  std::string listen = "127.0.0.1:8080";  // IPv4 "a.b.c.d:port", "[v6]:port"; port 0: any
  unsigned threads = 4;
  size_t max_header_bytes = 16 << 10;
  size_t max_body_bytes = 16 << 20;
  std::chrono::milliseconds read_timeout{30000};   // a whole request, or an idle keep-alive
  std::chrono::milliseconds write_timeout{30000};  // a whole response
  std::string tls_cert, tls_key;                   // PEM files; both or neither
};

class HttpListener {
 public:
  // Binds and listens (nothing is served until Run). kInvalidArgument for a
  // bad address or a TLS file that does not load; kIOError when the address
  // cannot be bound.
  // REQUIRES: `log` outlives the listener.
  static Result<std::unique_ptr<HttpListener>> Create(const ListenerOptions& options,
                                                      HttpHandler handler, AccessLog* log);
  virtual ~HttpListener() = default;

  // The bound port (the one chosen, for port 0).
  virtual uint16_t port() const = 0;
  // Serves on the pool's threads until Stop(); the calling thread is one of them.
  virtual void Run() = 0;
  // Closes the listening socket; open connections are still served, and
  // their responses say "Connection: close".
  virtual void StopAccepting() = 0;
  // Ends serving: Run returns once the threads finish what they are doing.
  virtual void Stop() = 0;
  // Requests read whose response is not yet written.
  virtual size_t active_requests() const = 0;
};

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_HTTP_LISTENER_H_
