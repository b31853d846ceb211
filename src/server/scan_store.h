// ScanStore: the scans the server holds, in memory only (a draft never
// reaches the disk), from submission until they expire: `ttl` after they
// finish, or when deleted. Also the Idempotency-Key table: a key, per
// caller, names the scan its first submission created, for as long as that
// scan is kept.
//
// Thread-safety: every method may be called from any thread; records are
// returned as copies.
#ifndef PROVCHECK_SRC_SERVER_SCAN_STORE_H_
#define PROVCHECK_SRC_SERVER_SCAN_STORE_H_

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/mutex.h"
#include "provcheck/document.h"
#include "provcheck/report.h"
#include "provcheck/result.h"

namespace provcheck::server {

enum class ScanState { kQueued, kRunning, kDone, kFailed };
// "queued", "running", "done", "failed".
const char* ScanStateName(ScanState state);

struct ScanRecord {
  using Clock = std::chrono::steady_clock;

  std::string id;
  ScanState state = ScanState::kQueued;
  std::string created;  // RFC 3339 UTC, the submission's time
  std::string owner;    // the submitting caller's token hash
  std::string draft_name;
  std::string draft;  // its bytes, for the HTML report
  Format format = Format::kMarkdown;
  bool sign = false;
  std::string callback_url;
  std::optional<Report> report;  // kDone
  std::string report_json;       // kDone: ReportToJson(*report)
  std::string signed_report;     // kDone with sign: the DSSE envelope
  Status error;                  // kFailed
  Clock::time_point finished;    // kDone, kFailed
};

class ScanStore {
 public:
  explicit ScanStore(std::chrono::seconds ttl) : ttl_(ttl) {}

  struct Claim {
    std::string id;
    bool existing = false;  // the key named a scan already
    bool mismatch = false;  // ... submitted with another request body
  };
  // Adds `record` (its id set) unless `idempotency_key` (may be empty) is
  // known for record.owner, in which case that scan is named instead and
  // nothing is added. `request_sha256` tells retries from other requests.
  Claim Create(ScanRecord record, const std::string& idempotency_key,
               const std::string& request_sha256);
  // Removes a scan and its idempotency key. False when there is none.
  bool Remove(const std::string& id);
  std::optional<ScanRecord> Get(const std::string& id);

  void SetRunning(const std::string& id);
  // Records the outcome; returns the waiters to call (Wait), none when the
  // scan was deleted meanwhile. A copy of the finished record in *record.
  std::vector<std::function<void()>> Finish(const std::string& id, Result<Report> report,
                                            std::string report_json, std::string signed_report,
                                            std::optional<ScanRecord>* record);
  // Calls `waiter` (from Finish's caller) when the scan finishes; false
  // when it is finished or gone already (the caller answers at once).
  bool Wait(const std::string& id, std::function<void()> waiter);

  // Drops scans finished more than ttl ago. Does the work at most once a
  // second (it walks every scan); calls in between return at once.
  void Expire();
  size_t size();

 private:
  struct Entry {
    ScanRecord record;
    std::string idempotency;  // its key in keys_, or empty
    std::vector<std::function<void()>> waiters;
  };
  struct Key {
    std::string id;
    std::string request_sha256;
  };
  void EraseLocked(std::map<std::string, Entry>::iterator it) REQUIRES(mu_);

  const std::chrono::seconds ttl_;
  base::Mutex mu_;
  ScanRecord::Clock::time_point last_expiry_ GUARDED_BY(mu_);
  std::map<std::string, Entry> scans_ GUARDED_BY(mu_);
  std::map<std::string, Key> keys_ GUARDED_BY(mu_);  // owner + '\n' + key
};

// 32 lower-case hex digits from the operating system's random source.
std::string NewScanId();

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_SCAN_STORE_H_
