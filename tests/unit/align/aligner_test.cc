#include "align/aligner.h"
#include "align/sentence_aligner.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

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
  edited[20] = next++;                            // a changed word
  edited.insert(edited.begin() + 40, next++);     // an inserted word
  edited.erase(edited.begin() + 50);              // a deleted word
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
    side->push_back(next++);                 // a changed word, then "in the"
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

// Issue #3: the similarity stage's acceptance tests.

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

TEST(MergePassages, SummaryShapedFragmentKeepsItsOwnBar) {
  auto merged = MergePassages({Piece(10, 25, 10, 25, 1.0, true)},
                              {Piece(0, 40, 0, 200, 0.3, false)});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].source_end, 200u);
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
  ASSERT_EQ(SentenceAligner(o).Align(draft, source).size(), 1u);
  o.min_shared_stems = 19;
  EXPECT_TRUE(SentenceAligner(o).Align(draft, source).empty());
}

TEST(SentenceAligner, NeighbourOfASeedSeedsUnderLooserThresholds) {
  // The middle sentence keeps 2 of its 6 stems: too few to seed alone.
  auto draft = Sentences({{1, 2, 3, 4, 5, 6}, {7, 8, 301, 302, 303, 304}, {13, 14, 15, 16, 17, 18}});
  auto source = Sentences({{201, 202, 203}, {1, 2, 3, 4, 5, 6}, {7, 8, 9, 10, 11, 12},
                           {13, 14, 15, 16, 17, 18}, {204, 205, 206}});
  SentenceAlignerOptions o;
  o.min_fragment_words = 10;
  o.min_shared_stems = 0;
  o.max_gap_sentences = 1;  // a sentence without a seed splits the fragment
  o.max_source_gap_sentences = 1;
  o.min_single_seed_words = 0;
  o.min_neighbour_cosine = o.min_neighbour_dice = 0.15;
  o.neighbour_sentences = 0;
  EXPECT_TRUE(SentenceAligner(o).Align(draft, source).empty());
  o.neighbour_sentences = 1;
  auto passages = SentenceAligner(o).Align(draft, source);
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
  auto draft = Sentences({{401, 402, 403}, {7, 8, 9, 10, 11, 501}, {37, 38, 39, 40, 41, 502},
                          {67, 68, 69, 70, 71, 503}, {404, 405, 406}});
  SentenceAlignerOptions o;
  o.min_fragment_words = 10;
  o.whole_source_share = 2;  // off: the source part runs from sentence 1 to 11
  auto passages = SentenceAligner(o).Align(draft, source);
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].draft_begin, 3u);
  EXPECT_EQ(passages[0].draft_end, 21u);
  EXPECT_EQ(passages[0].source_begin, 6u);
  EXPECT_EQ(passages[0].source_end, 72u);
  o.whole_source_share = 0.5;  // 66 of 72 source words: the whole source was summarised
  passages = SentenceAligner(o).Align(draft, source);
  ASSERT_EQ(passages.size(), 1u);
  EXPECT_EQ(passages[0].source_begin, 0u);
  EXPECT_EQ(passages[0].source_end, 72u);
  // A summary of the last third only keeps its own source part.
  draft = Sentences({{401, 402, 403}, {49, 50, 51, 52, 53, 501}, {61, 62, 63, 64, 65, 502},
                     {404, 405, 406}});
  o.min_summary_ratio = 1.5;
  passages = SentenceAligner(o).Align(draft, source);
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
    t.tokens.tokens.push_back({start, start + static_cast<uint32_t>(w.size()), start,
                               static_cast<uint32_t>(w.size())});
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
  EXPECT_TRUE(SentenceAligner(o).Align(draft, source).empty());
  o.synonyms = true;
  auto passages = SentenceAligner(o).Align(draft, source);
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
  EXPECT_TRUE(aligner.Align(draft, source).empty());
  o.min_seed_cosine = o.min_seed_dice = 0.6;  // the sentences seed as they are
  SentenceAligner looser(o);
  EXPECT_TRUE(looser.Related(looser.Profile(draft), looser.Profile(source)));
  EXPECT_EQ(looser.Align(draft, source).size(), 1u);
}

TEST(SentenceAligner, SourceSynsetsAreAddedOnlyForARelatedDraft) {
  auto source = WordsText(kScrollSource);
  auto related = WordsText(kCoilDraft);
  auto unrelated = WordsText("a recipe for bread needs flour water salt and yeast. bake it hot.");
  SentenceAlignerOptions o = SynonymTestOptions(0.6);
  SentenceAligner aligner(o);
  SentenceProfile sp = aligner.Profile(source, /*synsets=*/false);
  ASSERT_TRUE(sp.synsets.empty());
  text::SynonymMemo memo;
  EXPECT_TRUE(
      aligner.AlignAddingSynsets(unrelated, aligner.Profile(unrelated), source, &sp, &memo).empty());
  EXPECT_TRUE(sp.synsets.empty());  // no lookups for a draft it does not matter to
  auto passages = aligner.AlignAddingSynsets(related, aligner.Profile(related), source, &sp, &memo);
  EXPECT_FALSE(sp.synsets.empty());
  EXPECT_EQ(sp.synsets, aligner.Profile(source).synsets);
  // The same passages as with a profile made with its synsets.
  auto expected = aligner.Align(related, source);
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
