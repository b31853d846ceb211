#include "text/synonyms.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "text/synonym_memo.h"

namespace provcheck::text {
namespace {

std::vector<uint32_t> Of(std::string_view word) {
  std::vector<uint32_t> ids;
  Synonyms::Builtin().Lookup(word, &ids);
  return ids;
}

bool ShareASynset(std::string_view a, std::string_view b) {
  std::vector<uint32_t> x = Of(a), y = Of(b);
  return std::any_of(x.begin(), x.end(),
                     [&y](uint32_t id) { return std::find(y.begin(), y.end(), id) != y.end(); });
}

TEST(Synonyms, TheTableIsLinkedIn) { EXPECT_GT(Synonyms::Builtin().words(), 50000u); }

TEST(Synonyms, WordsOfOneSenseShareASynset) {
  EXPECT_TRUE(ShareASynset("scroll", "coil"));
  EXPECT_TRUE(ShareASynset("buy", "purchase"));
  EXPECT_TRUE(ShareASynset("big", "large"));
  EXPECT_TRUE(ShareASynset("car", "automobile"));
  EXPECT_FALSE(ShareASynset("car", "river"));
}

TEST(Synonyms, InflectedFormsFindTheirBaseForm) {
  EXPECT_EQ(Of("designs"), Of("design"));   // suffix rule
  EXPECT_TRUE(ShareASynset("went", "go"));  // WordNet's irregular forms
  EXPECT_TRUE(ShareASynset("studies", "survey"));
}

TEST(Synonyms, UnknownWordsHaveNone) {
  EXPECT_TRUE(Of("provcheckish").empty());
  EXPECT_TRUE(Of("").empty());
  EXPECT_TRUE(Of("2026").empty());
}

TEST(Synonyms, EachIdOnceCommonestSenseFirst) {
  std::vector<uint32_t> ids = Of("light");
  std::vector<uint32_t> unique = ids;
  std::sort(unique.begin(), unique.end());
  EXPECT_EQ(std::unique(unique.begin(), unique.end()), unique.end());
  std::vector<uint32_t> appended = {ids[0]};
  Synonyms::Builtin().Lookup("light", &appended);  // not added twice
  EXPECT_EQ(appended.size(), ids.size());
}

TEST(SynonymMemo, AnswersAsTheTableDoes) {
  const std::vector<std::string> words = {"buy", "designs", "went",   "provcheckish",
                                          "buy", "light",   "2026",   "designs",
                                          "",    "light",   "studies"};
  SynonymMemo memo;
  std::vector<uint32_t> got = {99};  // replaced, not appended to
  for (int round = 0; round < 2; ++round) {
    for (const std::string& w : words) {
      memo.Lookup(w, &got);
      EXPECT_EQ(got, Of(w)) << w;
    }
  }
  EXPECT_EQ(memo.words(), 8u);  // each distinct word looked up once
}

TEST(SynonymMemo, StaysWithinItsBoundAndStillAnswers) {
  SynonymMemo memo(Synonyms::Builtin(), /*max_words=*/3);
  std::vector<uint32_t> got;
  for (const char* w : {"buy", "car", "river", "light", "large", "buy", "go"}) {
    memo.Lookup(w, &got);
    EXPECT_EQ(got, Of(w)) << w;
    EXPECT_LE(memo.words(), 3u);
  }
}

}  // namespace
}  // namespace provcheck::text
