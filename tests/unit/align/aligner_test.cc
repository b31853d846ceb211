#include "align/aligner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>

#include "support/growth.h"

namespace provcheck::align {
namespace {

constexpr uint32_t kK = 5;
constexpr uint64_t kFunctionWords = 900000;  // word ids from here on are "the", "in"...

// Words are numbers here: the aligner sees only hashes.
fingerprint::AnalysedText Words(const std::vector<uint64_t>& words) {
  fingerprint::AnalysedText t;
  t.word_hashes = words;
  t.shingles = fingerprint::HashShingles(t.word_hashes, kK);
  // Every word a content word, except those >= kFunctionWords.
  for (uint64_t w : words) t.stems.push_back(w >= kFunctionWords ? 0 : static_cast<uint32_t>(w));
  return t;
}

std::vector<uint64_t> Fresh(uint64_t& next, size_t n) {
  std::vector<uint64_t> v;
  for (size_t i = 0; i < n; ++i) v.push_back(next++);
  return v;
}

void Append(std::vector<uint64_t>& to, const std::vector<uint64_t>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

AlignerOptions Options() {
  AlignerOptions o;
  o.shingle_words = kK;
  return o;
}

TEST(Aligner, FindsVerbatimPassageWithExactBounds) {
  uint64_t next = 1;
  auto copied = Fresh(next, 30);
  std::vector<uint64_t> draft = Fresh(next, 17), source = Fresh(next, 40);
  Append(draft, copied);
  Append(draft, Fresh(next, 9));
  Append(source, copied);
  auto passages = Aligner(Options()).Align(Words(draft), Words(source));
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].draft_begin, 17u);
  EXPECT_EQ(passages[0].draft_end, 47u);
  EXPECT_EQ(passages[0].source_begin, 40u);
  EXPECT_EQ(passages[0].source_end, 70u);
  EXPECT_DOUBLE_EQ(passages[0].similarity, 1.0);
}

TEST(Aligner, LightlyEditedPassageIsReportedOnce) {
  uint64_t next = 1;
  auto copied = Fresh(next, 60);
  auto edited = copied;
  edited[20] = next++;                         // a changed word
  edited.insert(edited.begin() + 40, next++);  // an inserted word
  edited.erase(edited.begin() + 50);           // a deleted word
  std::vector<uint64_t> draft = Fresh(next, 5), source = Fresh(next, 5);
  Append(draft, edited);
  Append(source, copied);
  auto passages = Aligner(Options()).Align(Words(draft), Words(source));
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].draft_begin, 5u);
  EXPECT_EQ(passages[0].draft_end, 5u + edited.size());
  EXPECT_GT(passages[0].similarity, 0.9);
  EXPECT_LT(passages[0].similarity, 1.0);
}

TEST(Aligner, ExtendsToMatchingWordsPastAnEditAtTheEdges) {
  uint64_t next = 1;
  auto copied = Fresh(next, 40);
  auto edited = copied;
  edited[2] = next++;   // "Estate agents [put] the jump ..."
  edited[37] = next++;  // "... has [sped up] the move"
  std::vector<uint64_t> draft = Fresh(next, 6), source = Fresh(next, 6);
  Append(draft, edited);
  Append(source, copied);
  auto passages = Aligner(Options()).Align(Words(draft), Words(source));
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].draft_begin, 6u);
  EXPECT_EQ(passages[0].draft_end, 46u);
  EXPECT_EQ(passages[0].source_begin, 6u);
  EXPECT_EQ(passages[0].source_end, 46u);
  EXPECT_EQ(passages[0].matched_words, 38u);
}

TEST(Aligner, DoesNotExtendOverASingleCommonWord) {
  uint64_t next = 1;
  auto copied = Fresh(next, 20);
  std::vector<uint64_t> draft = Fresh(next, 6), source = Fresh(next, 6);
  Append(draft, copied);
  Append(source, copied);
  draft.push_back(next++);
  draft.push_back(999999);  // "the" after one changed word
  source.push_back(next++);
  source.push_back(999999);
  auto passages = Aligner(Options()).Align(Words(draft), Words(source));
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].draft_end, 26u);
}

TEST(Aligner, DoesNotExtendOverTwoFunctionWords) {
  uint64_t next = 1;
  auto copied = Fresh(next, 20);
  std::vector<uint64_t> draft = Fresh(next, 6), source = Fresh(next, 6);
  Append(draft, copied);
  Append(source, copied);
  for (auto* side : {&draft, &source}) {
    side->push_back(next++);  // a changed word, then "in the"
    side->push_back(kFunctionWords + 1);
    side->push_back(kFunctionWords + 2);
  }
  draft.back() = kFunctionWords + 2;
  auto passages = Aligner(Options()).Align(Words(draft), Words(source));
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].draft_end, 26u);
}

TEST(Aligner, DistantPassagesStaySeparate) {
  uint64_t next = 1;
  auto first = Fresh(next, 20), second = Fresh(next, 20);
  std::vector<uint64_t> draft, source;
  Append(draft, first);
  Append(draft, Fresh(next, 80));
  Append(draft, second);
  Append(source, first);
  Append(source, Fresh(next, 10));
  Append(source, second);
  auto passages = Aligner(Options()).Align(Words(draft), Words(source));
  ASSERT_EQ(passages.size(), 2u);
  EXPECT_EQ(passages[0].draft_begin, 0u);
  EXPECT_EQ(passages[1].draft_begin, 100u);
}

TEST(Aligner, ShortSharedRunIsNotReported) {
  uint64_t next = 1;
  auto shared = Fresh(next, 8);  // under min_passage_words (10)
  std::vector<uint64_t> draft = Fresh(next, 10), source = Fresh(next, 10);
  Append(draft, shared);
  Append(source, shared);
  EXPECT_TRUE(Aligner(Options()).Align(Words(draft), Words(source)).empty());
}

TEST(Aligner, UnrelatedTextsShareNothing) {
  uint64_t next = 1;
  auto draft = Fresh(next, 300), source = Fresh(next, 300);
  EXPECT_TRUE(Aligner(Options()).Align(Words(draft), Words(source)).empty());
}

TEST(Aligner, ReorderedPassagesAreEachFound) {
  uint64_t next = 1;
  auto a = Fresh(next, 25), b = Fresh(next, 25);
  std::vector<uint64_t> draft, source;
  Append(draft, b);
  Append(draft, Fresh(next, 30));
  Append(draft, a);
  Append(source, a);
  Append(source, Fresh(next, 30));
  Append(source, b);
  auto passages = Aligner(Options()).Align(Words(draft), Words(source));
  ASSERT_EQ(passages.size(), 2u);
  EXPECT_EQ(passages[0].source_begin, 55u);
  EXPECT_EQ(passages[1].source_begin, 0u);
}

TEST(Aligner, PassagesNeverOverlapInTheDraft) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    // A tiny vocabulary makes many accidental, overlapping matches.
    std::vector<uint64_t> draft(200), source(200);
    for (auto& w : draft) w = rng() % 3;
    for (auto& w : source) w = rng() % 3;
    auto passages = Aligner(Options()).Align(Words(draft), Words(source));
    for (size_t i = 1; i < passages.size(); ++i) {
      ASSERT_LE(passages[i - 1].draft_end, passages[i].draft_begin);
    }
  }
}

// Issue 16: a draft of many copies of one passage made each block compare
// itself with every chain so far (ChainBlocks): quadratic in the copies
// (100,000 copies took 12 s). Four times the copies now cost about four
// times the time (16 before).
TEST(Issue16, ManyCopiesOfOnePassageAlignInLinearTime) {
  uint64_t next = 1;
  const auto copied = Fresh(next, 16);
  const fingerprint::AnalysedText s = Words(copied);
  auto align = [&](size_t copies) {
    std::vector<uint64_t> draft;
    for (size_t i = 0; i < copies; ++i) {
      Append(draft, copied);
      draft.push_back(next++);  // a word of its own between the copies
    }
    const fingerprint::AnalysedText d = Words(draft);
    const auto start = std::chrono::steady_clock::now();
    const std::vector<Passage> passages = Aligner(Options()).Align(d, s);
    const double seconds = testing::SecondsSince(start);
    EXPECT_EQ(passages.size(), copies);
    for (size_t i = 0; i < passages.size(); i += 997) {
      EXPECT_EQ(passages[i].draft_begin, i * 17);
      EXPECT_EQ(passages[i].draft_end, i * 17 + 16);
    }
    return seconds;
  };
  EXPECT_LT(testing::GrowthRatio(align, 20000, 80000, 2), 8.0);
}

}  // namespace
}  // namespace provcheck::align
