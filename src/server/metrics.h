// Metrics: the counters behind GET /metrics, in the Prometheus text
// exposition format 0.0.4: scans by outcome, a scan latency histogram,
// requests by status, webhook deliveries by outcome; gauges (queue depth,
// running scans, index documents) are read when rendered.
//
// Thread-safety: every method may be called from any thread.
#ifndef PROVCHECK_SRC_SERVER_METRICS_H_
#define PROVCHECK_SRC_SERVER_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "base/mutex.h"

namespace provcheck::server {

struct Gauges {
  uint64_t queued = 0, running = 0, stored = 0, index_documents = 0;
};

class Metrics {
 public:
  // outcome: "pass", "fail", "error"; seconds from start to end of the scan.
  void CountScan(const std::string& outcome, double seconds);
  // A submission refused because the scan cap was reached (a 503).
  void CountRejected();
  void CountRequest(int status);
  // outcome: "delivered", "retried", "failed".
  void CountWebhook(const std::string& outcome);

  std::string Render(const Gauges& gauges);

  // Upper bounds of the latency buckets, seconds (+Inf besides).
  static constexpr std::array<double, 12> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1,    2.5,   5,    10,  30};

 private:
  base::Mutex mu_;
  std::map<std::string, uint64_t> scans_ GUARDED_BY(mu_);
  uint64_t rejected_ GUARDED_BY(mu_) = 0;
  std::array<uint64_t, kBuckets.size()> buckets_ GUARDED_BY(mu_) = {};
  uint64_t latency_count_ GUARDED_BY(mu_) = 0;
  double latency_sum_ GUARDED_BY(mu_) = 0;
  std::map<int, uint64_t> requests_ GUARDED_BY(mu_);
  std::map<std::string, uint64_t> webhooks_ GUARDED_BY(mu_);
};

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_METRICS_H_
