// SortByUniformKey: std::sort's order for every size, for uniform keys,
// for keys that collide in their top bits (which must not go quadratic),
// and for (hash, position) pairs whose equal hashes keep position order.
#include "base/uniform_sort.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <random>
#include <utility>
#include <vector>

namespace provcheck::base {
namespace {

using Entry = std::pair<uint64_t, uint32_t>;

void ExpectSortedLikeStdSort(std::vector<Entry> v) {
  std::vector<Entry> expected = v;
  std::sort(expected.begin(), expected.end());
  SortByUniformKey(v, [](const Entry& e) { return e.first; }, std::less<Entry>());
  EXPECT_EQ(v, expected);
}

TEST(SortByUniformKey, SortsUniformKeysOfEverySizeLikeStdSort) {
  std::mt19937_64 rng(7);
  for (size_t n : {0, 1, 2, 63, 64, 65, 1000, 4096, 70000}) {
    std::vector<Entry> v;
    for (uint32_t i = 0; i < n; ++i) v.emplace_back(rng(), i);
    ExpectSortedLikeStdSort(v);
  }
}

TEST(SortByUniformKey, EqualKeysEndInPositionOrder) {
  std::mt19937_64 rng(8);
  std::vector<Entry> v;
  for (uint32_t i = 0; i < 5000; ++i) v.emplace_back(rng() % 40, i);  // many repeats
  ExpectSortedLikeStdSort(v);
}

TEST(SortByUniformKey, KeysCollidingInTheirTopBitsAreStillSorted) {
  // Every key in one slot: the slot is std::sorted, not insertion-sorted.
  std::mt19937_64 rng(9);
  std::vector<Entry> v;
  for (uint32_t i = 0; i < 200000; ++i) v.emplace_back((uint64_t{1} << 63) | (rng() >> 20), i);
  ExpectSortedLikeStdSort(v);
  // Small keys (32-bit hashes in a 64-bit field) spread by their own width.
  std::vector<Entry> narrow;
  for (uint32_t i = 0; i < 3000; ++i) narrow.emplace_back(rng() >> 32, i);
  ExpectSortedLikeStdSort(narrow);
}

TEST(SortByUniformKey, SortsPlainHashes) {
  std::mt19937_64 rng(10);
  std::vector<uint64_t> v(3000);
  for (uint64_t& h : v) h = rng();
  std::vector<uint64_t> expected = v;
  std::sort(expected.begin(), expected.end());
  SortByUniformKey(v, [](uint64_t h) { return h; }, std::less<uint64_t>());
  EXPECT_EQ(v, expected);
}

}  // namespace
}  // namespace provcheck::base
