#include "scan/candidate_selector.h"

#include <algorithm>
#include <utility>

#include "base/uniform_sort.h"

namespace provcheck::scan {
namespace {

// Boilerplate cap: hashes in more than 5% of documents (at least 4) or
// more than the index's max_postings are skipped.
uint32_t PostingsCap(const Index& index) {
  const uint64_t relative = std::max<uint64_t>(4, index.document_count() / 20);
  return static_cast<uint32_t>(std::min<uint64_t>(index.settings().max_postings, relative));
}

}  // namespace

fingerprint::FingerprintSettings SettingsOf(const Index& index) {
  const IndexSettings& s = index.settings();
  return {s.shingle_words, s.window, s.max_postings, s.stem_shingle_words, s.stem_window};
}

Result<std::vector<uint32_t>> SelectCandidates(Index* index, const fingerprint::AnalysedText& draft,
                                               const CandidateLimits& limits) {
  // Every word shingle of the draft, and every stem shingle: a reworded
  // passage may share no run of identical words with its source.
  std::vector<uint64_t> hashes = draft.shingles;
  for (const auto& f : fingerprint::StemShingles(draft, SettingsOf(*index))) {
    hashes.push_back(f.hash);
  }
  std::vector<Posting> postings;
  PROVCHECK_RETURN_IF_ERROR(index->Lookup(hashes, PostingsCap(*index), &postings));
  // A document sharing a word shingle is ranked by its hits, word shingles
  // weighing more. One sharing only stem shingles (reworded, translated) is
  // ranked by how rare its shared stem shingles are: most such documents
  // share a common phrase or two, and a hash held by one document says more
  // than one held by fifty.
  constexpr uint32_t kWordHitWeight = 4;
  const size_t word_queries = draft.shingles.size();
  std::vector<uint32_t> holders(hashes.size(), 0);  // documents holding each hash
  for (const Posting& p : postings) ++holders[p.query];
  // Each document's postings side by side (a sort, not a map of vectors: at
  // a million documents the draft's hashes have thousands of holders).
  // Document numbers spread over the index: a counting sort on their top bits.
  base::SortByUniformKey(
      postings,
      [](const Posting& p) { return uint64_t{p.document} << 32 | p.query; },
      [](const Posting& x, const Posting& y) {
        return x.document != y.document ? x.document < y.document : x.query < y.query;
      });
  struct Holder {
    uint32_t document, begin, end;  // postings[begin, end)
  };
  std::vector<Holder> docs;
  std::vector<std::pair<uint32_t, uint32_t>> ranked;   // (docs index, word-ranked score)
  std::vector<std::pair<uint32_t, double>> stem_only;  // (docs index, sum of 1 / holders)
  for (uint32_t begin = 0, end; begin < postings.size(); begin = end) {
    uint32_t words = 0, stems = 0;
    for (end = begin; end < postings.size() && postings[end].document == postings[begin].document;
         ++end) {
      (postings[end].query < word_queries ? words : stems) += 1;
    }
    const uint32_t d = static_cast<uint32_t>(docs.size());
    docs.push_back({postings[begin].document, begin, end});
    if (words > 0) {
      ranked.push_back({d, words * kWordHitWeight + stems});
    } else {
      double rarity = 0;
      for (uint32_t k = begin; k < end; ++k) rarity += 1.0 / holders[postings[k].query];
      stem_only.push_back({d, rarity});
    }
  }
  // Highest score first; ties by document number (docs are in that order),
  // so scans are repeatable.
  auto by_score = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  std::sort(ranked.begin(), ranked.end(), by_score);
  // A draft can share common runs with hundreds of sources, which would fill
  // every place and push out the one source of a shorter copied passage. So
  // first, in rank order, take each document holding a hash no document
  // taken so far holds (it alone can explain that part of the draft); then
  // fill the places left in rank order.
  std::vector<bool> explained(hashes.size(), false), taken(ranked.size(), false);
  std::vector<uint32_t> out;
  for (size_t i = 0; i < ranked.size() && out.size() < limits.max_candidates; ++i) {
    const Holder& h = docs[ranked[i].first];
    bool adds = false;
    for (uint32_t k = h.begin; k < h.end && !adds; ++k) adds = !explained[postings[k].query];
    if (!adds) continue;
    for (uint32_t k = h.begin; k < h.end; ++k) explained[postings[k].query] = true;
    taken[i] = true;
    out.push_back(h.document);
  }
  for (size_t i = 0; i < ranked.size() && out.size() < limits.max_candidates; ++i) {
    if (!taken[i]) out.push_back(docs[ranked[i].first].document);
  }
  // Stem-only documents have places of their own: word-shingle candidates
  // (a draft on a busy story has dozens) would otherwise take them all.
  const size_t stem_places = std::min<size_t>(limits.max_stem_candidates, stem_only.size());
  std::partial_sort(stem_only.begin(), stem_only.begin() + stem_places, stem_only.end(), by_score);
  for (size_t i = 0; i < stem_places; ++i) out.push_back(docs[stem_only[i].first].document);
  return out;
}

}  // namespace provcheck::scan
