#include "align/synonym_seeds.h"

#include <algorithm>
#include <cassert>
#include <functional>

#include "base/uniform_sort.h"

namespace provcheck::align {

void AddSynsets(const fingerprint::AnalysedText& text, SentenceProfile* profile,
                text::SynonymMemo* memo) {
  assert(memo != nullptr);
  SentenceProfile& p = *profile;
  if (!p.synsets.empty() || text.tokens.size() != text.stems.size() ||
      p.stems.size() >= (1u << 24)) {
    return;
  }
  // Each stem's synsets, from the first token with that stem (found in its
  // sentence's few stems rather than among all of them).
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
  // Synset ids spread over their range: a counting sort on the top bits
  // (std::sort here was 3% of a scan at 1M articles).
  base::SortUniform(p.synsets);
}

namespace {

uint32_t SynsetOf(uint64_t packed) { return static_cast<uint32_t>(packed >> 32); }
uint32_t StemIndexOf(uint64_t packed) { return static_cast<uint32_t>(packed >> 8) & 0xFFFFFF; }
uint32_t RankOf(uint64_t packed) { return packed & 0xFF; }

constexpr uint32_t kNone = UINT32_MAX;

// The source stem chosen to replace a draft stem, and the rank of the draft
// word's sense that chose it (kNone: no replacement).
struct Replacement {
  uint32_t rank = kNone, stem = kNone;
};

// Each draft stem's replacement (see ReplaceBySynonyms); false when none has
// one.
bool ChooseReplacements(const SentenceProfile& draft, const SentenceProfile& source,
                        const StemPlaces& places, std::vector<Replacement>* chosen) {
  chosen->assign(draft.stems.size(), Replacement{});
  bool any = false;
  for (size_t a = 0, b = 0; a < draft.synsets.size() && b < source.synsets.size();) {
    const uint32_t synset = SynsetOf(draft.synsets[a]);
    if (synset < SynsetOf(source.synsets[b])) {
      ++a;
      continue;
    }
    if (synset > SynsetOf(source.synsets[b])) {
      ++b;
      continue;
    }
    size_t b_end = b;
    while (b_end < source.synsets.size() && SynsetOf(source.synsets[b_end]) == synset) ++b_end;
    for (; a < draft.synsets.size() && SynsetOf(draft.synsets[a]) == synset; ++a) {
      const uint32_t d = StemIndexOf(draft.synsets[a]), rank = RankOf(draft.synsets[a]);
      if (places.draft_in_source[d] != kAbsentStem) continue;
      for (size_t k = b; k < b_end; ++k) {
        if (places.source_in_draft[StemIndexOf(source.synsets[k])] != kAbsentStem) continue;
        const uint32_t stem = source.stems[StemIndexOf(source.synsets[k])];
        Replacement& c = (*chosen)[d];
        if (rank < c.rank || (rank == c.rank && stem < c.stem)) c = {rank, stem};
        any = true;
      }
    }
    b = b_end;
  }
  return any;
}

}  // namespace

bool ReplaceBySynonyms(const SentenceProfile& draft, const SentenceProfile& source,
                       const StemPlaces& places, SentenceProfile* out) {
  if (draft.synsets.empty() || source.synsets.empty()) return false;
  std::vector<Replacement> chosen;
  if (!ChooseReplacements(draft, source, places, &chosen)) return false;
  // Each draft stem's new value and its place among the new distinct stems;
  // the sentences renamed, and folded where two of their stems fall together.
  std::vector<uint32_t> value(draft.stems.size());
  for (size_t k = 0; k < value.size(); ++k) {
    value[k] = chosen[k].stem != kNone ? chosen[k].stem : draft.stems[k];
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
    if (chosen[k].stem != kNone) {
      place[k] = static_cast<uint32_t>(std::lower_bound(p.stems.begin(), p.stems.end(), value[k]) -
                                       p.stems.begin());
      continue;
    }
    while (p.stems[at] < value[k]) ++at;
    place[k] = static_cast<uint32_t>(at);
  }
  p.sentences = draft.sentences;
  p.sentences_with.assign(p.stems.size(), 0);
  std::vector<std::pair<uint64_t, double>> entries;  // stem << 32 | place, tf
  for (Sentence& s : p.sentences) {
    bool renamed = false;
    for (size_t e = 0; e < s.weights.size(); ++e) {
      const uint32_t k = s.stem_index[e];
      renamed |= chosen[k].stem != kNone;
      s.weights[e].first = value[k];
      s.stem_index[e] = place[k];
    }
    if (renamed) {  // sort by stem (a stem's place follows its order) and fold
      entries.clear();
      for (size_t e = 0; e < s.weights.size(); ++e) {
        entries.push_back(
            {uint64_t{s.weights[e].first} << 32 | s.stem_index[e], s.weights[e].second});
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

}  // namespace provcheck::align
