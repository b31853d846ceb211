// Winnowing (Schleimer, Wilkerson, Aiken, "Winnowing: local algorithms for
// document fingerprinting", SIGMOD 2003).
//
// In every window of w consecutive shingle hashes the minimum is selected
// (the rightmost on ties), and each selection is recorded once. So any run of
// shingles at least w long shares a selected fingerprint with every other
// text containing it: a shared run of k + w - 1 words is always found.
//
// Thread-safety: pure function.
#ifndef PROVCHECK_SRC_FINGERPRINT_WINNOW_H_
#define PROVCHECK_SRC_FINGERPRINT_WINNOW_H_

#include <cstdint>
#include <span>
#include <vector>

namespace provcheck::fingerprint {

struct Fingerprint {
  uint64_t hash;
  uint32_t position;  // index of the shingle (= of its first word)
};

// Returns the winnowed fingerprints of `shingles`, in position order.
// Fewer shingles than `window`: the minimum of all of them.
// REQUIRES: window >= 1.
std::vector<Fingerprint> Winnow(std::span<const uint64_t> shingles, uint32_t window);

}  // namespace provcheck::fingerprint

#endif  // PROVCHECK_SRC_FINGERPRINT_WINNOW_H_
