#include "server/scan_store.h"

#include <openssl/rand.h>

#include <cstdlib>

#include "base/hex.h"

namespace provcheck::server {

const char* ScanStateName(ScanState state) {
  switch (state) {
    case ScanState::kQueued:
      return "queued";
    case ScanState::kRunning:
      return "running";
    case ScanState::kDone:
      return "done";
    case ScanState::kFailed:
      return "failed";
  }
  return "queued";
}

std::string NewScanId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) std::abort();  // no randomness: a broken system
  return base::HexEncode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

ScanStore::Claim ScanStore::Create(ScanRecord record, const std::string& idempotency_key,
                                   const std::string& request_sha256) {
  base::MutexLock lock(&mu_);
  std::string key;
  if (!idempotency_key.empty()) {
    key = record.owner + "\n" + idempotency_key;
    if (auto it = keys_.find(key); it != keys_.end()) {
      return {it->second.id, true, it->second.request_sha256 != request_sha256};
    }
    keys_[key] = {record.id, request_sha256};
  }
  const std::string id = record.id;
  scans_[id] = Entry{std::move(record), key, {}};
  return {id, false, false};
}

void ScanStore::EraseLocked(std::map<std::string, Entry>::iterator it) {
  if (!it->second.idempotency.empty()) keys_.erase(it->second.idempotency);
  scans_.erase(it);
}

bool ScanStore::Remove(const std::string& id) {
  base::MutexLock lock(&mu_);
  auto it = scans_.find(id);
  if (it == scans_.end()) return false;
  EraseLocked(it);
  return true;
}

std::optional<ScanRecord> ScanStore::Get(const std::string& id) {
  base::MutexLock lock(&mu_);
  auto it = scans_.find(id);
  if (it == scans_.end()) return std::nullopt;
  return it->second.record;
}

void ScanStore::SetRunning(const std::string& id) {
  base::MutexLock lock(&mu_);
  if (auto it = scans_.find(id); it != scans_.end()) it->second.record.state = ScanState::kRunning;
}

std::vector<std::function<void()>> ScanStore::Finish(const std::string& id,
                                                     Result<Report> report,
                                                     std::string report_json,
                                                     std::string signed_report,
                                                     std::optional<ScanRecord>* copy) {
  base::MutexLock lock(&mu_);
  auto it = scans_.find(id);
  if (it == scans_.end()) return {};
  ScanRecord& r = it->second.record;
  if (report) {
    r.state = ScanState::kDone;
    r.report = std::move(report).value();
    r.report_json = std::move(report_json);
    r.signed_report = std::move(signed_report);
  } else {
    r.state = ScanState::kFailed;
    r.error = report.status();
  }
  r.finished = ScanRecord::Clock::now();
  if (copy) *copy = r;
  return std::move(it->second.waiters);
}

bool ScanStore::Wait(const std::string& id, std::function<void()> waiter) {
  base::MutexLock lock(&mu_);
  auto it = scans_.find(id);
  if (it == scans_.end()) return false;
  const ScanState s = it->second.record.state;
  if (s == ScanState::kDone || s == ScanState::kFailed) return false;
  it->second.waiters.push_back(std::move(waiter));
  return true;
}

void ScanStore::Expire() {
  const auto now = ScanRecord::Clock::now();
  base::MutexLock lock(&mu_);
  if (now - last_expiry_ < std::chrono::seconds(1)) return;
  last_expiry_ = now;
  for (auto it = scans_.begin(); it != scans_.end();) {
    const ScanRecord& r = it->second.record;
    const bool finished = r.state == ScanState::kDone || r.state == ScanState::kFailed;
    auto next = std::next(it);
    if (finished && now - r.finished >= ttl_) EraseLocked(it);
    it = next;
  }
}

size_t ScanStore::size() {
  base::MutexLock lock(&mu_);
  return scans_.size();
}

}  // namespace provcheck::server
