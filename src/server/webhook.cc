#include "server/webhook.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>
#include <ctime>
#include <thread>

#include "base/hex.h"
#include "sign/http_client.h"

namespace provcheck::server {

std::string WebhookSignature(std::string_view secret, int64_t t, std::string_view body) {
  const std::string signed_text = std::to_string(t) + "." + std::string(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(signed_text.data()), signed_text.size(), mac,
           &mac_len) == nullptr) {
    std::abort();  // HMAC-SHA256 cannot fail on valid input: a broken OpenSSL
  }
  return "t=" + std::to_string(t) + ",v1=" +
         base::HexEncode(std::string_view(reinterpret_cast<const char*>(mac), mac_len));
}

namespace {

Result<sign::HttpUrl> ParseCallbackUrl(std::string_view url) {
  return sign::ParseHttpUrl(url, {.what = "callback_url", .allow_https = true});
}

}  // namespace

Status CheckCallbackUrl(const WebhookOptions& options, std::string_view url) {
  Result<sign::HttpUrl> parsed = ParseCallbackUrl(url);
  if (!parsed) {
    return parsed.status();
  }
  const std::string host = parsed->host;
  const std::string host_port = (host.find(':') != std::string::npos ? "[" + host + "]" : host) +
                                ":" + parsed->port;
  for (const std::string& allowed : options.allow) {
    if (allowed == host || allowed == host_port) return Status::Ok();
  }
  return Status::InvalidArgument("callback_url: host " + host_port +
                                 " is not on the server's allow list (--callback-allow)");
}

Result<std::unique_ptr<WebhookSender>> WebhookSender::Create(WebhookOptions options,
                                                            Metrics* metrics) {
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<WebhookClient> client,
                             WebhookClient::Create(options.ca_file));
  return std::unique_ptr<WebhookSender>(
      new WebhookSender(std::move(options), metrics, std::move(client)));
}

void WebhookSender::Send(std::string url, std::string body) {
  queue_.After(std::chrono::milliseconds(0),
               [this, url = std::move(url), body = std::move(body)]() mutable {
                 Attempt(std::move(url), std::move(body), 1);
               });
}

void WebhookSender::Attempt(std::string url, std::string body, unsigned attempt) {
  WebhookPost post;
  post.timeout = options_.timeout;
  post.headers.emplace_back("Provcheck-Signature",
                            WebhookSignature(options_.secret, std::time(nullptr), body));
  post.headers.emplace_back("Provcheck-Attempt", std::to_string(attempt));
  Result<sign::HttpUrl> target = ParseCallbackUrl(url);
  Result<int> status = target ? client_->Post(*target, body, post) : Result<int>(target.status());
  if (status && *status >= 200 && *status < 300) {
    metrics_->CountWebhook("delivered");
    return;
  }
  if (attempt >= options_.attempts) {
    metrics_->CountWebhook("failed");
    return;
  }
  metrics_->CountWebhook("retried");
  const auto delay = options_.first_backoff * (1 << std::min(attempt - 1, 10u));
  queue_.After(std::chrono::duration_cast<std::chrono::milliseconds>(delay),
               [this, url = std::move(url), body = std::move(body), attempt]() mutable {
                 Attempt(std::move(url), std::move(body), attempt + 1);
               });
}

void WebhookSender::Stop(std::chrono::milliseconds grace) {
  const auto until = std::chrono::steady_clock::now() + grace;
  while (queue_.pending() > 0 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  queue_.Stop();
}

}  // namespace provcheck::server
