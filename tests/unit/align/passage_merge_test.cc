#include "align/passage_merge.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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
  auto merged = MergePassages({Piece(10, 40, 10, 40, 1.0, true)},
                              {Piece(0, 80, 0, 80, 0.45, false)});
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
  auto merged = MergePassages({Piece(10, 25, 10, 25, 1.0, true)},
                              {Piece(0, 40, 0, 200, 0.3, false)});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].source_end, 200u);
}

}  // namespace
}  // namespace provcheck::align
