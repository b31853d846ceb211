#include "fingerprint/shingle.h"

#include <gtest/gtest.h>

#include "fingerprint/analysis.h"

namespace provcheck::fingerprint {
namespace {

TEST(Shingle, CountIsWordsMinusKPlusOne) {
  std::vector<uint64_t> words = {1, 2, 3, 4, 5, 6, 7};
  EXPECT_EQ(HashShingles(words, 5).size(), 3u);
  EXPECT_EQ(HashShingles(words, 7).size(), 1u);
  EXPECT_TRUE(HashShingles(words, 8).empty());
}

TEST(Shingle, SameWordsGiveSameHashWherever) {
  std::vector<uint64_t> a = {9, 1, 2, 3, 4, 5};
  std::vector<uint64_t> b = {1, 2, 3, 4, 5, 8, 8};
  EXPECT_EQ(HashShingles(a, 5)[1], HashShingles(b, 5)[0]);
}

TEST(Shingle, WordOrderMatters) {
  std::vector<uint64_t> a = {1, 2, 3};
  std::vector<uint64_t> b = {3, 2, 1};
  EXPECT_NE(HashShingles(a, 3)[0], HashShingles(b, 3)[0]);
}

TEST(Shingle, HashWordsHashesNormalisedForms) {
  text::TokenList t;
  t.norm = "catdogcat";
  t.tokens = {{0, 3, 0, 3}, {4, 7, 3, 3}, {8, 11, 6, 3}};
  auto h = HashWords(t);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0], h[2]);
  EXPECT_NE(h[0], h[1]);
}

// Stems only (0: a function word): what StemShingles reads.
AnalysedText Stems(std::vector<uint32_t> stems) {
  AnalysedText t;
  t.stems = std::move(stems);
  return t;
}

TEST(StemShingle, RunsOfContentStemsInAnyOrder) {
  FingerprintSettings settings;
  settings.stem_shingle_words = 3;
  // "council budget new" and "new budget (of the) council": function words
  // skipped, order ignored.
  auto a = StemShingles(Stems({11, 12, 13}), settings);
  auto b = StemShingles(Stems({13, 12, 0, 0, 11}), settings);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].hash, b[0].hash);
  EXPECT_EQ(b[0].position, 0u);  // the token of its first stem
  // Different stems, different hash; and never a word shingle's hash.
  auto c = StemShingles(Stems({11, 12, 14}), settings);
  EXPECT_NE(a[0].hash, c[0].hash);
  std::vector<uint64_t> words = {11, 12, 13};
  EXPECT_NE(a[0].hash, HashShingles(words, 3)[0]);
}

}  // namespace
}  // namespace provcheck::fingerprint
