#include "fingerprint/winnow.h"

#include <cassert>
#include <deque>

namespace provcheck::fingerprint {

std::vector<Fingerprint> Winnow(std::span<const uint64_t> shingles, uint32_t window) {
  assert(window >= 1);
  std::vector<Fingerprint> out;
  const size_t n = shingles.size();
  if (n == 0) return out;
  const size_t w = window;
  // Monotonic deque of positions whose hashes increase strictly from front to
  // back; the front is the rightmost minimum of the current window.
  std::deque<uint32_t> candidates;
  int64_t last_recorded = -1;
  for (size_t i = 0; i < n; ++i) {
    while (!candidates.empty() && shingles[candidates.back()] >= shingles[i]) {
      candidates.pop_back();  // >=: ties go to the rightmost
    }
    candidates.push_back(static_cast<uint32_t>(i));
    if (i + 1 < w && i + 1 < n) continue;  // first window not complete yet
    while (candidates.front() + w <= i) candidates.pop_front();
    uint32_t best = candidates.front();
    if (static_cast<int64_t>(best) != last_recorded) {
      out.push_back({shingles[best], best});
      last_recorded = best;
    }
  }
  return out;
}

}  // namespace provcheck::fingerprint
