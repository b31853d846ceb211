#include "align/passage_merge.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "support/growth.h"

namespace provcheck::align {
namespace {

// Issue #3: the similarity stage's acceptance tests (merging).

Passage Piece(uint32_t d0, uint32_t d1, uint32_t s0, uint32_t s1, double similarity, bool exact) {
  Passage p;
  p.draft_begin = d0, p.draft_end = d1, p.source_begin = s0, p.source_end = s1;
  p.similarity = similarity;
  if (exact) p.blocks.push_back({d0, d1, s0, s1}), p.matched_words = d1 - d0;
  return p;
}

TEST(MergePassages, FragmentBesideVerbatimCopyNeedsStricterSimilarity) {
  auto merged =
      MergePassages({Piece(10, 40, 10, 40, 1.0, true)}, {Piece(0, 80, 0, 80, 0.45, false)});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].draft_begin, 10u);
  EXPECT_EQ(merged[0].draft_end, 40u);
  merged = MergePassages({Piece(10, 40, 10, 40, 1.0, true)}, {Piece(0, 80, 0, 80, 0.6, false)});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].draft_begin, 0u);
  EXPECT_EQ(merged[0].draft_end, 80u);
}

TEST(Issue15, FragmentNearAVerbatimCopyNeedsStricterSimilarity) {
  // A fragment 60 draft words after a verbatim copy: the stricter bar; 200
  // words after it: its own.
  const Passage copy = Piece(10, 40, 10, 40, 1.0, true);
  EXPECT_EQ(MergePassages({copy}, {Piece(100, 160, 300, 360, 0.45, false)}).size(), 1u);
  EXPECT_EQ(MergePassages({copy}, {Piece(100, 160, 300, 360, 0.55, false)}).size(), 2u);
  EXPECT_EQ(MergePassages({copy}, {Piece(240, 300, 300, 360, 0.45, false)}).size(), 2u);
}

TEST(MergePassages, SummaryShapedFragmentKeepsItsOwnBar) {
  auto merged =
      MergePassages({Piece(10, 25, 10, 25, 1.0, true)}, {Piece(0, 40, 0, 200, 0.3, false)});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].source_end, 200u);
}

// Issue 16: each fragment was compared with every verbatim passage of the
// draft (100,000 of each took 12 s). Four times the passages now cost about
// four times the time (16 before).
TEST(Issue16, MergingManyPassagesIsLinear) {
  auto merge = [](size_t n) {
    std::vector<Passage> exact, similar;
    for (uint32_t i = 0; i < n; ++i) {
      exact.push_back(Piece(i * 100 + 10, i * 100 + 40, 10, 40, 1.0, true));
      similar.push_back(Piece(i * 100, i * 100 + 80, 0, 80, i % 2 ? 0.6 : 0.45, false));
    }
    const auto start = std::chrono::steady_clock::now();
    const std::vector<Passage> merged = MergePassages(std::move(exact), std::move(similar));
    const double seconds = testing::SecondsSince(start);
    // As for one pair (FragmentBesideVerbatimCopyNeedsStricterSimilarity):
    // the 0.6 fragments swallow their copy, the 0.45 ones give way to it.
    EXPECT_EQ(merged.size(), n);
    EXPECT_EQ(merged[0].draft_begin, 10u);
    EXPECT_EQ(merged[1].draft_begin, 100u);
    EXPECT_EQ(merged[1].draft_end, 180u);
    return seconds;
  };
  EXPECT_LT(testing::GrowthRatio(merge, 25000, 100000, 2), 8.0);
}

}  // namespace
}  // namespace provcheck::align
