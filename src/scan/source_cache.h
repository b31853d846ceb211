// The scan stage's sources: a corpus document read from the index and
// analysed once (tokens, shingles, sentence profile), and the cache that keeps
// analysed sources for the next drafts of a batch.
//
// Thread-safety: a SourceCache is not thread-safe (the scan driver uses it on
// its own thread). A cached ScanSource is shared read-only, except that the
// one thread aligning it may add its synsets (align::SentenceAligner).
#ifndef PROVCHECK_SRC_SCAN_SOURCE_CACHE_H_
#define PROVCHECK_SRC_SCAN_SOURCE_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>

#include "align/sentence_aligner.h"
#include "fingerprint/analysis.h"
#include "provcheck/index.h"
#include "text/reader.h"

namespace provcheck::scan {

struct ScanSource {
  StoredDocument stored;
  text::Article article;
  fingerprint::AnalysedText analysed;
  align::SentenceProfile sentences;  // made once, cached with the source

  // Roughly what the source holds in memory, for the cache's budget.
  size_t Bytes() const;
};

// Analysed sources, valid for one index digest: scans of many drafts (a
// batch, CI) align the same sources again and again. Bounded by bytes; the
// oldest are dropped first.
class SourceCache {
 public:
  explicit SourceCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // Forgets everything when `digest` is not the digest the cache was filled
  // under (the index changed: cached sources may be stale).
  void UseDigest(const std::string& digest);

  // The cached source of document `number`, or null.
  std::shared_ptr<ScanSource> Find(uint32_t number) const;
  bool Contains(uint32_t number) const { return entries_.count(number) != 0; }

  // Keeps `source` (analysed) as document `number`, dropping the oldest
  // entries beyond the budget.
  void Remember(uint32_t number, std::shared_ptr<ScanSource> source);

  // A cached source grew by `bytes` (it gained its synsets).
  void Grew(size_t bytes) { bytes_ += bytes; }

 private:
  size_t max_bytes_;
  std::string digest_;
  std::unordered_map<uint32_t, std::shared_ptr<ScanSource>> entries_;  // never changed once in
  std::deque<uint32_t> order_;                                         // oldest first
  size_t bytes_ = 0;
};

}  // namespace provcheck::scan

#endif  // PROVCHECK_SRC_SCAN_SOURCE_CACHE_H_
