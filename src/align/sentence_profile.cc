#include "align/sentence_profile.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

#include "base/uniform_sort.h"

namespace provcheck::align {
namespace {

// Sorts a sentence's (stem, tf) entries and folds equal stems.
void Fold(std::vector<std::pair<uint32_t, double>>& weights) {
  std::sort(weights.begin(), weights.end());
  size_t w = 0;
  for (size_t r = 0; r < weights.size(); ++r) {
    if (w > 0 && weights[w - 1].first == weights[r].first) {
      weights[w - 1].second += weights[r].second;
    } else {
      weights[w++] = weights[r];
    }
  }
  weights.resize(w);
}

std::vector<Sentence> Sentences(const fingerprint::AnalysedText& t, uint32_t min_stems) {
  std::vector<Sentence> out;
  const auto& starts = t.sentence_starts;
  uint32_t begin = 0;
  for (size_t s = 0; s < starts.size(); ++s) {
    uint32_t end = s + 1 < starts.size() ? starts[s + 1] : static_cast<uint32_t>(t.stems.size());
    uint32_t stems = 0;
    for (uint32_t i = begin; i < end; ++i) stems += t.stems[i] != 0;
    if (stems < min_stems && s + 1 < starts.size()) continue;  // join with the next
    Sentence sentence{begin, end, {}, {}};
    for (uint32_t i = begin; i < end; ++i) {
      if (t.stems[i] != 0) sentence.weights.push_back({t.stems[i], 1.0});
    }
    Fold(sentence.weights);  // term frequencies
    out.push_back(std::move(sentence));
    begin = end;
  }
  return out;
}

// Distinct stems, their sentence counts, and the sentences by stem, for
// `sentences` (term frequencies). One sort of every (stem, sentence) entry
// gives them all: a stem's entries are its sentences (each sentence holds a
// stem once).
SentenceProfile FromSentences(std::vector<Sentence> sentences) {
  SentenceProfile p;
  p.sentences = std::move(sentences);
  for (uint32_t j = 0; j < p.sentences.size(); ++j) {
    Sentence& s = p.sentences[j];
    s.stem_index.assign(s.weights.size(), 0);
    for (uint32_t e = 0; e < s.weights.size(); ++e) p.by_stem.push_back({s.weights[e].first, j, e});
  }
  // Stem ids are hashes: a counting sort on their top bits.
  base::SortByUniformKey(
      p.by_stem,
      [](const SentenceProfile::Posting& e) { return uint64_t{e.stem} << 32 | e.sentence; },
      std::less<SentenceProfile::Posting>());
  for (uint32_t at = 0; at < p.by_stem.size();) {
    const uint32_t stem = p.by_stem[at].stem, k = static_cast<uint32_t>(p.stems.size());
    p.stems.push_back(stem);
    p.postings_begin.push_back(at);
    const uint32_t first = at;
    for (; at < p.by_stem.size() && p.by_stem[at].stem == stem; ++at) {
      p.sentences[p.by_stem[at].sentence].stem_index[p.by_stem[at].entry] = k;
    }
    p.sentences_with.push_back(at - first);
  }
  p.postings_begin.push_back(static_cast<uint32_t>(p.by_stem.size()));
  return p;
}

}  // namespace

SentenceProfile ProfileSentences(const fingerprint::AnalysedText& text,
                                 uint32_t min_sentence_stems) {
  return FromSentences(Sentences(text, min_sentence_stems));
}

StemPlaces PlaceStems(const SentenceProfile& draft, const SentenceProfile& source) {
  StemPlaces places{std::vector<uint32_t>(draft.stems.size(), kAbsentStem),
                    std::vector<uint32_t>(source.stems.size(), kAbsentStem)};
  for (uint32_t i = 0, j = 0; i < draft.stems.size() && j < source.stems.size();) {
    if (draft.stems[i] < source.stems[j]) {
      ++i;
    } else if (draft.stems[i] > source.stems[j]) {
      ++j;
    } else {
      places.draft_in_source[i] = j;
      places.source_in_draft[j] = i;
      ++i, ++j;
    }
  }
  return places;
}

WeightedSentences WeightSentences(const SentenceProfile& mine, const SentenceProfile& theirs,
                                  const std::vector<uint32_t>& mine_in_theirs) {
  const double n = static_cast<double>(mine.sentences.size() + theirs.sentences.size());
  // (Most stems are in a sentence or two: their logarithms are taken once.)
  std::array<double, 16> idf_of_df;
  idf_of_df.fill(-1);
  std::vector<double> idf(mine.stems.size());
  for (size_t i = 0; i < mine.stems.size(); ++i) {
    uint32_t df = mine.sentences_with[i];
    if (mine_in_theirs[i] != kAbsentStem) df += theirs.sentences_with[mine_in_theirs[i]];
    if (df >= idf_of_df.size()) {
      idf[i] = std::log(n / df);
    } else {
      if (idf_of_df[df] < 0) idf_of_df[df] = std::log(n / df);
      idf[i] = idf_of_df[df];
    }
  }
  WeightedSentences out;
  out.profile = &mine;
  out.first.reserve(mine.sentences.size() + 1);
  out.norm.reserve(mine.sentences.size());
  for (const Sentence& s : mine.sentences) {
    out.first.push_back(static_cast<uint32_t>(out.entries.size()));
    double sum = 0;
    for (size_t e = 0; e < s.weights.size(); ++e) {
      const double weight = s.weights[e].second * idf[s.stem_index[e]];
      out.entries.push_back({s.weights[e].first, weight});
      sum += weight * weight;
    }
    out.norm.push_back(std::sqrt(sum));
  }
  out.first.push_back(static_cast<uint32_t>(out.entries.size()));
  return out;
}

namespace {

// Calls shared(a, b) for each stem in both sorted weight lists, with its
// weight in each: one merge walk for the cosine and for Dice.
template <typename F>
void ForSharedStems(TermWeights x, TermWeights y, F&& shared) {
  for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i].first < y[j].first) {
      ++i;
    } else if (x[i].first > y[j].first) {
      ++j;
    } else {
      shared(x[i++].second, y[j++].second);
    }
  }
}

}  // namespace

double Cosine(TermWeights x, double x_norm, TermWeights y, double y_norm) {
  if (x_norm == 0 || y_norm == 0) return 0;
  double dot = 0;
  ForSharedStems(x, y, [&](double a, double b) { dot += a * b; });
  return dot / (x_norm * y_norm);
}

double Dice(TermWeights x, TermWeights y) {
  size_t common = 0;
  ForSharedStems(x, y, [&](double, double) { ++common; });
  size_t total = x.size() + y.size();
  return total == 0 ? 0 : 2.0 * common / total;
}

}  // namespace provcheck::align
