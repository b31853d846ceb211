#include "server/scan_pool.h"

#include <chrono>
#include <map>

namespace provcheck::server {

struct ScanPool::Worker {
  std::unique_ptr<Index> index;
  // One Scanner per rules file (a Scanner's rules are fixed at creation);
  // each keeps its source cache between drafts.
  std::map<const Rules*, std::unique_ptr<Scanner>> scanners;
};

ScanPool::ScanPool(ScanPoolOptions options) : options_(std::move(options)) {}

Result<std::unique_ptr<ScanPool>> ScanPool::Start(const ScanPoolOptions& options) {
  std::unique_ptr<ScanPool> pool(new ScanPool(options));
  for (unsigned i = 0; i < std::max(1u, options.workers); ++i) {
    auto worker = std::make_unique<Worker>();
    PROVCHECK_ASSIGN_OR_RETURN(worker->index,
                               Index::Open(options.index_dir, Index::Mode::kReadOnly));
    pool->workers_.push_back(std::move(worker));
  }
  for (auto& worker : pool->workers_) {
    pool->threads_.emplace_back([p = pool.get(), w = worker.get()] { p->Work(w); });
  }
  return pool;
}

ScanPool::~ScanPool() { Drain(); }

bool ScanPool::TrySubmit(ScanJob& job) {
  base::MutexLock lock(&mu_);
  if (draining_ || queue_.size() + running_ >= options_.capacity) return false;
  queue_.push_back(std::move(job));
  cv_.Signal();
  return true;
}

size_t ScanPool::queued() {
  base::MutexLock lock(&mu_);
  return queue_.size();
}

size_t ScanPool::running() {
  base::MutexLock lock(&mu_);
  return running_;
}

void ScanPool::Drain() {
  {
    base::MutexLock lock(&mu_);
    draining_ = true;
    cv_.SignalAll();
  }
  if (joined_) return;
  for (std::thread& t : threads_) t.join();
  joined_ = true;
}

void ScanPool::Work(Worker* worker) {
  for (;;) {
    ScanJob job;
    {
      base::MutexLock lock(&mu_);
      while (queue_.empty() && !draining_) cv_.Wait(&mu_);
      if (queue_.empty()) return;  // draining, and nothing left
      job = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    if (job.started) job.started();
    const auto start = std::chrono::steady_clock::now();
    std::unique_ptr<Scanner>& scanner = worker->scanners[job.rules.get()];
    Result<Report> report = Status::Internal("no scanner");
    if (!scanner) {
      ScanOptions options = options_.scan;
      options.rules = job.rules;
      Result<std::unique_ptr<Scanner>> created = Scanner::Create(worker->index.get(), options);
      if (created) {
        scanner = std::move(created).value();
      } else {
        report = created.status();
      }
    }
    if (scanner) report = scanner->Scan(job.name, job.bytes, job.format);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (job.done) job.done(std::move(report), seconds);
    base::MutexLock lock(&mu_);
    --running_;
  }
}

}  // namespace provcheck::server
