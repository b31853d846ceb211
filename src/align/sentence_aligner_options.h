// The similarity stage's thresholds (SentenceAligner and the files it is
// made of: sentence_profile, seeds, synonym_seeds, passage_merge). A plain
// struct; the defaults are the values the PAN sweeps chose (bench/README.md).
#ifndef PROVCHECK_SRC_ALIGN_SENTENCE_ALIGNER_OPTIONS_H_
#define PROVCHECK_SRC_ALIGN_SENTENCE_ALIGNER_OPTIONS_H_

#include <cstdint>

namespace provcheck::align {

struct SentenceAlignerOptions {
  double min_seed_cosine = 0.33;    // tf-idf cosine of two sentences
  double min_seed_dice = 0.33;      // Dice coefficient of their stem sets
  uint32_t min_sentence_stems = 3;  // shorter sentences join the next one
  uint32_t max_gap_sentences = 4;   // seeds this close in the draft join one fragment
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

}  // namespace provcheck::align

#endif  // PROVCHECK_SRC_ALIGN_SENTENCE_ALIGNER_OPTIONS_H_
