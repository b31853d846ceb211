// Routing, authentication, the page and the operational endpoints. The scan
// routes are in scan_routes.cc, the document routes in document_routes.cc.
#include "server/api.h"

#include <openssl/evp.h>

#include "base/base64.h"
#include "base/sha256.h"
#include "provcheck/report_writer.h"
#include "report/json_writer.h"
#include "server/assets.h"
#include "server/index_stats_json.h"

namespace provcheck::server {
namespace {

// 'sha256-<base64>' of the text between the first `open` and `close` of
// `html`, as CSP hash sources name an inline script or style sheet.
std::string InlineHash(std::string_view html, std::string_view open, std::string_view close) {
  const size_t start = html.find(open);
  if (start == std::string_view::npos) return {};
  const size_t body = start + open.size();
  const size_t end = html.find(close, body);
  if (end == std::string_view::npos) return {};
  const base::Sha256Digest digest = base::Sha256Of(html.substr(body, end - body));
  return "'sha256-" +
         base::Base64Encode(std::string_view(reinterpret_cast<const char*>(digest.data()),
                                             digest.size())) +
         "'";
}

bool QueryAllowed(const HttpRequest& request, std::initializer_list<std::string_view> allowed,
                  HttpResponse* refused) {
  std::string_view query = request.query;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::string name = PercentDecode(pair.substr(0, pair.find('=')), true);
    bool known = false;
    for (std::string_view a : allowed) known = known || a == name;
    if (!known) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      *refused = ErrorResponse(400, "unknown_parameter",
                               "query parameter \"" + name.substr(0, 64) + "\" is not known here" +
                                   (list.empty() ? " (this route takes none)"
                                                 : " (expected " + list + ")"));
      return false;
    }
  }
  return true;
}

HttpResponse MethodNotAllowed(const std::string& allow) {
  HttpResponse r = ErrorResponse(405, "method_not_allowed", "this route takes " + allow);
  r.headers.emplace_back("Allow", allow);
  return r;
}

HttpResponse JsonResponse(int status, const report::JsonValue& value) {
  HttpResponse r;
  r.status = status;
  r.body = value.Canonical() + "\n";
  return r;
}

}  // namespace

Api::Api(ApiOptions options, ScanPool* pool, Metrics* metrics)
    : options_(std::move(options)), pool_(pool), metrics_(metrics), store_(options_.result_ttl) {}

Api::~Api() { Shutdown(std::chrono::milliseconds(0)); }

Result<std::unique_ptr<Api>> Api::Create(ApiOptions options, ScanPool* pool, Metrics* metrics) {
  std::unique_ptr<Api> api(new Api(std::move(options), pool, metrics));
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<Index> index,
                             Index::Open(api->options_.index_dir, Index::Mode::kReadOnly));
  {
    base::MutexLock lock(&api->index_mu_);
    api->stats_index_ = std::move(index);
  }
  PROVCHECK_ASSIGN_OR_RETURN(api->webhooks_,
                             WebhookSender::Create(api->options_.webhooks, metrics));
  // The page shows reports in a sandboxed frame; the frame inherits the
  // page's policy, so the policy admits the report's one inline style sheet
  // and script by hash and nothing else inline.
  const std::string report = RenderReport(Report{}, "", {.format = OutputFormat::kHtml});
  api->page_csp_ = "default-src 'none'; script-src 'self' " +
                   InlineHash(report, "<script>", "</script>") + "; style-src 'self' " +
                   InlineHash(report, "<style>", "</style>") +
                   "; connect-src 'self'; img-src 'self' data:; frame-src 'self'; "
                   "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  return api;
}

void Api::Shutdown(std::chrono::milliseconds webhook_grace) {
  draining_ = true;
  deadlines_.Stop(/*finish_all=*/false);
  if (webhooks_) webhooks_->Stop(webhook_grace);
}

void Api::Handle(HttpRequest request, Respond respond) {
  store_.Expire();
  Respond counted = [this, respond = std::move(respond)](HttpResponse r) {
    metrics_->CountRequest(r.status);
    respond(std::move(r));
  };
  Route(request, counted);
}

std::optional<Caller> Api::Authorize(const HttpRequest& request, Role needed,
                                     HttpResponse* denied) const {
  if (!options_.tokens) return Caller{Role::kAdmin, "local", "local"};
  const std::optional<std::string_view> token = BearerToken(request.Header("authorization"));
  std::optional<Caller> caller;
  if (token) caller = options_.tokens->Authenticate(*token);
  if (!caller) {
    *denied = ErrorResponse(401, "unauthorized",
                            token ? "the bearer token is not known"
                                  : "an Authorization: Bearer token is required");
    denied->headers.emplace_back("WWW-Authenticate", "Bearer realm=\"provcheck\"");
    return std::nullopt;
  }
  if (static_cast<int>(caller->role) < static_cast<int>(needed)) {
    *denied = ErrorResponse(403, "forbidden",
                            std::string("this route needs the ") + RoleName(needed) +
                                " role; the token has " + RoleName(caller->role));
    denied->log_role = RoleName(caller->role);
    return std::nullopt;
  }
  return caller;
}

void Api::Route(const HttpRequest& request, const Respond& respond) {
  const std::string& path = request.path;
  const std::string& method = request.method;
  HttpResponse refused;
  // A route that needs a role: the caller, or the refusal sent.
  const auto authorize = [&](Role role) -> std::optional<Caller> {
    std::optional<Caller> caller = Authorize(request, role, &refused);
    if (!caller) respond(std::move(refused));
    return caller;
  };
  const auto reply = [&](HttpResponse r, const std::optional<Caller>& caller) {
    if (caller && r.log_role.empty()) r.log_role = RoleName(caller->role);
    respond(std::move(r));
  };

  if (path == "/" || path == "/app.js" || path == "/app.css") {
    if (method != "GET") return respond(MethodNotAllowed("GET"));
    return respond(Page(path));
  }
  if (path == "/healthz") {
    if (method != "GET") return respond(MethodNotAllowed("GET"));
    if (!QueryAllowed(request, {}, &refused)) return respond(std::move(refused));
    report::JsonValue body = report::JsonValue::EmptyObject();
    body.Set("status", draining_ ? "draining" : "ok");
    return respond(JsonResponse(draining_ ? 503 : 200, body));
  }
  if (path == "/v1/openapi.json") {
    if (method != "GET") return respond(MethodNotAllowed("GET"));
    HttpResponse r;
    r.body = std::string(OpenApiDocument());
    return respond(std::move(r));
  }
  if (path == "/metrics") {
    if (method != "GET") return respond(MethodNotAllowed("GET"));
    const std::optional<Caller> caller = authorize(Role::kAdmin);
    if (!caller) return;
    if (!QueryAllowed(request, {}, &refused)) return respond(std::move(refused));
    return reply(GetMetrics(), caller);
  }
  if (path == "/v1/index") {
    if (method != "GET") return respond(MethodNotAllowed("GET"));
    const std::optional<Caller> caller = authorize(Role::kScan);
    if (!caller) return;
    if (!QueryAllowed(request, {}, &refused)) return respond(std::move(refused));
    return reply(GetIndex(), caller);
  }
  if (path == "/v1/scans") {
    if (method != "POST") return respond(MethodNotAllowed("POST"));
    const std::optional<Caller> caller = authorize(Role::kScan);
    if (!caller) return;
    if (!QueryAllowed(request, {"wait"}, &refused)) return respond(std::move(refused));
    return PostScan(request, *caller, respond);
  }
  constexpr std::string_view kScans = "/v1/scans/";
  if (path.size() > kScans.size() && path.compare(0, kScans.size(), kScans) == 0) {
    const std::string id = PercentDecode(std::string_view(path).substr(kScans.size()), false);
    if (method != "GET" && method != "DELETE") return respond(MethodNotAllowed("GET, DELETE"));
    const std::optional<Caller> caller = authorize(Role::kScan);
    if (!caller) return;
    if (method == "GET") {
      if (!QueryAllowed(request, {"format"}, &refused)) return respond(std::move(refused));
      return reply(GetScan(request, *caller, id), caller);
    }
    if (!QueryAllowed(request, {}, &refused)) return respond(std::move(refused));
    return reply(DeleteScan(*caller, id), caller);
  }
  if (path == "/v1/documents") {
    if (method != "POST") return respond(MethodNotAllowed("POST"));
    const std::optional<Caller> caller = authorize(Role::kWrite);
    if (!caller) return;
    if (!QueryAllowed(request, {}, &refused)) return respond(std::move(refused));
    return reply(PostDocument(request), caller);
  }
  constexpr std::string_view kDocuments = "/v1/documents/";
  if (path.size() > kDocuments.size() && path.compare(0, kDocuments.size(), kDocuments) == 0) {
    if (method != "DELETE") return respond(MethodNotAllowed("DELETE"));
    const std::optional<Caller> caller = authorize(Role::kWrite);
    if (!caller) return;
    if (!QueryAllowed(request, {}, &refused)) return respond(std::move(refused));
    const std::string id = PercentDecode(std::string_view(path).substr(kDocuments.size()), false);
    return reply(DeleteDocument(id), caller);
  }
  respond(ErrorResponse(404, "not_found", "no route " + path.substr(0, 200)));
}

HttpResponse Api::Page(const std::string& path) const {
  HttpResponse r;
  if (path == "/") {
    r.content_type = "text/html; charset=utf-8";
    r.body = std::string(PageHtml());
  } else if (path == "/app.js") {
    r.content_type = "text/javascript; charset=utf-8";
    r.body = std::string(PageScript());
  } else {
    r.content_type = "text/css; charset=utf-8";
    r.body = std::string(PageStyle());
  }
  r.headers.emplace_back("Content-Security-Policy", page_csp_);
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  return r;
}

Result<IndexStats> Api::ReadStats() {
  base::MutexLock lock(&index_mu_);
  PROVCHECK_RETURN_IF_ERROR(stats_index_->BeginSnapshot());
  Result<IndexStats> stats = stats_index_->Stats();
  stats_index_->EndSnapshot();
  return stats;
}

HttpResponse Api::GetIndex() {
  Result<IndexStats> stats = ReadStats();
  if (!stats) return ErrorResponse(500, "index_error", stats.status().ToString());
  return JsonResponse(200, IndexStatsJson(*stats));
}

HttpResponse Api::GetMetrics() {
  Gauges g;
  g.queued = pool_->queued();
  g.running = pool_->running();
  g.stored = store_.size();
  if (Result<IndexStats> stats = ReadStats(); stats) g.index_documents = stats->documents;
  HttpResponse r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = metrics_->Render(g);
  return r;
}

}  // namespace provcheck::server
