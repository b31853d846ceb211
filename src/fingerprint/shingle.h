// Word shingles hashed with XXH3-64.
//
// Owns: the hash of each normalised word and of each run of k consecutive
// words. Knows nothing of where tokens came from or of the index.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_FINGERPRINT_SHINGLE_H_
#define PROVCHECK_SRC_FINGERPRINT_SHINGLE_H_

#include <cstdint>
#include <span>
#include <vector>

#include "text/normalise.h"

namespace provcheck::fingerprint {

// Settings that an index records so a scan always uses the index's own.
struct FingerprintSettings {
  uint32_t shingle_words = 5;  // k
  uint32_t window = 6;         // w: winnowing window, in shingles
  // A hash with more postings than this is boilerplate and is skipped at
  // scan time (also skipped: hashes found in more than 5% of documents, once
  // there are 100 documents or more).
  uint32_t max_postings = 256;
  // Stem shingles: runs of this many content-word stems (function words
  // skipped), as sets (in any order), winnowed with their own window. They
  // find reworded reuse that shares no run of k identical words. 0: none.
  uint32_t stem_shingle_words = 3;
  // Denser than word shingles (window 6): a round-trip translation keeps few
  // runs of three content words, and every one the index drops is a
  // translated source the scan may not find (see bench/README.md).
  uint32_t stem_window = 4;

  // Any shared run of at least this many words is found (Schleimer et al.).
  uint32_t GuaranteeWords() const { return shingle_words + window - 1; }
};

// XXH3-64 of each normalised word of `tokens`.
std::vector<uint64_t> HashWords(const text::TokenList& tokens);

// The hash of each run of `k` consecutive word hashes: size n - k + 1, or
// empty when there are fewer than k words. REQUIRES: k >= 1.
std::vector<uint64_t> HashShingles(std::span<const uint64_t> word_hashes, uint32_t k);

}  // namespace provcheck::fingerprint

#endif  // PROVCHECK_SRC_FINGERPRINT_SHINGLE_H_
