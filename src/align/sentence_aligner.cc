#include "align/sentence_aligner.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <unordered_map>


namespace provcheck::align {

struct Seed {
  uint32_t draft, source;  // sentence indices
};

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

}  // namespace

// The sentences of one text weighted by tf-idf for one pairing, in one flat
// array (a pairing's weights are made for every candidate source: copying
// each sentence's vectors cost more allocations than the alignment itself).
struct WeightedSentences {
  using Entry = std::pair<uint32_t, double>;  // stem, tf-idf
  const SentenceProfile* profile = nullptr;
  std::vector<Entry> entries;
  std::vector<uint32_t> first;  // sentence i: entries[first[i], first[i + 1])
  std::vector<double> norm;

  size_t size() const { return norm.size(); }
  const Sentence& sentence(size_t i) const { return profile->sentences[i]; }
  std::span<const Entry> weights(size_t i) const {
    return {entries.data() + first[i], entries.data() + first[i + 1]};
  }
};

namespace {

constexpr uint32_t kAbsent = UINT32_MAX;

// Each draft stem's place among the source's stems (kAbsent where the source
// lacks it) and each source stem's among the draft's: one merge of the two
// sorted lists serves a pairing's weights, seeds and synonyms.
struct StemPlaces {
  std::vector<uint32_t> draft_in_source, source_in_draft;
};

StemPlaces Match(const SentenceProfile& dp, const SentenceProfile& sp) {
  StemPlaces m{std::vector<uint32_t>(dp.stems.size(), kAbsent),
               std::vector<uint32_t>(sp.stems.size(), kAbsent)};
  for (uint32_t i = 0, j = 0; i < dp.stems.size() && j < sp.stems.size();) {
    if (dp.stems[i] < sp.stems[j]) {
      ++i;
    } else if (dp.stems[i] > sp.stems[j]) {
      ++j;
    } else {
      m.draft_in_source[i] = j;
      m.source_in_draft[j] = i;
      ++i, ++j;
    }
  }
  return m;
}

// The sentences of `mine` weighted by tf-idf, the document frequencies
// counted over the sentences of both texts (`mine` and `theirs`; `places`:
// each of mine's stems among theirs, from Match).
WeightedSentences Weighted(const SentenceProfile& mine, const SentenceProfile& theirs,
                           const std::vector<uint32_t>& places) {
  const double n = static_cast<double>(mine.sentences.size() + theirs.sentences.size());
  // (Most stems are in a sentence or two: their logarithms are taken once.)
  std::array<double, 16> idf_of_df;
  idf_of_df.fill(-1);
  std::vector<double> idf(mine.stems.size());
  for (size_t i = 0; i < mine.stems.size(); ++i) {
    uint32_t df = mine.sentences_with[i];
    if (places[i] != kAbsent) df += theirs.sentences_with[places[i]];
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

using Weights = std::span<const WeightedSentences::Entry>;

double Cosine(Weights x, double nx, Weights y, double ny) {
  if (nx == 0 || ny == 0) return 0;
  double dot = 0;
  for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i].first < y[j].first) ++i;
    else if (x[i].first > y[j].first) ++j;
    else dot += x[i++].second * y[j++].second;
  }
  return dot / (nx * ny);
}

double Dice(Weights x, Weights y) {
  size_t common = 0;
  for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
    if (x[i].first < y[j].first) ++i;
    else if (x[i].first > y[j].first) ++j;
    else ++common, ++i, ++j;
  }
  size_t total = x.size() + y.size();
  return total == 0 ? 0 : 2.0 * common / total;
}

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
std::vector<std::pair<uint32_t, double>> Sum(const WeightedSentences& s, uint32_t first,
                                             uint32_t last, double* norm) {
  std::unordered_map<uint32_t, double> acc;
  for (uint32_t i = first; i <= last; ++i) {
    for (const auto& [stem, w] : s.weights(i)) acc[stem] += w;
  }
  std::vector<std::pair<uint32_t, double>> v(acc.begin(), acc.end());
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

std::vector<Passage> SentenceAligner::Fragments(const WeightedSentences& ds,
                                                const WeightedSentences& ss,
                                                const fingerprint::AnalysedText& draft,
                                                const fingerprint::AnalysedText& source,
                                                const std::vector<Seed>& seeds, uint32_t draft_gap,
                                                uint32_t source_gap, double min_cosine) const {
  std::vector<Passage> fragments;
  for (const auto& group : Cluster(seeds, draft_gap, source_gap)) {
    const bool single = group.size() == 1 && options_.min_single_seed_words > 0;
    if (group.size() < options_.min_fragment_seeds && !single) continue;
    uint32_t d0 = UINT32_MAX, d1 = 0, s0 = UINT32_MAX, s1 = 0;
    for (const Seed& s : group) {
      d0 = std::min(d0, s.draft), d1 = std::max(d1, s.draft);
      s0 = std::min(s0, s.source), s1 = std::max(s1, s.source);
    }
    double dn = 0, sn = 0;
    auto dv = Sum(ds, d0, d1, &dn);
    auto sv = Sum(ss, s0, s1, &sn);
    double similarity = Cosine(dv, dn, sv, sn);
    if (similarity < min_cosine) continue;
    if (group.size() < options_.min_fragment_seeds &&
        similarity < options_.min_single_seed_cosine) {
      continue;
    }
    Passage p;
    p.draft_begin = ds.sentence(d0).begin;
    p.draft_end = ds.sentence(d1).end;
    p.source_begin = ss.sentence(s0).begin;
    p.source_end = ss.sentence(s1).end;
    if (p.draft_words() < options_.min_fragment_words) continue;
    if (group.size() < options_.min_fragment_seeds &&
        p.draft_words() < options_.min_single_seed_words) {
      continue;
    }
    p.similarity = similarity;
    if (CountShared(draft, source, &p) < options_.min_shared_stems) continue;
    fragments.push_back(std::move(p));
  }
  return fragments;
}

void SentenceAligner::AddNeighbourSeeds(const WeightedSentences& ds,
                                        const WeightedSentences& ss,
                                        std::vector<Seed>& seeds) const {
  const int64_t r = options_.neighbour_sentences;
  if (r == 0) return;
  constexpr uint32_t kNone = UINT32_MAX;
  std::vector<uint32_t> match(ds.size(), kNone);  // source sentence seeded with each draft one
  for (const Seed& s : seeds) match[s.draft] = s.source;
  const int64_t n_draft = static_cast<int64_t>(ds.size()), n_source = static_cast<int64_t>(ss.size());
  for (bool grew = true; grew;) {
    grew = false;
    for (int64_t i = 0; i < n_draft; ++i) {
      if (match[i] != kNone) continue;
      // The nearest seeded neighbour predicts where in the source to look.
      int64_t predicted = -1;
      for (int64_t d = 1; d <= r && predicted < 0; ++d) {
        if (i - d >= 0 && match[i - d] != kNone) predicted = match[i - d] + d;
        else if (i + d < n_draft && match[i + d] != kNone) predicted = match[i + d] - d;
      }
      if (predicted < 0) continue;
      double best = 0;
      for (int64_t j = std::max<int64_t>(0, predicted - r);
           j <= std::min(n_source - 1, predicted + r); ++j) {
        double cosine = Cosine(ds.weights(i), ds.norm[i], ss.weights(j), ss.norm[j]);
        if (cosine >= options_.min_neighbour_cosine && cosine > best &&
            Dice(ds.weights(i), ss.weights(j)) >= options_.min_neighbour_dice) {
          best = cosine;
          match[i] = static_cast<uint32_t>(j);
        }
      }
      grew |= match[i] != kNone;
    }
  }
  seeds.clear();
  for (uint32_t i = 0; i < ds.size(); ++i) {
    if (match[i] != kNone) seeds.push_back({i, match[i]});
  }
}

namespace {

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
  std::sort(p.by_stem.begin(), p.by_stem.end());
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

// The draft's profile with each stem absent from the source replaced by a
// source stem absent from the draft whose word shares a synset with its own
// (its commonest such sense first, then the lowest stem); false when there
// is none to replace. Linear: both sides' stems and synsets are sorted.
bool WithSynonyms(const SentenceProfile& dp, const SentenceProfile& sp, const StemPlaces& places,
                  SentenceProfile* out) {
  if (dp.synsets.empty() || sp.synsets.empty()) return false;
  constexpr uint32_t kNone = UINT32_MAX;
  struct Choice {
    uint32_t rank = kNone, stem = kNone;
  };
  std::vector<Choice> choice(dp.stems.size());
  bool any = false;
  auto synset = [](uint64_t v) { return static_cast<uint32_t>(v >> 32); };
  auto stem_index = [](uint64_t v) { return static_cast<uint32_t>(v >> 8) & 0xFFFFFF; };
  for (size_t a = 0, b = 0; a < dp.synsets.size() && b < sp.synsets.size();) {
    const uint32_t x = synset(dp.synsets[a]);
    if (x < synset(sp.synsets[b])) { ++a; continue; }
    if (x > synset(sp.synsets[b])) { ++b; continue; }
    size_t b_end = b;
    while (b_end < sp.synsets.size() && synset(sp.synsets[b_end]) == x) ++b_end;
    for (; a < dp.synsets.size() && synset(dp.synsets[a]) == x; ++a) {
      const uint32_t d = stem_index(dp.synsets[a]), rank = dp.synsets[a] & 0xFF;
      if (places.draft_in_source[d] != kAbsent) continue;
      for (size_t k = b; k < b_end; ++k) {
        if (places.source_in_draft[stem_index(sp.synsets[k])] != kAbsent) continue;
        const uint32_t stem = sp.stems[stem_index(sp.synsets[k])];
        Choice& c = choice[d];
        if (rank < c.rank || (rank == c.rank && stem < c.stem)) c = {rank, stem};
        any = true;
      }
    }
    b = b_end;
  }
  if (!any) return false;
  // Each draft stem's new value and its place among the new distinct stems;
  // the sentences renamed, and folded where two of their stems fall together.
  std::vector<uint32_t> value(dp.stems.size());
  for (size_t k = 0; k < value.size(); ++k) {
    value[k] = choice[k].stem != kNone ? choice[k].stem : dp.stems[k];
  }
  SentenceProfile& p = *out;
  p = SentenceProfile{};
  p.stems = value;
  std::sort(p.stems.begin(), p.stems.end());
  p.stems.erase(std::unique(p.stems.begin(), p.stems.end()), p.stems.end());
  // (Kept stems keep their order: one walk places them; a replaced one is
  // looked up.)
  std::vector<uint32_t> place(value.size());
  for (size_t k = 0, at = 0; k < value.size(); ++k) {
    if (choice[k].stem != kNone) {
      place[k] = static_cast<uint32_t>(
          std::lower_bound(p.stems.begin(), p.stems.end(), value[k]) - p.stems.begin());
      continue;
    }
    while (p.stems[at] < value[k]) ++at;
    place[k] = static_cast<uint32_t>(at);
  }
  p.sentences = dp.sentences;
  p.sentences_with.assign(p.stems.size(), 0);
  std::vector<std::pair<uint64_t, double>> entries;  // stem << 32 | place, tf
  for (Sentence& s : p.sentences) {
    bool renamed = false;
    for (size_t e = 0; e < s.weights.size(); ++e) {
      const uint32_t k = s.stem_index[e];
      renamed |= choice[k].stem != kNone;
      s.weights[e].first = value[k];
      s.stem_index[e] = place[k];
    }
    if (renamed) {  // sort by stem (a stem's place follows its order) and fold
      entries.clear();
      for (size_t e = 0; e < s.weights.size(); ++e) {
        entries.push_back({uint64_t{s.weights[e].first} << 32 | s.stem_index[e], s.weights[e].second});
      }
      std::sort(entries.begin(), entries.end());
      s.weights.clear();
      s.stem_index.clear();
      for (const auto& [key, tf] : entries) {
        const uint32_t stem = static_cast<uint32_t>(key >> 32);
        if (!s.weights.empty() && s.weights.back().first == stem) {
          s.weights.back().second += tf;
        } else {
          s.weights.push_back({stem, tf});
          s.stem_index.push_back(static_cast<uint32_t>(key));
        }
      }
    }
    for (uint32_t k : s.stem_index) ++p.sentences_with[k];
  }
  return true;
}

}  // namespace

SentenceProfile SentenceAligner::Profile(const fingerprint::AnalysedText& text, bool synsets,
                                         text::SynonymMemo* memo) const {
  SentenceProfile p = FromSentences(Sentences(text, options_.min_sentence_stems));
  if (synsets) AddSynsets(text, &p, memo);
  return p;
}

void SentenceAligner::AddSynsets(const fingerprint::AnalysedText& text, SentenceProfile* profile,
                                 text::SynonymMemo* memo) const {
  SentenceProfile& p = *profile;
  // (A text given as stems alone, without its words, has no synonyms; nor
  // one of more distinct stems than the packing below holds.)
  if (!options_.synonyms || !p.synsets.empty() || text.tokens.size() != text.stems.size() ||
      p.stems.size() >= (1u << 24)) {
    return;
  }
  // Each stem's synsets, from the first token with that stem (found in its
  // sentence's few stems rather than among all of them).
  text::SynonymMemo own;  // without the caller's: one for this text
  if (memo == nullptr) memo = &own;
  std::vector<bool> done(p.stems.size(), false);
  std::vector<uint32_t> ids;
  for (const Sentence& s : p.sentences) {
    for (uint32_t i = s.begin; i < s.end; ++i) {
      if (text.stems[i] == 0) continue;
      auto it = std::lower_bound(s.weights.begin(), s.weights.end(),
                                 std::pair<uint32_t, double>(text.stems[i], -1e300));
      const uint32_t k = s.stem_index[static_cast<size_t>(it - s.weights.begin())];
      if (done[k]) continue;
      done[k] = true;
      memo->Lookup(text.tokens.Word(i), &ids);
      for (uint32_t r = 0; r < ids.size() && r < 256; ++r) {
        p.synsets.push_back(uint64_t{ids[r]} << 32 | uint64_t{k} << 8 | r);
      }
    }
  }
  std::sort(p.synsets.begin(), p.synsets.end());
}

std::vector<Seed> SentenceAligner::Seeds(const WeightedSentences& ds, const SentenceProfile& sp,
                                         const WeightedSentences& ss,
                                         const std::vector<uint32_t>& in_source) const {
  // Candidate pairs share at least one stem: the source's sentences by stem
  // give every pair's dot product and shared stems in one pass over the
  // postings of the draft sentence's stems.
  const std::vector<SentenceProfile::Posting>& by_stem = sp.by_stem;
  // Each draft sentence seeds with its most similar source sentence only: a
  // second, weaker match elsewhere in the source (a heading, a repeated
  // phrase) would stretch fragments over text that was not copied.
  std::vector<Seed> seeds;
  std::vector<double> dot(ss.size(), 0);
  std::vector<uint32_t> common(ss.size(), 0), touched;
  for (uint32_t i = 0; i < ds.size(); ++i) {
    const Weights draft_weights = ds.weights(i);
    for (size_t e = 0; e < draft_weights.size(); ++e) {
      const uint32_t k = in_source[ds.sentence(i).stem_index[e]];
      if (k == kAbsent) continue;
      const double w = draft_weights[e].second;
      for (uint32_t p = sp.postings_begin[k]; p < sp.postings_begin[k + 1]; ++p) {
        const auto& posting = by_stem[p];
        if (common[posting.sentence]++ == 0) touched.push_back(posting.sentence);
        dot[posting.sentence] += w * ss.entries[ss.first[posting.sentence] + posting.entry].second;
      }
    }
    double best = 0;
    uint32_t best_j = UINT32_MAX;
    for (uint32_t j : touched) {
      const double norms = ds.norm[i] * ss.norm[j];
      const double cosine = norms == 0 ? 0 : dot[j] / norms;
      const size_t stems = draft_weights.size() + ss.weights(j).size();
      const double dice = 2.0 * common[j] / stems;
      if (cosine >= options_.min_seed_cosine && dice >= options_.min_seed_dice &&
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

bool SentenceAligner::Related(const SentenceProfile& dp, const SentenceProfile& sp) const {
  if (dp.sentences.empty() || sp.sentences.empty()) return false;
  const StemPlaces places = Match(dp, sp);
  return !Seeds(Weighted(dp, sp, places.draft_in_source), sp,
                Weighted(sp, dp, places.source_in_draft), places.draft_in_source)
              .empty();
}

std::vector<Passage> SentenceAligner::Align(const fingerprint::AnalysedText& draft,
                                            const fingerprint::AnalysedText& source) const {
  return Align(draft, Profile(draft), source, Profile(source));
}

std::vector<Passage> SentenceAligner::Align(const fingerprint::AnalysedText& draft,
                                            const SentenceProfile& draft_profile,
                                            const fingerprint::AnalysedText& source,
                                            const SentenceProfile& sp) const {
  return Align(draft, draft_profile, source, sp, nullptr, nullptr);
}

std::vector<Passage> SentenceAligner::AlignAddingSynsets(const fingerprint::AnalysedText& draft,
                                                         const SentenceProfile& draft_profile,
                                                         const fingerprint::AnalysedText& source,
                                                         SentenceProfile* sp,
                                                         text::SynonymMemo* memo) const {
  return Align(draft, draft_profile, source, *sp, sp, memo);
}

std::vector<Passage> SentenceAligner::Align(const fingerprint::AnalysedText& draft,
                                            const SentenceProfile& draft_profile,
                                            const fingerprint::AnalysedText& source,
                                            const SentenceProfile& sp,
                                            SentenceProfile* add_synsets,
                                            text::SynonymMemo* memo) const {
  if (draft_profile.sentences.empty() || sp.sentences.empty()) return {};
  // Seeds without synonyms first: a pair with none is not aligned (Related).
  StemPlaces places = Match(draft_profile, sp);
  WeightedSentences ds = Weighted(draft_profile, sp, places.draft_in_source);
  WeightedSentences ss = Weighted(sp, draft_profile, places.source_in_draft);
  std::vector<Seed> seeds = Seeds(ds, sp, ss, places.draft_in_source);
  if (seeds.empty()) return {};
  if (add_synsets) AddSynsets(source, add_synsets, memo);  // sp is *add_synsets
  SentenceProfile with_synonyms;
  if (WithSynonyms(draft_profile, sp, places, &with_synonyms)) {
    places = Match(with_synonyms, sp);
    ds = Weighted(with_synonyms, sp, places.draft_in_source);
    ss = Weighted(sp, with_synonyms, places.source_in_draft);
    seeds = Seeds(ds, sp, ss, places.draft_in_source);
    if (seeds.empty()) return {};
  }
  AddNeighbourSeeds(ds, ss, seeds);

  // Two clusterings of the same seeds: one for reworded passages (close in
  // both texts), one for summaries (a few draft sentences drawn from far
  // apart in the source), kept only when summary-shaped.
  std::vector<Passage> fragments =
      Fragments(ds, ss, draft, source, seeds, options_.max_gap_sentences,
                options_.max_source_gap_sentences, options_.min_fragment_cosine);
  for (Passage& f : Fragments(ds, ss, draft, source, seeds, options_.max_gap_sentences,
                              options_.summary_source_gap_sentences,
                              options_.min_summary_cosine)) {
    if (SummaryShaped(f, options_.min_summary_ratio)) fragments.push_back(std::move(f));
  }
  // Summary fragments first (they contain the reworded fragments found in
  // the same place), then by similarity.
  std::stable_sort(fragments.begin(), fragments.end(), [this](const Passage& a, const Passage& b) {
    bool sa = SummaryShaped(a, options_.min_summary_ratio);
    bool sb = SummaryShaped(b, options_.min_summary_ratio);
    if (sa != sb) return sa;
    return a.similarity > b.similarity;
  });
  std::vector<Passage> kept;
  for (Passage& f : fragments) {
    bool overlaps = std::any_of(kept.begin(), kept.end(), [&f](const Passage& k) {
      return f.draft_begin < k.draft_end && k.draft_begin < f.draft_end;
    });
    if (!overlaps) kept.push_back(std::move(f));
  }
  std::sort(kept.begin(), kept.end(),
            [](const Passage& a, const Passage& b) { return a.draft_begin < b.draft_begin; });
  return JoinSummaryPieces(std::move(kept), static_cast<uint32_t>(source.stems.size()));
}

std::vector<Passage> SentenceAligner::JoinSummaryPieces(std::vector<Passage> kept,
                                                        uint32_t source_words) const {
  // A summary is one passage: a fragment next to a summary-shaped one (a few
  // words apart in the draft) is the same summary found in pieces, wherever
  // its source part lies (a summary draws on the whole source; Sanchez-Perez
  // et al. 2015 switch to summary settings for such a pair).
  const uint32_t gap = options_.summary_join_words;
  auto summary = [this](const Passage& p) { return SummaryShaped(p, options_.min_summary_ratio); };
  std::vector<Passage> out;
  for (Passage& p : kept) {
    if (!out.empty() && gap > 0) {
      Passage& last = out.back();
      if (p.draft_begin <= last.draft_end + gap && (summary(last) || summary(p))) {
        last.draft_end = std::max(last.draft_end, p.draft_end);
        last.source_begin = std::min(last.source_begin, p.source_begin);
        last.source_end = std::max(last.source_end, p.source_end);
        last.matched_words += p.matched_words;
        last.similarity = std::max(last.similarity, p.similarity);
        continue;
      }
    }
    out.push_back(std::move(p));
  }
  for (Passage& p : out) {
    if (summary(p) && p.source_words() >= options_.whole_source_share * source_words) {
      p.source_begin = 0;
      p.source_end = source_words;
    }
  }
  return out;
}

namespace {

// An exact passage starting or ending this close to a fragment's edge moves
// the edge to it: the fragment's edge is a sentence boundary, the exact
// passage's the first or last copied word.
constexpr uint32_t kSnapWords = 30;
constexpr double kSnapShare = 0.6;

void MergeInto(Passage& last, Passage p) {
  const bool last_exact = !last.blocks.empty(), p_exact = !p.blocks.empty();
  auto snap_begin = [](uint32_t fragment, uint32_t exact) {
    return exact >= fragment && exact - fragment <= kSnapWords ? exact : std::min(fragment, exact);
  };
  auto snap_end = [](uint32_t fragment, uint32_t exact) {
    return exact <= fragment && fragment - exact <= kSnapWords ? exact : std::max(fragment, exact);
  };
  const Passage& exact = last_exact ? last : p;
  const Passage& fragment = last_exact ? p : last;
  // Snap only to a near-verbatim copy: in a reworded one the first exact run
  // often starts well inside the copied text.
  if (last_exact != p_exact && exact.matched_words >= kSnapShare * fragment.draft_words()) {
    Passage merged = fragment;
    merged.draft_begin = snap_begin(fragment.draft_begin, exact.draft_begin);
    merged.source_begin = snap_begin(fragment.source_begin, exact.source_begin);
    merged.draft_end = snap_end(fragment.draft_end, exact.draft_end);
    merged.source_end = snap_end(fragment.source_end, exact.source_end);
    merged.blocks = exact.blocks;
    merged.matched_words = std::max(exact.matched_words, fragment.matched_words);
    merged.similarity = std::max(exact.similarity, fragment.similarity);
    last = std::move(merged);
    return;
  }
  last.draft_begin = std::min(last.draft_begin, p.draft_begin);
  last.draft_end = std::max(last.draft_end, p.draft_end);
  last.source_begin = std::min(last.source_begin, p.source_begin);
  last.source_end = std::max(last.source_end, p.source_end);
  for (const MatchBlock& b : p.blocks) last.blocks.push_back(b);
  std::sort(last.blocks.begin(), last.blocks.end(),
            [](const MatchBlock& a, const MatchBlock& b) { return a.draft_begin < b.draft_begin; });
  last.matched_words = std::max(last.matched_words, p.matched_words);
  last.similarity = std::max(last.similarity, p.similarity);
}

}  // namespace

std::vector<Passage> MergePassages(std::vector<Passage> exact, std::vector<Passage> similar) {
  // A fragment that is mostly one verbatim copy only adds the sentences
  // around it, which share the story's names and topic but were not copied
  // (and would hide a quotation inside a longer passage): the verbatim
  // passage is the answer there. Otherwise the pieces are merged.
  constexpr double kVerbatimSimilarity = 0.95;
  constexpr double kVerbatimShare = 0.5;
  constexpr double kMinCosineNearVerbatim = 0.5;
  const double summary_ratio = SentenceAlignerOptions{}.min_summary_ratio;
  std::vector<Passage> all = exact;
  for (Passage& s : similar) {
    uint32_t verbatim = 0, largest = 0;
    for (const Passage& e : exact) {
      uint32_t lo = std::max(s.draft_begin, e.draft_begin), hi = std::min(s.draft_end, e.draft_end);
      bool source_overlap = e.source_begin < s.source_end && s.source_begin < e.source_end;
      if (lo < hi && source_overlap && e.similarity >= kVerbatimSimilarity) {
        verbatim += hi - lo;
        largest = std::max(largest, hi - lo);
      }
    }
    // Beside a verbatim copy, the draft's own sentences about the same story
    // share its names and facts: there a fragment needs the stricter
    // similarity of a passage that nothing verbatim vouches for.
    // (Summary-shaped fragments keep their own, lower bar.)
    const bool summary = SummaryShaped(s, summary_ratio);
    if (verbatim > 0 && !summary && s.similarity < kMinCosineNearVerbatim) continue;
    // A summary copies sentences from all over the source: several verbatim
    // pieces inside a summary-shaped fragment are its parts, not the answer.
    const uint32_t share = summary ? largest : verbatim;
    if (share < kVerbatimShare * s.draft_words()) all.push_back(std::move(s));
  }
  std::sort(all.begin(), all.end(),
            [](const Passage& a, const Passage& b) { return a.draft_begin < b.draft_begin; });
  std::vector<Passage> out;
  for (Passage& p : all) {
    if (!out.empty()) {
      Passage& last = out.back();
      bool draft_overlap = p.draft_begin < last.draft_end;
      bool source_overlap = p.source_begin < last.source_end && last.source_begin < p.source_end;
      if (draft_overlap && source_overlap) {
        // One copied passage found by both stages: the union, keeping the
        // exact blocks for highlighting and the higher similarity.
        MergeInto(last, std::move(p));
        continue;
      }
      if (draft_overlap) {
        // Different source places for the same draft words: keep the larger.
        if (p.draft_words() > last.draft_words()) last = std::move(p);
        continue;
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace provcheck::align
