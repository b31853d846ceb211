// POST /v1/scans, GET and DELETE /v1/scans/{id}, and what happens when a
// scan ends (waiting clients answered, the webhook sent).
#include <algorithm>
#include <cmath>

#include "base/clock.h"
#include "base/sha256.h"
#include "base/utf8.h"
#include "provcheck/report_signing.h"
#include "provcheck/report_writer.h"
#include "report/json_writer.h"
#include "server/api.h"
#include "server/request_body.h"

namespace provcheck::server {
namespace {

constexpr size_t kMaxIdempotencyKeyBytes = 255;

std::string DefaultName(Format format) {
  switch (format) {
    case Format::kMarkdown:
      return "draft.md";
    case Format::kHtml:
      return "draft.html";
    case Format::kJson:
      return "draft.json";
    default:
      return "draft.txt";
  }
}

// Scan failures are the draft's (it does not read: 422) or the server's.
std::pair<int, const char*> ScanErrorCode(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidInput:
    case StatusCode::kInvalidArgument:
      return {422, "invalid_draft"};
    case StatusCode::kResourceLimit:
      return {413, "draft_too_large"};
    default:
      return {500, "scan_error"};
  }
}

}  // namespace

std::string Api::ScanJson(const ScanRecord& r, bool with_report) {
  report::JsonValue draft = report::JsonValue::EmptyObject();
  draft.Set("name", base::ToValidUtf8(r.draft_name));
  draft.Set("bytes", static_cast<uint64_t>(r.draft.size()));
  report::JsonValue links = report::JsonValue::EmptyObject();
  links.Set("self", "/v1/scans/" + r.id);
  links.Set("html", "/v1/scans/" + r.id + "?format=html");
  links.Set("sarif", "/v1/scans/" + r.id + "?format=sarif");
  if (r.sign) links.Set("signed", "/v1/scans/" + r.id + "?format=signed");
  report::JsonValue body = report::JsonValue::EmptyObject();
  body.Set("id", r.id);
  body.Set("status", ScanStateName(r.state));
  body.Set("created", r.created);
  body.Set("draft", std::move(draft));
  body.Set("signed", r.sign);
  body.Set("links", std::move(links));
  if (r.state == ScanState::kDone) body.Set("verdict", r.report->pass ? "pass" : "fail");
  if (r.state == ScanState::kFailed) {
    report::JsonValue error = report::JsonValue::EmptyObject();
    error.Set("code", ScanErrorCode(r.error).second);
    error.Set("message", base::ToValidUtf8(r.error.ToString()));
    body.Set("error", std::move(error));
  }
  std::string json = body.Canonical();
  if (with_report && r.state == ScanState::kDone) {
    // The report as the library writes it, byte for byte.
    json.pop_back();
    json += ",\"report\":" + r.report_json + "}";
  }
  return json + "\n";
}

std::chrono::seconds Api::RetryAfter() {
  const double per_scan = mean_scan_seconds_.load();
  const double queued = static_cast<double>(pool_->queued() + pool_->running());
  const double seconds = std::ceil(per_scan * (queued + 1) / 2);
  return std::chrono::seconds(static_cast<int64_t>(std::clamp(seconds, 1.0, 60.0)));
}

void Api::PostScan(const HttpRequest& request, const Caller& caller, const Respond& respond) {
  const auto refuse = [&](HttpResponse r) {
    r.log_role = RoleName(caller.role);
    respond(std::move(r));
  };
  if (draining_) {
    HttpResponse r = ErrorResponse(503, "shutting_down", "the server is shutting down");
    r.headers.emplace_back("Retry-After", "5");
    return refuse(std::move(r));
  }
  const std::string media = MediaType(request.Header("content-type"));
  ApiError error;
  std::optional<ScanSubmission> submission;
  if (media == "application/json") {
    submission = ParseScanJson(request.body, &error);
  } else if (media == "multipart/form-data") {
    submission = ParseScanMultipart(request.Header("content-type"), request.body, &error);
  } else {
    error = {415, "unsupported_media_type",
             "Content-Type " + base::QuoteForMessage(media) +
                 ": expected application/json or multipart/form-data"};
  }
  if (!submission) return refuse(ErrorResponse(error.status, error.code, error.message));
  const std::string wait = request.Query("wait", "false");
  if (wait != "true" && wait != "false") {
    return refuse(ErrorResponse(400, "invalid_parameter", "wait: expected true or false"));
  }
  std::shared_ptr<const Rules> rules = options_.default_rules;
  if (!submission->rules.empty()) {
    auto it = options_.named_rules.find(submission->rules);
    if (it == options_.named_rules.end()) {
      std::string names;
      for (const auto& [name, r] : options_.named_rules) names += (names.empty() ? "" : ", ") + name;
      return refuse(ErrorResponse(
          400, "unknown_rules",
          "rules " + base::QuoteForMessage(submission->rules) + ": not one of the server's (" +
              (names.empty() ? std::string("none; start it with --rules-dir") : names) + ")"));
    }
    rules = it->second;
  }
  if (submission->sign && !options_.signing_key) {
    return refuse(ErrorResponse(400, "signing_unavailable",
                                "sign: the server has no signing key (start it with --sign-key)"));
  }
  if (!submission->callback_url.empty()) {
    if (Status s = CheckCallbackUrl(options_.webhooks, submission->callback_url); !s.ok()) {
      return refuse(ErrorResponse(400, "callback_not_allowed", s.message()));
    }
  }
  const std::string key(request.Header("idempotency-key"));
  if (key.size() > kMaxIdempotencyKeyBytes ||
      std::any_of(key.begin(), key.end(), [](char c) { return c < 0x21 || c > 0x7e; })) {
    return refuse(ErrorResponse(400, "invalid_idempotency_key",
                                "Idempotency-Key: expected 1 to 255 printable ASCII characters"));
  }

  ScanRecord record;
  record.id = NewScanId();
  record.created = base::NowRfc3339();
  record.owner = caller.hash;
  record.draft_name = submission->name.empty() ? DefaultName(submission->format) : submission->name;
  record.draft = submission->text;
  record.format = submission->format;
  record.sign = submission->sign;
  record.callback_url = submission->callback_url;
  const std::string request_sha =
      base::Sha256Hex(std::string(media) + "\n" + wait + "\n" + request.body);
  const ScanStore::Claim claim = store_.Create(record, key, request_sha);
  if (claim.existing) {
    if (claim.mismatch) {
      return refuse(ErrorResponse(422, "idempotency_mismatch",
                                  "Idempotency-Key: already used for another request"));
    }
    std::optional<ScanRecord> existing = store_.Get(claim.id);
    if (!existing) return refuse(ErrorResponse(404, "not_found", "the scan has expired"));
    HttpResponse r;
    const bool finished = existing->state == ScanState::kDone || existing->state == ScanState::kFailed;
    r.status = finished && wait == "true" ? 200 : 202;
    r.body = ScanJson(*existing, wait == "true");
    r.headers.emplace_back("Location", "/v1/scans/" + existing->id);
    r.headers.emplace_back("Idempotent-Replayed", "true");
    r.log_scan_id = existing->id;
    return refuse(std::move(r));
  }

  const std::string id = record.id;
  ScanJob job;
  job.name = record.draft_name;
  job.bytes = std::move(submission->text);
  job.format = submission->format;
  job.rules = rules;
  job.started = [this, id] { store_.SetRunning(id); };
  job.done = [this, id](Result<Report> report, double seconds) {
    Finished(id, std::move(report), seconds);
  };
  if (!pool_->TrySubmit(job)) {
    store_.Remove(id);
    metrics_->CountRejected();
    HttpResponse r = ErrorResponse(503, "busy", "the server is running as many scans as it may");
    r.headers.emplace_back("Retry-After", std::to_string(RetryAfter().count()));
    return refuse(std::move(r));
  }

  const auto accepted = [this, id, role = caller.role](bool with_report) {
    std::optional<ScanRecord> now = store_.Get(id);
    HttpResponse r;
    r.log_scan_id = id;
    r.log_role = RoleName(role);
    r.headers.emplace_back("Location", "/v1/scans/" + id);
    if (!now) return ErrorResponse(404, "not_found", "the scan was deleted");
    const bool finished = now->state == ScanState::kDone || now->state == ScanState::kFailed;
    r.status = finished && with_report ? 200 : 202;
    r.body = ScanJson(*now, with_report);
    return r;
  };
  if (wait != "true" || record.draft.size() > options_.wait_max_bytes) {
    return respond(accepted(false));
  }
  // ?wait=true: answered when the scan ends or the deadline passes,
  // whichever comes first.
  auto once = std::make_shared<std::atomic<bool>>(false);
  auto answer = [once, respond, accepted] {
    if (once->exchange(true)) return;
    respond(accepted(true));
  };
  deadlines_.After(options_.wait_timeout, answer);
  if (!store_.Wait(id, answer)) answer();
}

void Api::Finished(const std::string& id, Result<Report> report, double seconds) {
  mean_scan_seconds_ = mean_scan_seconds_.load() * 0.9 + seconds * 0.1;
  metrics_->CountScan(!report ? "error" : report->pass ? "pass" : "fail", seconds);
  std::string json, envelope;
  std::optional<ScanRecord> before = store_.Get(id);
  if (report) {
    json = ReportToJson(*report);
    if (before && before->sign) {
      Result<std::string> signed_report = SignReport(*report, *options_.signing_key);
      if (signed_report) {
        envelope = std::move(signed_report).value();
      } else {
        report = signed_report.status();
      }
    }
  }
  std::optional<ScanRecord> after;
  std::vector<std::function<void()>> waiters =
      store_.Finish(id, std::move(report), std::move(json), std::move(envelope), &after);
  for (auto& waiter : waiters) waiter();
  if (after && !after->callback_url.empty()) {
    webhooks_->Send(after->callback_url, ScanJson(*after, true));
  }
}

HttpResponse Api::GetScan(const HttpRequest& request, const Caller& caller, const std::string& id) {
  std::optional<ScanRecord> r = store_.Get(id);
  // Another caller's scan is not found either: ids are not shared.
  if (!r || (r->owner != caller.hash && caller.role != Role::kAdmin)) {
    return ErrorResponse(404, "not_found", "no scan " + base::QuoteForMessage(id) +
                                               " (unknown, deleted or expired)");
  }
  std::string format = request.Query("format");
  if (format.empty()) {
    const std::string_view accept = request.Header("accept");
    if (accept.find("text/html") != std::string_view::npos) {
      format = "html";
    } else if (accept.find("application/sarif+json") != std::string_view::npos) {
      format = "sarif";
    } else {
      format = "json";
    }
  }
  HttpResponse out;
  out.log_scan_id = id;
  if (format == "json") {
    out.body = ScanJson(*r, true);
    return out;
  }
  if (format != "html" && format != "sarif" && format != "signed") {
    return ErrorResponse(400, "invalid_parameter",
                         "format " + base::QuoteForMessage(format) +
                             ": expected one of json, sarif, html, signed");
  }
  if (r->state != ScanState::kDone) {
    HttpResponse e = ErrorResponse(409, "not_done",
                                   std::string("the scan is ") + ScanStateName(r->state) +
                                       "; its report can be had once it is done");
    e.log_scan_id = id;
    return e;
  }
  if (format == "signed") {
    if (r->signed_report.empty()) {
      return ErrorResponse(404, "not_signed", "the scan was not submitted with \"sign\": true");
    }
    out.body = r->signed_report + "\n";
    out.headers.emplace_back("Content-Disposition",
                             "attachment; filename=\"provcheck-" + id + ".dsse.json\"");
    return out;
  }
  WriterOptions writer;
  writer.format = format == "html" ? OutputFormat::kHtml : OutputFormat::kSarif;
  // Offsets of a .docx or .odt draft are into its document text.
  Result<std::string> shown = DocumentText(r->draft_name, r->draft, r->format);
  if (!shown) return ErrorResponse(500, "internal_error", shown.status().message());
  out.body = RenderReport(*r->report, *shown, writer);
  if (format == "html") {
    out.content_type = "text/html; charset=utf-8";
    out.headers.emplace_back("Content-Security-Policy",
                             "default-src 'none'; style-src 'unsafe-inline'; "
                             "script-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'");
  } else {
    out.content_type = "application/sarif+json";
  }
  return out;
}

HttpResponse Api::DeleteScan(const Caller& caller, const std::string& id) {
  std::optional<ScanRecord> r = store_.Get(id);
  if (!r || (r->owner != caller.hash && caller.role != Role::kAdmin) || !store_.Remove(id)) {
    return ErrorResponse(404, "not_found", "no scan " + base::QuoteForMessage(id));
  }
  HttpResponse out;
  out.status = 204;
  out.log_scan_id = id;
  return out;
}

}  // namespace provcheck::server
