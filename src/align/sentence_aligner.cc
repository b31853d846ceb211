#include "align/sentence_aligner.h"

#include <cassert>

#include "align/passage_merge.h"
#include "align/seeds.h"
#include "align/synonym_seeds.h"

namespace provcheck::align {

SentenceProfile SentenceAligner::Profile(const fingerprint::AnalysedText& text, bool with_synsets,
                                         text::SynonymMemo* memo) const {
  SentenceProfile profile = ProfileSentences(text, options_.min_sentence_stems);
  if (with_synsets) AddSynsets(text, &profile, memo);
  return profile;
}

void SentenceAligner::AddSynsets(const fingerprint::AnalysedText& text, SentenceProfile* profile,
                                 text::SynonymMemo* memo) const {
  if (!options_.synonyms || !profile->synsets.empty()) return;
  text::SynonymMemo own;  // without the caller's: one for this text
  align::AddSynsets(text, profile, memo != nullptr ? memo : &own);
}

bool SentenceAligner::Related(const SentenceProfile& draft_profile,
                              const SentenceProfile& source_profile) const {
  if (draft_profile.sentences.empty() || source_profile.sentences.empty()) return false;
  const StemPlaces places = PlaceStems(draft_profile, source_profile);
  return !FindSeeds(WeightSentences(draft_profile, source_profile, places.draft_in_source),
                    source_profile,
                    WeightSentences(source_profile, draft_profile, places.source_in_draft),
                    places.draft_in_source, options_)
              .empty();
}

std::vector<Passage> SentenceAligner::Align(const fingerprint::AnalysedText& draft,
                                            const SentenceProfile& draft_profile,
                                            const fingerprint::AnalysedText& source,
                                            SentenceProfile* source_profile,
                                            text::SynonymMemo* memo) const {
  assert(source_profile != nullptr);
  const SentenceProfile& source_sentences = *source_profile;
  if (draft_profile.sentences.empty() || source_sentences.sentences.empty()) return {};
  // Seeds without synonyms first: a pair with none is not aligned (Related).
  StemPlaces places = PlaceStems(draft_profile, source_sentences);
  WeightedSentences draft_weights =
      WeightSentences(draft_profile, source_sentences, places.draft_in_source);
  WeightedSentences source_weights =
      WeightSentences(source_sentences, draft_profile, places.source_in_draft);
  std::vector<Seed> seeds =
      FindSeeds(draft_weights, source_sentences, source_weights, places.draft_in_source, options_);
  if (seeds.empty()) return {};
  AddSynsets(source, source_profile, memo);
  SentenceProfile with_synonyms;
  if (ReplaceBySynonyms(draft_profile, source_sentences, places, &with_synonyms)) {
    places = PlaceStems(with_synonyms, source_sentences);
    draft_weights = WeightSentences(with_synonyms, source_sentences, places.draft_in_source);
    source_weights = WeightSentences(source_sentences, with_synonyms, places.source_in_draft);
    seeds = FindSeeds(draft_weights, source_sentences, source_weights, places.draft_in_source,
                      options_);
    if (seeds.empty()) return {};
  }
  AddNeighbourSeeds(draft_weights, source_weights, options_, seeds);

  // Two clusterings of the same seeds: one for reworded passages (close in
  // both texts), one for summaries (a few draft sentences drawn from far
  // apart in the source), kept only when summary-shaped.
  std::vector<Passage> fragments = ClusterFragments(
      draft_weights, source_weights, draft, source, seeds, options_.max_gap_sentences,
      options_.max_source_gap_sentences, options_.min_fragment_cosine, options_);
  for (Passage& f : ClusterFragments(
           draft_weights, source_weights, draft, source, seeds, options_.max_gap_sentences,
           options_.summary_source_gap_sentences, options_.min_summary_cosine, options_)) {
    if (SummaryShaped(f, options_.min_summary_ratio)) fragments.push_back(std::move(f));
  }
  return JoinSummaryPieces(SelectFragments(std::move(fragments), options_),
                           static_cast<uint32_t>(source.stems.size()), options_);
}

}  // namespace provcheck::align
