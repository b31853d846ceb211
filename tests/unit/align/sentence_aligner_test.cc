#include "align/sentence_aligner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace provcheck::align {
namespace {

// Aligns two texts with profiles made for them (the source's without
// synsets: Align adds them).
std::vector<Passage> AlignTexts(const SentenceAligner& aligner,
                                const fingerprint::AnalysedText& draft,
                                const fingerprint::AnalysedText& source) {
  SentenceProfile source_profile = aligner.Profile(source, /*with_synsets=*/false);
  return aligner.Align(draft, aligner.Profile(draft), source, &source_profile);
}

// Sentences of content stems; each inner vector is one sentence.
fingerprint::AnalysedText Sentences(const std::vector<std::vector<uint32_t>>& sentences) {
  fingerprint::AnalysedText t;
  for (const auto& s : sentences) {
    t.sentence_starts.push_back(static_cast<uint32_t>(t.stems.size()));
    t.stems.insert(t.stems.end(), s.begin(), s.end());
  }
  return t;
}

TEST(SentenceAligner, FragmentNeedsManySharedStems) {
  // Three copied sentences of 6 stems (18 distinct shared stems) among
  // unrelated ones.
  std::vector<std::vector<uint32_t>> copied = {
      {1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12}, {13, 14, 15, 16, 17, 18}};
  auto draft = Sentences({{101, 102, 103}, copied[0], copied[1], copied[2], {104, 105, 106}});
  auto source = Sentences({{201, 202, 203}, {204, 205, 206}, copied[0], copied[1], copied[2]});
  SentenceAlignerOptions o;
  o.min_fragment_words = 10;
  o.min_shared_stems = 18;
  ASSERT_EQ(AlignTexts(SentenceAligner(o), draft, source).size(), 1u);
  o.min_shared_stems = 19;
  EXPECT_TRUE(AlignTexts(SentenceAligner(o), draft, source).empty());
}

TEST(SentenceAligner, NeighbourOfASeedSeedsUnderLooserThresholds) {
  // The middle sentence keeps 2 of its 6 stems: too few to seed alone.
  auto draft =
      Sentences({{1, 2, 3, 4, 5, 6}, {7, 8, 301, 302, 303, 304}, {13, 14, 15, 16, 17, 18}});
  auto source = Sentences({{201, 202, 203},
                           {1, 2, 3, 4, 5, 6},
                           {7, 8, 9, 10, 11, 12},
                           {13, 14, 15, 16, 17, 18},
                           {204, 205, 206}});
  SentenceAlignerOptions o;
  o.min_fragment_words = 10;
  o.min_shared_stems = 0;
  o.max_gap_sentences = 1;  // a sentence without a seed splits the fragment
  o.max_source_gap_sentences = 1;
  o.min_single_seed_words = 0;
  o.min_neighbour_cosine = o.min_neighbour_dice = 0.15;
  o.neighbour_sentences = 0;
  EXPECT_TRUE(AlignTexts(SentenceAligner(o), draft, source).empty());
  o.neighbour_sentences = 1;
  auto passages = AlignTexts(SentenceAligner(o), draft, source);
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].draft_begin, 0u);
  EXPECT_EQ(passages[0].draft_end, 18u);
}

TEST(SentenceAligner, SummaryOfMostOfTheSourceTakesTheWholeSource) {
  // Twelve source sentences; the draft condenses sentences 1, 6 and 11 (five
  // stems of each, plus a word of its own).
  std::vector<std::vector<uint32_t>> source_sentences;
  for (uint32_t s = 0; s < 12; ++s) {
    std::vector<uint32_t> sentence;
    for (uint32_t w = 0; w < 6; ++w) sentence.push_back(1 + s * 6 + w);
    source_sentences.push_back(sentence);
  }
  auto source = Sentences(source_sentences);
  auto draft = Sentences({{401, 402, 403},
                          {7, 8, 9, 10, 11, 501},
                          {37, 38, 39, 40, 41, 502},
                          {67, 68, 69, 70, 71, 503},
                          {404, 405, 406}});
  SentenceAlignerOptions o;
  o.min_fragment_words = 10;
  o.whole_source_share = 2;  // off: the source part runs from sentence 1 to 11
  auto passages = AlignTexts(SentenceAligner(o), draft, source);
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].draft_begin, 3u);
  EXPECT_EQ(passages[0].draft_end, 21u);
  EXPECT_EQ(passages[0].source_begin, 6u);
  EXPECT_EQ(passages[0].source_end, 72u);
  o.whole_source_share = 0.5;  // 66 of 72 source words: the whole source was summarised
  passages = AlignTexts(SentenceAligner(o), draft, source);
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].source_begin, 0u);
  EXPECT_EQ(passages[0].source_end, 72u);
  // A summary of the last third only keeps its own source part.
  draft = Sentences(
      {{401, 402, 403}, {49, 50, 51, 52, 53, 501}, {61, 62, 63, 64, 65, 502}, {404, 405, 406}});
  o.min_summary_ratio = 1.5;
  passages = AlignTexts(SentenceAligner(o), draft, source);
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].source_begin, 48u);
  EXPECT_EQ(passages[0].source_end, 66u);
}

// Real words, for the synonym tests (the similarity stage looks synonyms up
// by each stem's word): sentences end at '.', and a word's "stem" is a hash
// of the word itself.
fingerprint::AnalysedText WordsText(const char* text) {
  fingerprint::AnalysedText t;
  text::TokenList tokens;
  std::string norm;
  std::vector<std::string> words;
  for (const char* p = text; *p;) {
    while (*p == ' ') ++p;
    const char* q = p;
    while (*q && *q != ' ' && *q != '.') ++q;
    if (q > p) words.emplace_back(p, q);
    if (*q == '.') {
      words.emplace_back(".");
      ++q;
    }
    p = q;
  }
  uint32_t stem = 1;
  t.sentence_starts.push_back(0);
  for (const std::string& w : words) {
    if (w == ".") {
      t.sentence_starts.push_back(static_cast<uint32_t>(t.stems.size()));
      continue;
    }
    const uint32_t start = static_cast<uint32_t>(norm.size());
    norm += w;
    t.tokens.tokens.push_back(
        {start, start + static_cast<uint32_t>(w.size()), start, static_cast<uint32_t>(w.size())});
    uint32_t h = 2166136261u;
    for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    t.stems.push_back(h | 1);
    (void)stem;
  }
  t.sentence_starts.pop_back();
  t.tokens.norm = norm;
  return t;
}

// A source and a draft copying its first two sentences with a word or two
// swapped for synonyms ("scroll"/"coil", "flame"/"blaze", "automobile"/"car").
constexpr const char* kScrollSource =
    "scroll down to see the flame designs of the master. the automobile stood near the "
    "river bank all winter. unrelated words about weather follow here.";
constexpr const char* kCoilDraft =
    "coil down to see the blaze designs of the master. the car stood near the river bank "
    "all winter. nothing else matches in this sentence today.";

// Short sentences, every word counted, seeds at `seed` cosine and Dice.
SentenceAlignerOptions SynonymTestOptions(double seed) {
  SentenceAlignerOptions o;
  o.min_fragment_words = 10;
  o.min_shared_stems = 0;
  o.min_seed_cosine = o.min_seed_dice = seed;
  o.neighbour_sentences = 0;
  return o;
}

TEST(SentenceAligner, SynonymsCountAsTheSameWord) {
  auto source = WordsText(kScrollSource);
  auto draft = WordsText(kCoilDraft);
  SentenceAlignerOptions o = SynonymTestOptions(0.6);
  o.synonyms = false;
  EXPECT_TRUE(AlignTexts(SentenceAligner(o), draft, source).empty());
  o.synonyms = true;
  auto passages = AlignTexts(SentenceAligner(o), draft, source);
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].draft_begin, 0u);
  EXPECT_EQ(passages[0].draft_end, 19u);  // the first two sentences
}

TEST(SentenceAligner, SynonymsOnlyExtendAPairThatSharesASeed) {
  // Every sentence differs from its source sentence by a synonym or two, so
  // none seeds without synonyms: the pair is unrelated, and stays so.
  auto source = WordsText(
      "the automobile stood near the river bank all winter long. the master drew flame "
      "designs on paper every single morning.");
  auto draft = WordsText(
      "the car stood near the river bank all winter long. the master drew blaze designs "
      "on paper every single morning.");
  SentenceAlignerOptions o = SynonymTestOptions(0.95);
  SentenceAligner aligner(o);
  EXPECT_FALSE(aligner.Related(aligner.Profile(draft), aligner.Profile(source)));
  EXPECT_TRUE(AlignTexts(aligner, draft, source).empty());
  o.min_seed_cosine = o.min_seed_dice = 0.6;  // the sentences seed as they are
  SentenceAligner looser(o);
  EXPECT_TRUE(looser.Related(looser.Profile(draft), looser.Profile(source)));
  EXPECT_EQ(AlignTexts(looser, draft, source).size(), 1u);
}

TEST(SentenceAligner, SourceSynsetsAreAddedOnlyForARelatedDraft) {
  auto source = WordsText(kScrollSource);
  auto related = WordsText(kCoilDraft);
  auto unrelated = WordsText("a recipe for bread needs flour water salt and yeast. bake it hot.");
  SentenceAlignerOptions o = SynonymTestOptions(0.6);
  SentenceAligner aligner(o);
  SentenceProfile source_profile = aligner.Profile(source, /*with_synsets=*/false);
  ASSERT_TRUE(source_profile.synsets.empty());
  text::SynonymMemo memo;
  EXPECT_TRUE(
      aligner.Align(unrelated, aligner.Profile(unrelated), source, &source_profile, &memo).empty());
  EXPECT_TRUE(source_profile.synsets.empty());  // no lookups for a draft it does not matter to
  auto passages = aligner.Align(related, aligner.Profile(related), source, &source_profile, &memo);
  EXPECT_FALSE(source_profile.synsets.empty());
  EXPECT_EQ(source_profile.synsets, aligner.Profile(source).synsets);
  // The same passages as with a profile made with its synsets.
  SentenceProfile with_synsets = aligner.Profile(source);
  auto expected = aligner.Align(related, aligner.Profile(related), source, &with_synsets);
  ASSERT_EQ(passages.size(), 1u);
  ASSERT_EQ(expected.size(), 1u);
  EXPECT_EQ(passages[0].draft_begin, expected[0].draft_begin);
  EXPECT_EQ(passages[0].draft_end, expected[0].draft_end);
  EXPECT_EQ(passages[0].source_begin, expected[0].source_begin);
  EXPECT_EQ(passages[0].source_end, expected[0].source_end);
  EXPECT_EQ(passages[0].draft_end, 19u);  // synonyms made the second sentence a seed
}

}  // namespace
}  // namespace provcheck::align
