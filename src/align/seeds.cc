#include "align/seeds.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace provcheck::align {

std::vector<Seed> FindSeeds(const WeightedSentences& draft_weights, const SentenceProfile& source,
                            const WeightedSentences& source_weights,
                            const std::vector<uint32_t>& draft_in_source,
                            const SentenceAlignerOptions& options) {
  // Candidate pairs share at least one stem: the source's sentences by stem
  // give every pair's dot product and shared stems in one pass over the
  // postings of the draft sentence's stems.
  const std::vector<SentenceProfile::Posting>& by_stem = source.by_stem;
  // Each draft sentence seeds with its most similar source sentence only: a
  // second, weaker match elsewhere in the source (a heading, a repeated
  // phrase) would stretch fragments over text that was not copied.
  std::vector<Seed> seeds;
  std::vector<double> dot(source_weights.size(), 0);
  std::vector<uint32_t> common(source_weights.size(), 0), touched;
  for (uint32_t i = 0; i < draft_weights.size(); ++i) {
    const TermWeights weights = draft_weights.weights(i);
    for (size_t e = 0; e < weights.size(); ++e) {
      const uint32_t k = draft_in_source[draft_weights.sentence(i).stem_index[e]];
      if (k == kAbsentStem) continue;
      const double w = weights[e].second;
      for (uint32_t p = source.postings_begin[k]; p < source.postings_begin[k + 1]; ++p) {
        const auto& posting = by_stem[p];
        if (common[posting.sentence]++ == 0) touched.push_back(posting.sentence);
        dot[posting.sentence] +=
            w *
            source_weights.entries[source_weights.first[posting.sentence] + posting.entry].second;
      }
    }
    double best = 0;
    uint32_t best_j = UINT32_MAX;
    for (uint32_t j : touched) {
      const double norms = draft_weights.norm[i] * source_weights.norm[j];
      const double cosine = norms == 0 ? 0 : dot[j] / norms;
      const size_t stems = weights.size() + source_weights.weights(j).size();
      const double dice = 2.0 * common[j] / stems;
      if (cosine >= options.min_seed_cosine && dice >= options.min_seed_dice &&
          (cosine > best || (cosine == best && j < best_j))) {
        best = cosine;
        best_j = j;
      }
      dot[j] = 0;
      common[j] = 0;
    }
    touched.clear();
    if (best_j != UINT32_MAX) seeds.push_back({i, best_j});
  }
  return seeds;
}

void AddNeighbourSeeds(const WeightedSentences& draft_weights,
                       const WeightedSentences& source_weights,
                       const SentenceAlignerOptions& options, std::vector<Seed>& seeds) {
  const int64_t reach = options.neighbour_sentences;
  if (reach == 0) return;
  constexpr uint32_t kNone = UINT32_MAX;
  // The source sentence seeded with each draft one.
  std::vector<uint32_t> match(draft_weights.size(), kNone);
  for (const Seed& s : seeds) match[s.draft] = s.source;
  const int64_t draft_sentences = static_cast<int64_t>(draft_weights.size());
  const int64_t source_sentences = static_cast<int64_t>(source_weights.size());
  for (bool grew = true; grew;) {
    grew = false;
    for (int64_t i = 0; i < draft_sentences; ++i) {
      if (match[i] != kNone) continue;
      // The nearest seeded neighbour predicts where in the source to look.
      int64_t predicted = -1;
      for (int64_t d = 1; d <= reach && predicted < 0; ++d) {
        if (i - d >= 0 && match[i - d] != kNone) {
          predicted = match[i - d] + d;
        } else if (i + d < draft_sentences && match[i + d] != kNone) {
          predicted = match[i + d] - d;
        }
      }
      if (predicted < 0) continue;
      double best = 0;
      for (int64_t j = std::max<int64_t>(0, predicted - reach);
           j <= std::min(source_sentences - 1, predicted + reach); ++j) {
        double cosine = Cosine(draft_weights.weights(i), draft_weights.norm[i],
                               source_weights.weights(j), source_weights.norm[j]);
        if (cosine >= options.min_neighbour_cosine && cosine > best &&
            Dice(draft_weights.weights(i), source_weights.weights(j)) >=
                options.min_neighbour_dice) {
          best = cosine;
          match[i] = static_cast<uint32_t>(j);
        }
      }
      grew |= match[i] != kNone;
    }
  }
  seeds.clear();
  for (uint32_t i = 0; i < draft_weights.size(); ++i) {
    if (match[i] != kNone) seeds.push_back({i, match[i]});
  }
}

namespace {

// Splits seeds into groups wherever consecutive seeds (ordered by the
// chosen side) are more than `gap` sentences apart.
std::vector<std::vector<Seed>> Split(std::vector<Seed> seeds, bool by_draft, uint32_t gap) {
  auto key = [by_draft](const Seed& s) { return by_draft ? s.draft : s.source; };
  std::sort(seeds.begin(), seeds.end(),
            [&key](const Seed& x, const Seed& y) { return key(x) < key(y); });
  std::vector<std::vector<Seed>> groups;
  for (const Seed& s : seeds) {
    if (groups.empty() || key(s) > key(groups.back().back()) + gap) groups.emplace_back();
    groups.back().push_back(s);
  }
  return groups;
}

// Alternately splits by draft and by source order until nothing changes.
std::vector<std::vector<Seed>> Cluster(std::vector<Seed> seeds, uint32_t draft_gap,
                                       uint32_t source_gap) {
  std::vector<std::vector<Seed>> done, todo{std::move(seeds)};
  bool by_draft = true;
  for (int round = 0; round < 8 && !todo.empty(); ++round, by_draft = !by_draft) {
    std::vector<std::vector<Seed>> next;
    for (auto& group : todo) {
      auto parts = Split(std::move(group), by_draft, by_draft ? draft_gap : source_gap);
      if (parts.size() == 1 && round > 0) {
        done.push_back(std::move(parts[0]));
      } else {
        for (auto& p : parts) next.push_back(std::move(p));
      }
    }
    todo = std::move(next);
  }
  for (auto& g : todo) done.push_back(std::move(g));
  return done;
}

// The summed tf-idf vector of sentences [first, last].
std::vector<WeightedSentences::Entry> Sum(const WeightedSentences& s, uint32_t first, uint32_t last,
                                          double* norm) {
  std::unordered_map<uint32_t, double> acc;
  for (uint32_t i = first; i <= last; ++i) {
    for (const auto& [stem, w] : s.weights(i)) acc[stem] += w;
  }
  std::vector<WeightedSentences::Entry> v(acc.begin(), acc.end());
  std::sort(v.begin(), v.end());
  double sum = 0;
  for (const auto& [stem, w] : v) sum += w * w;
  *norm = std::sqrt(sum);
  return v;
}

// Sets p->matched_words (draft words whose stem occurs in the source part)
// and returns how many distinct content stems they are.
uint32_t CountShared(const fingerprint::AnalysedText& draft,
                     const fingerprint::AnalysedText& source, Passage* p) {
  std::vector<uint32_t> source_stems(source.stems.begin() + p->source_begin,
                                     source.stems.begin() + p->source_end);
  std::sort(source_stems.begin(), source_stems.end());
  std::vector<uint32_t> shared;
  for (uint32_t i = p->draft_begin; i < p->draft_end; ++i) {
    if (draft.stems[i] != 0 &&
        std::binary_search(source_stems.begin(), source_stems.end(), draft.stems[i])) {
      ++p->matched_words;
      shared.push_back(draft.stems[i]);
    }
  }
  std::sort(shared.begin(), shared.end());
  return static_cast<uint32_t>(std::unique(shared.begin(), shared.end()) - shared.begin());
}

}  // namespace

std::vector<Passage> ClusterFragments(const WeightedSentences& draft_weights,
                                      const WeightedSentences& source_weights,
                                      const fingerprint::AnalysedText& draft,
                                      const fingerprint::AnalysedText& source,
                                      const std::vector<Seed>& seeds, uint32_t draft_gap,
                                      uint32_t source_gap, double min_cosine,
                                      const SentenceAlignerOptions& options) {
  std::vector<Passage> fragments;
  for (const auto& group : Cluster(seeds, draft_gap, source_gap)) {
    const bool single = group.size() == 1 && options.min_single_seed_words > 0;
    const bool few_seeds = group.size() < options.min_fragment_seeds;
    if (few_seeds && !single) continue;
    uint32_t first_draft = UINT32_MAX, last_draft = 0;
    uint32_t first_source = UINT32_MAX, last_source = 0;
    for (const Seed& s : group) {
      first_draft = std::min(first_draft, s.draft), last_draft = std::max(last_draft, s.draft);
      first_source = std::min(first_source, s.source);
      last_source = std::max(last_source, s.source);
    }
    double draft_norm = 0, source_norm = 0;
    auto draft_sum = Sum(draft_weights, first_draft, last_draft, &draft_norm);
    auto source_sum = Sum(source_weights, first_source, last_source, &source_norm);
    double similarity = Cosine(draft_sum, draft_norm, source_sum, source_norm);
    if (similarity < min_cosine) continue;
    if (few_seeds && similarity < options.min_single_seed_cosine) continue;
    Passage p;
    p.draft_begin = draft_weights.sentence(first_draft).begin;
    p.draft_end = draft_weights.sentence(last_draft).end;
    p.source_begin = source_weights.sentence(first_source).begin;
    p.source_end = source_weights.sentence(last_source).end;
    if (p.draft_words() < options.min_fragment_words) continue;
    if (few_seeds && p.draft_words() < options.min_single_seed_words) continue;
    p.similarity = similarity;
    if (CountShared(draft, source, &p) < options.min_shared_stems) continue;
    for (const Seed& s : group) {
      const Sentence& d = draft_weights.sentence(s.draft);
      const Sentence& o = source_weights.sentence(s.source);
      p.sentences.push_back({d.begin, d.end, o.begin, o.end});
    }
    std::sort(
        p.sentences.begin(), p.sentences.end(),
        [](const SentencePair& a, const SentencePair& b) { return a.draft_begin < b.draft_begin; });
    fragments.push_back(std::move(p));
  }
  return fragments;
}

}  // namespace provcheck::align
