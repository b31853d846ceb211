// A slow, obviously correct longest common subsequence (the textbook
// dynamic programme), for differential tests of align/passage_refiner.cc.
#ifndef PROVCHECK_TESTS_SUPPORT_NAIVE_LCS_H_
#define PROVCHECK_TESTS_SUPPORT_NAIVE_LCS_H_

#include <algorithm>
#include <cstdint>
#include <vector>

namespace provcheck::testing {

inline uint32_t NaiveCommonSubsequence(const std::vector<uint64_t>& a,
                                       const std::vector<uint64_t>& b) {
  std::vector<std::vector<uint32_t>> t(a.size() + 1, std::vector<uint32_t>(b.size() + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
    }
  }
  return t[a.size()][b.size()];
}

}  // namespace provcheck::testing

#endif  // PROVCHECK_TESTS_SUPPORT_NAIVE_LCS_H_
