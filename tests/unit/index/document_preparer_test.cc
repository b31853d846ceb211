// SortUniformHashes: the same order as std::sort for every size and
// spread, duplicates included.
#include "index/document_preparer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "index/segment_format.h"

namespace provcheck::index {
namespace {

TEST(SortUniformHashes, SortsLikeStdSort) {
  std::mt19937_64 rng(11);
  for (size_t n : {0, 1, 2, 63, 64, 65, 900, 5000, 100000}) {
    std::vector<uint64_t> v(n);
    for (uint64_t& h : v) h = rng() & kHashMask;
    // Some duplicates and a clustered run, which uniform hashes rarely give.
    for (size_t i = 0; i + 1 < n; i += 7) v[i + 1] = v[i];
    for (size_t i = 0; i < n / 10; ++i) v[i] = 12345 + i % 3;
    std::vector<uint64_t> expected = v;
    std::sort(expected.begin(), expected.end());
    SortUniformHashes(v);
    EXPECT_EQ(v, expected) << n;
  }
}

TEST(SortUniformHashes, StaysInBoundsForWiderValues) {
  std::vector<uint64_t> v;
  for (uint64_t i = 0; i < 200; ++i) v.push_back(~uint64_t{0} - i * 977);
  SortUniformHashes(v);  // out of contract: slower (one bucket), still in bounds and sorted
  EXPECT_EQ(v.size(), 200u);
  EXPECT_TRUE(std::is_sorted(v.begin(), v.end()));
}

}  // namespace
}  // namespace provcheck::index
