// Webhooks: a finished scan POSTed to the callback_url its submission gave,
// signed so the receiver can tell it came from this server and is fresh:
//
//   Provcheck-Signature: t=1795000000,v1=<hex HMAC-SHA256(secret, "t." + body)>
//
// where t is the Unix time of sending (docs/server.md shows a receiver's
// check). Only http:// and https:// URLs whose host (or host:port) is on
// the allow list are called; https receivers are verified
// (webhook_client.h). A delivery that fails (no connection, a status other than
// 2xx) is retried with exponential back-off, up to `attempts` times.
//
// Thread-safety: every method may be called from any thread.
#ifndef PROVCHECK_SRC_SERVER_WEBHOOK_H_
#define PROVCHECK_SRC_SERVER_WEBHOOK_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/status.h"
#include "server/delay_queue.h"
#include "server/metrics.h"
#include "server/webhook_client.h"

namespace provcheck::server {

struct WebhookOptions {
  std::vector<std::string> allow;  // "host" or "host:port"; empty: no webhooks
  std::string secret;              // HMAC key; required when `allow` is not empty
  unsigned attempts = 4;
  std::chrono::milliseconds first_backoff{500};  // doubled after each failure
  std::chrono::milliseconds timeout{10000};      // one attempt
  std::string ca_file;  // PEM roots for https receivers; empty: the system's store
};

// "t=<t>,v1=<hex HMAC-SHA256(secret, t + "." + body)>".
std::string WebhookSignature(std::string_view secret, int64_t t, std::string_view body);

// Ok when `url` may be called: http:// or https://, on the allow list.
// kInvalidArgument saying why not.
Status CheckCallbackUrl(const WebhookOptions& options, std::string_view url);

class WebhookSender {
 public:
  // kInvalidArgument when options.ca_file cannot be loaded.
  // REQUIRES: `metrics` outlives the sender.
  static Result<std::unique_ptr<WebhookSender>> Create(WebhookOptions options, Metrics* metrics);

  // Delivers `body` (JSON) to `url` on the sender's thread, retrying.
  // REQUIRES: CheckCallbackUrl(url).ok().
  void Send(std::string url, std::string body);
  // Sends what is due within `grace`, then drops the rest.
  void Stop(std::chrono::milliseconds grace);

 private:
  WebhookSender(WebhookOptions options, Metrics* metrics, std::unique_ptr<WebhookClient> client)
      : options_(std::move(options)), metrics_(metrics), client_(std::move(client)) {}
  void Attempt(std::string url, std::string body, unsigned attempt);

  const WebhookOptions options_;
  Metrics* const metrics_;
  const std::unique_ptr<WebhookClient> client_;
  DelayQueue queue_;
};

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_WEBHOOK_H_
