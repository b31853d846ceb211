// A slow, obviously correct winnowing, straight from the paper's definition,
// for differential tests of fingerprint/winnow.cc.
#ifndef PROVCHECK_TESTS_SUPPORT_NAIVE_WINNOW_H_
#define PROVCHECK_TESTS_SUPPORT_NAIVE_WINNOW_H_

#include <cstdint>
#include <vector>

#include "fingerprint/winnow.h"

namespace provcheck::testing {

inline std::vector<fingerprint::Fingerprint> NaiveWinnow(const std::vector<uint64_t>& h,
                                                         uint32_t w) {
  std::vector<fingerprint::Fingerprint> out;
  if (h.empty()) return out;
  size_t windows = h.size() >= w ? h.size() - w + 1 : 1;
  size_t width = h.size() >= w ? w : h.size();
  int64_t last = -1;
  for (size_t s = 0; s < windows; ++s) {
    size_t best = s;
    for (size_t i = s; i < s + width; ++i) {
      if (h[i] <= h[best]) best = i;  // rightmost minimum
    }
    if (static_cast<int64_t>(best) != last) {
      out.push_back({h[best], static_cast<uint32_t>(best)});
      last = static_cast<int64_t>(best);
    }
  }
  return out;
}

}  // namespace provcheck::testing

#endif  // PROVCHECK_TESTS_SUPPORT_NAIVE_WINNOW_H_
