// ScanPool: a fixed number of scan workers, each with its own read-only
// Index and Scanners (neither is thread-safe), fed from one queue bounded
// by a cap on scans queued or running. What the server runs drafts through;
// the scan itself is the library's (provcheck/scan.h).
//
// Thread-safety: every method may be called from any thread. A job's
// `done` runs on the worker thread that ran it.
#ifndef PROVCHECK_SRC_SERVER_SCAN_POOL_H_
#define PROVCHECK_SRC_SERVER_SCAN_POOL_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/mutex.h"
#include "provcheck/document.h"
#include "provcheck/report.h"
#include "provcheck/result.h"
#include "provcheck/rules.h"
#include "provcheck/scan.h"

namespace provcheck::server {

struct ScanJob {
  std::string name;  // the draft's name in the report
  std::string bytes;
  Format format = Format::kText;
  std::shared_ptr<const Rules> rules;  // null: the built-in rules
  // Called when a worker takes the job, then with its outcome and the
  // seconds the scan took.
  std::function<void()> started;
  std::function<void(Result<Report> report, double seconds)> done;
};

struct ScanPoolOptions {
  std::string index_dir;
  unsigned workers = 2;
  size_t capacity = 8;  // scans queued or running; more are refused
  ScanOptions scan;     // rules are the job's
};

class ScanPool {
 public:
  // Opens one Index per worker and starts the workers. Fails with the
  // index's error (the server does not start without its index).
  static Result<std::unique_ptr<ScanPool>> Start(const ScanPoolOptions& options);
  ~ScanPool();  // Drain()

  // Queues `job`, or returns false (job untouched) when `capacity` scans are
  // queued or running already, or the pool is draining.
  bool TrySubmit(ScanJob& job);
  size_t queued();
  size_t running();
  // Refuses new jobs, lets every queued and running job finish, joins the
  // workers. Idempotent.
  void Drain();

 private:
  struct Worker;
  explicit ScanPool(ScanPoolOptions options);
  void Work(Worker* worker);

  const ScanPoolOptions options_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  base::Mutex mu_;
  base::CondVar cv_;
  std::deque<ScanJob> queue_ GUARDED_BY(mu_);
  size_t running_ GUARDED_BY(mu_) = 0;
  bool draining_ GUARDED_BY(mu_) = false;
  bool joined_ = false;
};

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_SCAN_POOL_H_
