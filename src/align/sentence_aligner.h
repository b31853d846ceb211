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
// Made of: sentence_profile.h (profiles, tf-idf weights), seeds.h (seeds and
// their clustering), synonym_seeds.h (synonyms), passage_merge.h (choosing
// and joining fragments; merging with the exact stage's passages).
//
// Thread-safety: const methods may be shared. Align writes the source
// profile it is given (its synsets), so one profile is aligned by one
// thread at a time.
#ifndef PROVCHECK_SRC_ALIGN_SENTENCE_ALIGNER_H_
#define PROVCHECK_SRC_ALIGN_SENTENCE_ALIGNER_H_

#include <vector>

#include "align/aligner.h"
#include "align/sentence_aligner_options.h"
#include "align/sentence_profile.h"
#include "fingerprint/analysis.h"
#include "text/synonym_memo.h"

namespace provcheck::align {

class SentenceAligner {
 public:
  explicit SentenceAligner(SentenceAlignerOptions options) : options_(options) {}

  // A text's profile (made once per text and reused for every pairing);
  // with its synsets, or without them until AddSynsets or Align adds them.
  // A memo (the calling thread's) saves looking a word up again; null: a
  // memo for this text alone.
  // REQUIRES: AddSentenceFeatures ran on `text`.
  SentenceProfile Profile(const fingerprint::AnalysedText& text, bool with_synsets = true,
                          text::SynonymMemo* memo = nullptr) const;
  // Adds the synsets of `text`'s words to its profile when the options ask
  // for synonyms and it has none yet.
  // REQUIRES: `profile` made by Profile from `text`.
  void AddSynsets(const fingerprint::AnalysedText& text, SentenceProfile* profile,
                  text::SynonymMemo* memo = nullptr) const;

  // Fragments of reworded reuse shared by `draft` and `source` as passages
  // (token ranges on sentence boundaries; no blocks), in draft order, not
  // overlapping in the draft; empty when the pair is not Related.
  //
  // The source's synsets are added to `*source_profile` when the pair is
  // related and it has none (AddSynsets, with `memo`): a source's synonym
  // lookups are made only for drafts it matters to, and once. Synonyms
  // count where both profiles then hold synsets.
  // REQUIRES: each profile made by Profile from its text; both texts'
  // features made with the same WordStemmer; source_profile != nullptr.
  std::vector<Passage> Align(const fingerprint::AnalysedText& draft,
                             const SentenceProfile& draft_profile,
                             const fingerprint::AnalysedText& source,
                             SentenceProfile* source_profile,
                             text::SynonymMemo* memo = nullptr) const;

  // Whether some draft sentence seeds with a source sentence without
  // synonyms. Align finds nothing in a pair that is not: synonyms extend
  // what already shares a seed (they add seeds beside seeds), so an
  // unrelated candidate costs neither synonym lookups nor a second pass.
  bool Related(const SentenceProfile& draft_profile, const SentenceProfile& source_profile) const;

 private:
  SentenceAlignerOptions options_;
};

}  // namespace provcheck::align

#endif  // PROVCHECK_SRC_ALIGN_SENTENCE_ALIGNER_H_
