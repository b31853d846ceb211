#include "align/passage_refiner.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "support/naive_lcs.h"

namespace provcheck::align {
namespace {

TEST(CommonSubsequence, MatchesTheNaiveDynamicProgramme) {
  std::mt19937 rng(15);
  for (int round = 0; round < 300; ++round) {
    // Lengths across the 64-bit word boundaries, few distinct words.
    std::vector<uint64_t> a(rng() % 200), b(rng() % 200);
    const uint32_t alphabet = 1 + rng() % 6;
    for (uint64_t& w : a) w = rng() % alphabet;
    for (uint64_t& w : b) w = rng() % alphabet;
    ASSERT_EQ(CommonSubsequence(a, b), testing::NaiveCommonSubsequence(a, b))
        << a.size() << " x " << b.size();
  }
}

TEST(Issue15, SimilarityIsOneOnlyForIdenticalWords) {
  std::vector<uint64_t> words(300);
  for (size_t i = 0; i < words.size(); ++i) words[i] = i;
  uint32_t common = 0;
  EXPECT_EQ(PassageSimilarity(words, words, &common), 1.0);
  EXPECT_EQ(common, 300u);
  std::vector<uint64_t> edited = words;
  edited[150] = 100000;  // one word replaced in 300: 0.9967 would round to 1.00
  EXPECT_EQ(PassageSimilarity(words, edited, &common), 0.99);
  EXPECT_EQ(common, 299u);
  std::vector<uint64_t> half(words.begin(), words.begin() + 150);
  EXPECT_NEAR(PassageSimilarity(half, words, &common), 2.0 * 150 / 450, 1e-12);
}

// A text whose words are the given numbers; every word a content word; one
// sentence per `sentence_words` words.
fingerprint::AnalysedText Text(const std::vector<uint64_t>& words, uint32_t sentence_words = 0) {
  fingerprint::AnalysedText t;
  t.word_hashes = words;
  for (uint64_t w : words) t.stems.push_back(static_cast<uint32_t>(w));
  for (uint32_t i = 0; i < words.size(); i += sentence_words ? sentence_words : 1000000) {
    t.sentence_starts.push_back(i);
  }
  return t;
}

std::vector<uint64_t> Words(uint64_t from, size_t n) {
  std::vector<uint64_t> v;
  for (size_t i = 0; i < n; ++i) v.push_back(from + i);
  return v;
}

TEST(Issue15, InsertedSentenceBetweenCopiedRunsSplitsThePassage) {
  // Source: 30 words, then 30 more. Draft: the first 30, six of its own,
  // the next 30.
  std::vector<uint64_t> source = Words(1, 60);
  std::vector<uint64_t> draft = Words(1, 30);
  for (uint64_t w : Words(900, 6)) draft.push_back(w);
  for (uint64_t w : Words(31, 30)) draft.push_back(w);
  Passage chained;  // as the exact stage chains them (a gap of 6 words)
  chained.draft_begin = 0, chained.draft_end = 66, chained.source_begin = 0,
  chained.source_end = 60;
  chained.blocks = {{0, 30, 0, 30}, {36, 66, 30, 60}};
  // One text of one sentence: words inserted inside a sentence are wording.
  EXPECT_EQ(RefinePassages(Text(draft), Text(source), {chained}, RefineOptions{}).size(), 1u);
  // Sentences of 6 words: the inserted words are a sentence of their own.
  auto pieces = RefinePassages(Text(draft, 6), Text(source, 6), {chained}, RefineOptions{});
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].draft_begin, 0u);
  EXPECT_EQ(pieces[0].draft_end, 30u);
  EXPECT_EQ(pieces[1].draft_begin, 36u);
  EXPECT_EQ(pieces[1].draft_end, 66u);
  EXPECT_EQ(pieces[1].source_begin, 30u);
  EXPECT_EQ(pieces[0].similarity, 1.0);
  EXPECT_EQ(pieces[1].similarity, 1.0);
}

TEST(Issue15, ReplacedWordsKeepOnePassage) {
  // Two words replaced (a gap of two on both sides): one passage, not identical.
  std::vector<uint64_t> source = Words(1, 60);
  std::vector<uint64_t> draft = source;
  draft[30] = 901, draft[31] = 902;
  Passage chained;
  chained.draft_begin = 0, chained.draft_end = 60, chained.source_begin = 0,
  chained.source_end = 60;
  chained.blocks = {{0, 30, 0, 30}, {32, 60, 32, 60}};
  auto pieces = RefinePassages(Text(draft), Text(source), {chained}, RefineOptions{});
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0].draft_words(), 60u);
  EXPECT_DOUBLE_EQ(pieces[0].similarity, 2.0 * 58 / 120);
}

TEST(Issue15, OwnSentenceInPlaceOfAnUnrelatedSourceSentenceSplits) {
  // The draft leaves out source words 30-49 and writes 6 words of its own.
  std::vector<uint64_t> source = Words(1, 80);
  std::vector<uint64_t> draft = Words(1, 30);
  for (uint64_t w : Words(900, 6)) draft.push_back(w);
  for (uint64_t w : Words(51, 30)) draft.push_back(w);
  Passage chained;
  chained.draft_begin = 0, chained.draft_end = 66, chained.source_begin = 0,
  chained.source_end = 80;
  chained.blocks = {{0, 30, 0, 30}, {36, 66, 50, 80}};
  // Sentences of 6 words: the draft's own words are a sentence of their own.
  auto pieces = RefinePassages(Text(draft, 6), Text(source, 6), {chained}, RefineOptions{});
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[0].draft_end, 30u);
  EXPECT_EQ(pieces[1].draft_begin, 36u);
}

TEST(Issue15, FragmentEdgeSnapsToTheFirstAndLastIdenticalWord) {
  // A seeded sentence pair of 40 words, 30 of them one identical block: the
  // passage is the block, not the sentence.
  std::vector<uint64_t> source = Words(1, 60);
  std::vector<uint64_t> draft = Words(500, 5);
  for (uint64_t w : Words(11, 30)) draft.push_back(w);
  for (uint64_t w : Words(600, 5)) draft.push_back(w);
  Passage merged;
  merged.draft_begin = 0, merged.draft_end = 40, merged.source_begin = 5, merged.source_end = 45;
  merged.blocks = {{5, 35, 10, 40}};
  merged.sentences = {{0, 40, 5, 45}};
  auto pieces = RefinePassages(Text(draft), Text(source), {merged}, RefineOptions{});
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0].draft_begin, 5u);
  EXPECT_EQ(pieces[0].draft_end, 35u);
  EXPECT_EQ(pieces[0].source_begin, 10u);
  EXPECT_EQ(pieces[0].source_end, 40u);
  EXPECT_EQ(pieces[0].similarity, 1.0);
}

}  // namespace
}  // namespace provcheck::align
