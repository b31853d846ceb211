// One webhook delivery: a POST over http:// or https:// on Boost.Beast,
// with one deadline for the whole exchange (resolve, connect, TLS
// handshake, request, response).
//
// Over https the receiver's certificate must chain to a trusted root (the
// system's store, or the CA file the server was given with --callback-ca)
// and name the URL's host (DNS name or IP address); the host is sent as
// SNI when it is a name. TLS 1.2 or later.
//
// Thread-safety: a WebhookClient may post on several threads at once.
#ifndef PROVCHECK_SRC_SERVER_WEBHOOK_CLIENT_H_
#define PROVCHECK_SRC_SERVER_WEBHOOK_CLIENT_H_

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "provcheck/result.h"
#include "sign/http_client.h"

namespace provcheck::server {

struct WebhookPost {
  std::chrono::milliseconds timeout{10000};
  size_t max_response_bytes = 64 << 10;
  std::vector<std::pair<std::string, std::string>> headers;  // REQUIRES: no CR or LF
};

class WebhookClient {
 public:
  // `ca_file`: PEM certificates to trust for https receivers; empty: the
  // system's default trust store. kInvalidArgument naming the file when it
  // cannot be loaded.
  static Result<std::unique_ptr<WebhookClient>> Create(const std::string& ca_file);
  ~WebhookClient();

  // POSTs `body` as application/json and returns the reply's status code.
  // kIOError naming the URL when the host cannot be resolved or reached,
  // the certificate is not trusted, the deadline passes or the reply is
  // not HTTP/1.x.
  Result<int> Post(const sign::HttpUrl& url, std::string_view body,
                   const WebhookPost& options) const;

 private:
  struct Tls;
  explicit WebhookClient(std::unique_ptr<Tls> tls);
  std::unique_ptr<Tls> tls_;
};

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_WEBHOOK_CLIENT_H_
