// SentenceAligner: the similarity stage of alignment, for reworded reuse
// (words shuffled, replaced, deleted; round-trip translation; summaries).
//
// After Sanchez-Perez, Sidorov and Gelbukh, "A Winning Approach to Text
// Alignment for Text Reuse Detection at PAN 2014": sentence pairs whose
// stemmed content words overlap (tf-idf cosine and Dice both above a
// threshold) are seeds; seeds close in both texts are clustered into
// fragments; a fragment is kept when its texts are similar as wholes.
// Works on AnalysedText with stems and sentences (AddSentenceFeatures).
//
// Thread-safety: Align is const and may be shared.
#ifndef PROVCHECK_SRC_ALIGN_SENTENCE_ALIGNER_H_
#define PROVCHECK_SRC_ALIGN_SENTENCE_ALIGNER_H_

#include <cstdint>
#include <vector>

#include "align/aligner.h"
#include "fingerprint/analysis.h"
#include "text/synonym_memo.h"

namespace provcheck::align {

struct SentenceAlignerOptions {
  double min_seed_cosine = 0.33;   // tf-idf cosine of two sentences
  double min_seed_dice = 0.33;     // Dice coefficient of their stem sets
  uint32_t min_sentence_stems = 3; // shorter sentences join the next one
  uint32_t max_gap_sentences = 4;  // seeds this close in the draft join one fragment
  // ... and this close in the source: a summary draws one sentence from
  // several source sentences far apart.
  uint32_t max_source_gap_sentences = 4;
  // Summaries: a fragment whose source part is this many times longer than
  // its draft part may draw on source sentences this far apart, and needs
  // only this whole-fragment similarity (a summary shares fewer words).
  double min_summary_ratio = 3.0;
  uint32_t summary_source_gap_sentences = 24;
  double min_summary_cosine = 0.25;
  // Fragments this few draft words apart, one of them summary-shaped, are
  // one summary found in pieces. 0 turns this off.
  uint32_t summary_join_words = 100;
  // A summary whose source part spans at least this share of the source
  // condenses the whole source: its source part becomes the whole text (a
  // summary's seeds are a few sentences picked across the article, and the
  // text between them was summarised too). Above 1 turns this off.
  double whole_source_share = 0.5;
  // Whole-fragment similarity to keep it; MergePassages asks 0.5 of a
  // fragment beside a verbatim copy.
  double min_fragment_cosine = 0.4;
  uint32_t min_fragment_words = 20;  // draft words of a kept fragment
  uint32_t min_fragment_seeds = 2;   // one similar sentence is not reuse
  // ... unless it is long and very similar: a short reworded passage may be
  // one or two long sentences. 0 turns this off.
  uint32_t min_single_seed_words = 25;
  double min_single_seed_cosine = 0.6;
  // Distinct content stems the draft part shares with the source part: two
  // texts on one subject share a handful of its words (names, terms), a
  // reworded copy shares many.
  uint32_t min_shared_stems = 10;
  // Extension (Sanchez-Perez et al. 2014): a draft sentence within this
  // many sentences of a seed may seed with a source sentence near where the
  // seed predicts, under these looser thresholds; repeated while seeds grow.
  // Heavy rewording leaves some sentences of a copied passage under the
  // seed thresholds, and their neighbours vouch for them. 0 turns this off.
  uint32_t neighbour_sentences = 2;
  double min_neighbour_cosine = 0.25;
  double min_neighbour_dice = 0.25;
  // A draft word absent from the source counts as a source word absent from
  // the draft when WordNet puts them in one synset (text/synonyms.h):
  // reworded copies swap words for synonyms.
  bool synonyms = true;
};

// A sentence (or several short ones joined) as a sparse vector.
struct Sentence {
  uint32_t begin, end;                               // token range
  std::vector<std::pair<uint32_t, double>> weights;  // stem -> term frequency, sorted by stem
  std::vector<uint32_t> stem_index;                  // each stem's place in SentenceProfile::stems
};

// What the similarity stage needs of one text, whatever it is paired with:
// its sentences with term frequencies, its distinct stems with the number of
// sentences holding each, and its sentences by stem. Made once per text
// (SentenceAligner::Profile) and reused for every pairing.
struct SentenceProfile {
  std::vector<Sentence> sentences;
  std::vector<uint32_t> stems;      // distinct, sorted
  std::vector<uint32_t> sentences_with;  // per stem of `stems`
  struct Posting {
    uint32_t stem, sentence, entry;  // entry: index into sentences[sentence].weights
    bool operator<(const Posting& o) const {
      return stem != o.stem ? stem < o.stem : sentence < o.sentence;
    }
  };
  std::vector<Posting> by_stem;  // sorted
  // by_stem[postings_begin[k], postings_begin[k + 1]) hold stems[k]: a
  // stem's postings without searching for them.
  std::vector<uint32_t> postings_begin;
  // The synsets of each stem's word (the first token with that stem), sorted:
  // synset << 32 | index into `stems` << 8 | rank (0: the word's commonest
  // sense). Empty without synonyms.
  std::vector<uint64_t> synsets;
};

struct Seed;
struct WeightedSentences;

class SentenceAligner {
 public:
  explicit SentenceAligner(SentenceAlignerOptions options) : options_(options) {}

  // Fragments of reworded reuse as passages (token ranges on sentence
  // boundaries; no blocks), in draft order, not overlapping in the draft.
  // REQUIRES: AddSentenceFeatures ran on both with the same WordStemmer.
  std::vector<Passage> Align(const fingerprint::AnalysedText& draft,
                             const fingerprint::AnalysedText& source) const;
  // The same, with each text's profile made beforehand (by this aligner);
  // synonyms count where both profiles hold synsets.
  std::vector<Passage> Align(const fingerprint::AnalysedText& draft, const SentenceProfile& dp,
                             const fingerprint::AnalysedText& source,
                             const SentenceProfile& sp) const;

  // The same for a source profile made without synsets: they are added to
  // `*sp` when the pair is related (below), so a source's synonym lookups
  // are made only for drafts it matters to, and once.
  std::vector<Passage> AlignAddingSynsets(const fingerprint::AnalysedText& draft,
                                          const SentenceProfile& dp,
                                          const fingerprint::AnalysedText& source,
                                          SentenceProfile* sp, text::SynonymMemo* memo) const;

  // A text's profile; with its synsets (for synonyms), or without them
  // until AddSynsets adds them. A memo (the calling thread's) saves
  // looking a word up again; null: a memo for this text alone.
  SentenceProfile Profile(const fingerprint::AnalysedText& text, bool synsets = true,
                          text::SynonymMemo* memo = nullptr) const;
  void AddSynsets(const fingerprint::AnalysedText& text, SentenceProfile* profile,
                  text::SynonymMemo* memo = nullptr) const;

  // Whether some draft sentence seeds with a source sentence without
  // synonyms. Align finds nothing in a pair that is not: synonyms extend
  // what already shares a seed (they add seeds beside seeds), so an
  // unrelated candidate costs neither synonym lookups nor a second pass.
  bool Related(const SentenceProfile& dp, const SentenceProfile& sp) const;

 private:
  // Align, adding the source's synsets to `add_synsets` (which is `sp`)
  // when related; null: `sp` as it is.
  std::vector<Passage> Align(const fingerprint::AnalysedText& draft, const SentenceProfile& dp,
                             const fingerprint::AnalysedText& source, const SentenceProfile& sp,
                             SentenceProfile* add_synsets, text::SynonymMemo* memo) const;
  // Clusters `seeds` with the given gaps and keeps the similar fragments.
  std::vector<Passage> Fragments(const WeightedSentences& ds, const WeightedSentences& ss,
                                 const fingerprint::AnalysedText& draft,
                                 const fingerprint::AnalysedText& source,
                                 const std::vector<Seed>& seeds, uint32_t draft_gap,
                                 uint32_t source_gap, double min_cosine) const;

  // Joins the pieces of one summary (see summary_join_words).
  std::vector<Passage> JoinSummaryPieces(std::vector<Passage> kept,
                                         uint32_t source_words) const;
  // Each draft sentence's most similar source sentence, where similar enough.
  // (`in_source`: each draft stem's place among the source's, or absent.)
  std::vector<Seed> Seeds(const WeightedSentences& ds, const SentenceProfile& sp,
                          const WeightedSentences& ss,
                          const std::vector<uint32_t>& in_source) const;
  // Adds the extension seeds (see neighbour_sentences) to `seeds`.
  void AddNeighbourSeeds(const WeightedSentences& ds, const WeightedSentences& ss,
                         std::vector<Seed>& seeds) const;

  SentenceAlignerOptions options_;
};

// A passage whose source part is at least `ratio` times its draft part: a
// summary (SentenceAlignerOptions::min_summary_ratio).
inline bool SummaryShaped(const Passage& p, double ratio) {
  return p.source_words() >= ratio * p.draft_words();
}

// Merges the exact passages and the similarity fragments of one draft and
// source: pieces overlapping in both texts become one passage. In draft order,
// not overlapping in the draft.
std::vector<Passage> MergePassages(std::vector<Passage> exact, std::vector<Passage> similar);

}  // namespace provcheck::align

#endif  // PROVCHECK_SRC_ALIGN_SENTENCE_ALIGNER_H_
