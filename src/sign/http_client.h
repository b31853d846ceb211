// A minimal HTTP/1.1 client for one POST to a time-stamping authority
// (RFC 3161 section 3.4: the request is POSTed with Content-Type
// application/timestamp-query; the reply is application/timestamp-reply).
//
// Owns: URL parsing for http:// only, a blocking POSIX socket exchange
// with one deadline for the whole call, and reading the reply (by
// Content-Length, chunked, or to end of stream). No TLS: an RFC 3161 token
// is signed by the TSA, so its transport needs no secrecy or integrity of
// its own; a token altered on the way fails verification.
//
// Thread-safety: HttpPost may run on several threads at once.
#ifndef PROVCHECK_SRC_SIGN_HTTP_CLIENT_H_
#define PROVCHECK_SRC_SIGN_HTTP_CLIENT_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "provcheck/result.h"

namespace provcheck::sign {

struct HttpUrl {
  bool https = false;
  std::string host;  // a name, an IPv4 address, or an IPv6 address without brackets
  std::string port;  // decimal, "80" (or "443" for https) when the URL names none
  std::string path;  // starts with '/', query included
};

struct UrlRules {
  std::string_view what = "timestamp URL";  // starts every error message
  bool allow_https = false;                 // HttpPost itself speaks http only
};

// Splits "http://host[:port][/path]" (and "https://..." when allowed).
// kInvalidArgument naming the URL for any other scheme, user information,
// a fragment, an empty host or a port outside 1..65535.
Result<HttpUrl> ParseHttpUrl(std::string_view url, const UrlRules& rules = {});

struct HttpPostOptions {
  std::chrono::milliseconds timeout{10000};  // the whole exchange, connect to last byte
  size_t max_response_bytes = 1 << 20;       // body; headers have their own 64 KiB cap
  // Sent besides Host, User-Agent, Content-Type, Content-Length and
  // Connection (a webhook's signature). REQUIRES: no CR or LF in them.
  std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpResponse {
  int status = 0;            // e.g. 200
  std::string content_type;  // as sent, may be empty
  std::string body;
};

// POSTs `body` to `url` and returns the reply whatever its status. Fails
// with kInvalidArgument for a bad URL, kIOError naming the URL when the
// host cannot be resolved or reached, the deadline passes, the connection
// breaks, or the reply is not HTTP/1.x; kResourceLimit when the reply is
// larger than allowed.
Result<HttpResponse> HttpPost(std::string_view url, std::string_view content_type,
                              std::string_view body, const HttpPostOptions& options);

}  // namespace provcheck::sign

#endif  // PROVCHECK_SRC_SIGN_HTTP_CLIENT_H_
