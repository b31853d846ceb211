#include "fingerprint/shingle.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace provcheck::fingerprint
