// Synonym seeds: a draft word whose stem the source lacks counts as a source
// word whose stem the draft lacks when WordNet puts them in one synset
// (text/synonyms.h). Reworded copies swap words for synonyms; counting them
// as the same word lets their sentences seed (seeds.h).
//
// Thread-safety: pure functions, but for the SynonymMemo, which is one
// thread's (text/synonym_memo.h).
#ifndef PROVCHECK_SRC_ALIGN_SYNONYM_SEEDS_H_
#define PROVCHECK_SRC_ALIGN_SYNONYM_SEEDS_H_

#include "align/sentence_profile.h"
#include "fingerprint/analysis.h"
#include "text/synonym_memo.h"

namespace provcheck::align {

// Fills profile->synsets from the words of `text` (the profile's text): the
// synsets of each stem's first word. Does nothing when the profile already
// has synsets, when `text` has stems but no words (nothing to look up), or
// when it has 2^24 distinct stems or more (more than the packing holds).
// `memo` (the calling thread's) saves looking a word up again.
// REQUIRES: `profile` was made from `text`; memo != nullptr.
void AddSynsets(const fingerprint::AnalysedText& text, SentenceProfile* profile,
                text::SynonymMemo* memo);

// Sets `*out` to the draft's profile with each stem the source lacks
// replaced by a source stem the draft lacks whose word shares a synset with
// its own (its commonest such sense first, then the lowest stem), and
// returns true; returns false, leaving `*out` alone, when either profile has
// no synsets or no stem has such a replacement. Linear: both sides' stems
// and synsets are sorted. (`places`: PlaceStems(draft, source).)
bool ReplaceBySynonyms(const SentenceProfile& draft, const SentenceProfile& source,
                       const StemPlaces& places, SentenceProfile* out);

}  // namespace provcheck::align

#endif  // PROVCHECK_SRC_ALIGN_SYNONYM_SEEDS_H_
