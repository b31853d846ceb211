#include "fingerprint/winnow.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "support/naive_winnow.h"

namespace provcheck::fingerprint {
namespace {

std::vector<uint64_t> RandomHashes(std::mt19937_64& rng, size_t n, uint64_t range) {
  std::vector<uint64_t> h(n);
  for (auto& x : h) x = rng() % range;
  return h;
}

TEST(Winnow, AgreesWithNaiveDefinition) {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 2000; ++trial) {
    size_t n = rng() % 60;
    uint32_t w = 1 + rng() % 10;
    // A small range forces many ties, where "rightmost minimum" matters.
    auto h = RandomHashes(rng, n, trial % 2 ? 5 : 1000000);
    auto fast = Winnow(h, w);
    auto slow = testing::NaiveWinnow(h, w);
    ASSERT_EQ(fast.size(), slow.size()) << "trial " << trial;
    for (size_t i = 0; i < fast.size(); ++i) {
      EXPECT_EQ(fast[i].position, slow[i].position);
      EXPECT_EQ(fast[i].hash, slow[i].hash);
    }
  }
}

TEST(Winnow, EveryWindowHoldsASelectedFingerprint) {
  std::mt19937_64 rng(7);
  auto h = RandomHashes(rng, 5000, ~0ULL);
  const uint32_t w = 6;
  auto fps = Winnow(h, w);
  std::set<uint32_t> chosen;
  for (const auto& f : fps) chosen.insert(f.position);
  for (size_t s = 0; s + w <= h.size(); ++s) {
    auto it = chosen.lower_bound(static_cast<uint32_t>(s));
    ASSERT_TRUE(it != chosen.end() && *it < s + w) << "window at " << s;
  }
}

TEST(Winnow, SharedRunOfGuaranteeLengthSharesAFingerprint) {
  // Two texts that share w consecutive shingles (k + w - 1 words) always
  // share a selected fingerprint, whatever surrounds the shared run.
  std::mt19937_64 rng(3);
  const uint32_t w = 6;
  for (int trial = 0; trial < 500; ++trial) {
    auto shared = RandomHashes(rng, w, ~0ULL);
    auto a = RandomHashes(rng, rng() % 40, ~0ULL);
    auto b = RandomHashes(rng, rng() % 40, ~0ULL);
    a.insert(a.end(), shared.begin(), shared.end());
    b.insert(b.begin() + static_cast<long>(b.size() / 2), shared.begin(), shared.end());
    auto tail = RandomHashes(rng, rng() % 40, ~0ULL);
    a.insert(a.end(), tail.begin(), tail.end());
    std::set<uint64_t> fa, fb;
    for (const auto& f : Winnow(a, w)) fa.insert(f.hash);
    for (const auto& f : Winnow(b, w)) fb.insert(f.hash);
    bool common = false;
    for (uint64_t x : fa) common |= fb.count(x) > 0;
    ASSERT_TRUE(common) << "trial " << trial;
  }
}

TEST(Winnow, ShortInputYieldsItsMinimum) {
  auto fps = Winnow(std::vector<uint64_t>{9, 4, 7}, 6);
  ASSERT_EQ(fps.size(), 1u);
  EXPECT_EQ(fps[0].hash, 4u);
  EXPECT_EQ(fps[0].position, 1u);
}

TEST(Winnow, EmptyInputYieldsNothing) { EXPECT_TRUE(Winnow({}, 4).empty()); }

}  // namespace
}  // namespace provcheck::fingerprint
