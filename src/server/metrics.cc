#include "server/metrics.h"

#include <cstdio>

namespace provcheck::server {
namespace {

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

void Header(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

}  // namespace

void Metrics::CountScan(const std::string& outcome, double seconds) {
  base::MutexLock lock(&mu_);
  ++scans_[outcome];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++buckets_[i];
  }
  ++latency_count_;
  latency_sum_ += seconds;
}

void Metrics::CountRejected() {
  base::MutexLock lock(&mu_);
  ++rejected_;
}

void Metrics::CountRequest(int status) {
  base::MutexLock lock(&mu_);
  ++requests_[status];
}

void Metrics::CountWebhook(const std::string& outcome) {
  base::MutexLock lock(&mu_);
  ++webhooks_[outcome];
}

std::string Metrics::Render(const Gauges& g) {
  base::MutexLock lock(&mu_);
  std::string out;
  Header(out, "provcheck_scans_total", "counter", "Scans finished, by outcome.");
  for (const char* outcome : {"pass", "fail", "error"}) {
    const auto it = scans_.find(outcome);
    out += std::string("provcheck_scans_total{outcome=\"") + outcome + "\"} " +
           std::to_string(it == scans_.end() ? 0 : it->second) + "\n";
  }
  Header(out, "provcheck_scans_rejected_total", "counter",
         "Submissions refused with 503 because the scan cap was reached.");
  out += "provcheck_scans_rejected_total " + std::to_string(rejected_) + "\n";
  Header(out, "provcheck_scan_duration_seconds", "histogram",
         "Time from the start of a scan to its report.");
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    out += "provcheck_scan_duration_seconds_bucket{le=\"" + Number(kBuckets[i]) + "\"} " +
           std::to_string(buckets_[i]) + "\n";
  }
  out += "provcheck_scan_duration_seconds_bucket{le=\"+Inf\"} " + std::to_string(latency_count_) +
         "\n";
  out += "provcheck_scan_duration_seconds_sum " + Number(latency_sum_) + "\n";
  out += "provcheck_scan_duration_seconds_count " + std::to_string(latency_count_) + "\n";
  Header(out, "provcheck_scan_queue_depth", "gauge", "Scans waiting for a worker.");
  out += "provcheck_scan_queue_depth " + std::to_string(g.queued) + "\n";
  Header(out, "provcheck_scans_running", "gauge", "Scans being run.");
  out += "provcheck_scans_running " + std::to_string(g.running) + "\n";
  Header(out, "provcheck_scans_stored", "gauge", "Scans kept until they expire.");
  out += "provcheck_scans_stored " + std::to_string(g.stored) + "\n";
  Header(out, "provcheck_index_documents", "gauge", "Documents in the index.");
  out += "provcheck_index_documents " + std::to_string(g.index_documents) + "\n";
  Header(out, "provcheck_http_requests_total", "counter", "HTTP requests answered, by status.");
  for (const auto& [status, n] : requests_) {
    out += "provcheck_http_requests_total{status=\"" + std::to_string(status) + "\"} " +
           std::to_string(n) + "\n";
  }
  Header(out, "provcheck_webhook_deliveries_total", "counter",
         "Webhook delivery attempts, by outcome.");
  for (const char* outcome : {"delivered", "retried", "failed"}) {
    const auto it = webhooks_.find(outcome);
    out += std::string("provcheck_webhook_deliveries_total{outcome=\"") + outcome + "\"} " +
           std::to_string(it == webhooks_.end() ? 0 : it->second) + "\n";
  }
  return out;
}

}  // namespace provcheck::server
