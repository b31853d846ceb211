// Api: the routes of API v1, the web page and the operational endpoints
// (docs/openapi.json describes every one; docs/server.md explains them).
// Turns HttpRequests into responses through the library: scans through the
// ScanPool, reports rendered by provcheck/report_writer.h and signed by
// provcheck/report_signing.h, documents fed through provcheck/index.h.
//
// Every error is JSON (ErrorResponse) with a code from the OpenAPI
// document; a request that is refused changes nothing.
//
// Thread-safety: Handle may be called from any thread, concurrently.
#ifndef PROVCHECK_SRC_SERVER_API_H_
#define PROVCHECK_SRC_SERVER_API_H_

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/mutex.h"
#include "provcheck/index.h"
#include "provcheck/rules.h"
#include "provcheck/sign.h"
#include "server/delay_queue.h"
#include "server/http_message.h"
#include "server/metrics.h"
#include "server/scan_pool.h"
#include "server/scan_store.h"
#include "server/tokens.h"
#include "server/webhook.h"

namespace provcheck::server {

struct ApiOptions {
  std::string index_dir;
  std::shared_ptr<const Rules> default_rules;  // null: the built-in rules
  // Rules a request may name ("rules": "newsroom"), from --rules-dir.
  std::map<std::string, std::shared_ptr<const Rules>> named_rules;
  // None: no authentication, every caller is admin (only allowed on a
  // loopback address; the server checks).
  std::optional<TokenTable> tokens;
  std::optional<SigningKey> signing_key;  // "sign": true needs one
  std::chrono::seconds result_ttl{3600};
  // ?wait=true: how long a client is held, and the largest draft it may
  // wait for (larger drafts get 202 at once).
  std::chrono::milliseconds wait_timeout{30000};
  size_t wait_max_bytes = 1 << 20;
  WebhookOptions webhooks;
};

class Api {
 public:
  // Opens the index read-only for GET /v1/index (failing as Index::Open)
  // and prepares the page's Content-Security-Policy.
  // REQUIRES: `pool` and `metrics` outlive the Api.
  static Result<std::unique_ptr<Api>> Create(ApiOptions options, ScanPool* pool,
                                             Metrics* metrics);
  ~Api();

  void Handle(HttpRequest request, Respond respond);

  // From now on scans are refused (503) and /healthz says "draining".
  void BeginShutdown() { draining_ = true; }
  // After the scans finished: answers the clients still waiting, then
  // delivers the webhooks already due (at most `webhook_grace`).
  void Shutdown(std::chrono::milliseconds webhook_grace);

 private:
  explicit Api(ApiOptions options, ScanPool* pool, Metrics* metrics);

  // Routes (api.cc, scan_routes.cc, document_routes.cc).
  void Route(const HttpRequest& request, const Respond& respond);
  // The caller, or the 401/403 response in *denied.
  std::optional<Caller> Authorize(const HttpRequest& request, Role needed,
                                  HttpResponse* denied) const;
  void PostScan(const HttpRequest& request, const Caller& caller, const Respond& respond);
  HttpResponse GetScan(const HttpRequest& request, const Caller& caller, const std::string& id);
  HttpResponse DeleteScan(const Caller& caller, const std::string& id);
  HttpResponse PostDocument(const HttpRequest& request);
  HttpResponse DeleteDocument(const std::string& id);
  HttpResponse GetIndex();
  HttpResponse GetMetrics();
  HttpResponse Page(const std::string& path) const;

  // Runs when a scan's job ends, on the worker's thread.
  void Finished(const std::string& id, Result<Report> report, double seconds);
  // The scan resource as JSON: id, status, times, and the report when done.
  static std::string ScanJson(const ScanRecord& record, bool with_report);
  Result<IndexStats> ReadStats();
  std::chrono::seconds RetryAfter();

  const ApiOptions options_;
  ScanPool* const pool_;
  Metrics* const metrics_;
  ScanStore store_;
  DelayQueue deadlines_;  // ?wait=true timeouts
  std::unique_ptr<WebhookSender> webhooks_;
  std::string page_csp_;
  std::atomic<bool> draining_{false};
  std::atomic<double> mean_scan_seconds_{0.5};

  base::Mutex index_mu_;  // stats_index_ and every write to the index
  std::unique_ptr<Index> stats_index_ GUARDED_BY(index_mu_);
};

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_API_H_
