// HttpRequest and HttpResponse: the server's plain view of one HTTP/1.1
// exchange, so that only http_listener.cc knows Boost.Beast. Header names
// are lower-cased when the request is read; the body is the whole body, read
// within the listener's limits.
//
// Thread-safety: plain values.
#ifndef PROVCHECK_SRC_SERVER_HTTP_MESSAGE_H_
#define PROVCHECK_SRC_SERVER_HTTP_MESSAGE_H_

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace provcheck::server {

struct HttpRequest {
  std::string method;  // "GET", as sent
  std::string target;  // "/v1/scans/abc?format=html", as sent
  std::string path;    // the target before '?'
  std::string query;   // after '?', may be empty
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::string remote;  // "127.0.0.1:53122"
  bool tls = false;

  // The first header named `name` (lower-case), or empty.
  std::string_view Header(std::string_view name) const;
  // The first query parameter `name`, percent-decoded ('+' as a space), or
  // `fallback` when absent.
  std::string Query(std::string_view name, std::string_view fallback = {}) const;
  bool HasQuery(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type and -Length
  std::string body;

  // What the access log records about the request (never draft text or
  // tokens): a scan id, the role that was granted, an error code.
  std::string log_scan_id, log_role, log_error;
};

// Called once, from any thread, with the response to send.
using Respond = std::function<void(HttpResponse)>;
// Handles one request; calls `respond` once, now or later (a scan that the
// client waits for).
using HttpHandler = std::function<void(HttpRequest request, Respond respond)>;

// A JSON error, as every error of the server is sent:
//   {"error": {"code": "not_found", "message": "no scan abc"}}
// `code` is one of the short names docs/openapi.json lists.
HttpResponse ErrorResponse(int status, std::string_view code, std::string_view message);

// `s` percent-decoded; '+' as a space when `plus_is_space`.
std::string PercentDecode(std::string_view s, bool plus_is_space);

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_HTTP_MESSAGE_H_
