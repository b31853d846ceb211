// Candidate selection: which corpus documents a draft is aligned with.
// Every word and stem shingle of the draft is looked up in the index in one
// call; documents sharing word shingles are ranked by their hits, documents
// sharing only stem shingles (reworded or translated reuse) by how rare the
// shared shingles are, and get places of their own.
//
// Thread-safety: uses the Index, which is not thread-safe; call from the
// thread that owns it.
#ifndef PROVCHECK_SRC_SCAN_CANDIDATE_SELECTOR_H_
#define PROVCHECK_SRC_SCAN_CANDIDATE_SELECTOR_H_

#include <cstdint>
#include <vector>

#include "fingerprint/analysis.h"
#include "provcheck/index.h"
#include "provcheck/result.h"

namespace provcheck::scan {

struct CandidateLimits {
  uint32_t max_candidates = 50;       // documents sharing word shingles
  uint32_t max_stem_candidates = 24;  // documents sharing only stem shingles
};

// The fingerprint settings an index was built with (a scan always uses the
// index's own settings).
fingerprint::FingerprintSettings SettingsOf(const Index& index);

// The documents (index numbers) to align `draft` with, best first and
// repeatable (ties by document number). Index failures pass through.
// REQUIRES: `draft` was analysed with SettingsOf(*index).
Result<std::vector<uint32_t>> SelectCandidates(Index* index, const fingerprint::AnalysedText& draft,
                                               const CandidateLimits& limits);

}  // namespace provcheck::scan

#endif  // PROVCHECK_SRC_SCAN_CANDIDATE_SELECTOR_H_
