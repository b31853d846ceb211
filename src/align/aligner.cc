#include "align/aligner.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace provcheck::align {
namespace {

void Finish(Passage& p) {
  p.draft_begin = p.blocks.front().draft_begin;
  p.source_begin = p.blocks.front().source_begin;
  p.draft_end = 0;
  p.source_end = 0;
  p.matched_words = 0;
  for (const MatchBlock& b : p.blocks) {
    p.draft_end = std::max(p.draft_end, b.draft_end);
    p.source_end = std::max(p.source_end, b.source_end);
    p.source_begin = std::min(p.source_begin, b.source_begin);
    p.matched_words += b.draft_end - b.draft_begin;
  }
  double total = static_cast<double>(p.draft_words()) + p.source_words();
  p.similarity = total == 0 ? 0 : std::min(1.0, 2.0 * p.matched_words / total);
}

}  // namespace

std::vector<MatchBlock> Aligner::FindBlocks(const fingerprint::AnalysedText& draft,
                                            const fingerprint::AnalysedText& source) const {
  const uint32_t k = options_.shingle_words;
  // Both texts' shingles sorted by hash (with their positions), joined in
  // one sequential pass: cheaper than a search per draft shingle.
  auto sorted = [](const fingerprint::AnalysedText& t,
                   std::vector<std::pair<uint64_t, uint32_t>>& local)
      -> const std::vector<std::pair<uint64_t, uint32_t>>& {
    if (t.sorted_shingles.size() == t.shingles.size()) return t.sorted_shingles;
    local = fingerprint::SortedShingles(t);
    return local;
  };
  std::vector<std::pair<uint64_t, uint32_t>> local_draft, local_source;
  const auto& dsorted = sorted(draft, local_draft);
  const auto& ssorted = sorted(source, local_source);
  std::vector<std::pair<uint32_t, uint32_t>> seeds;  // (draft, source) positions
  for (size_t a = 0, b = 0; a < dsorted.size() && b < ssorted.size();) {
    const uint64_t h = dsorted[a].first;
    if (h < ssorted[b].first) {
      ++a;
      continue;
    }
    if (h > ssorted[b].first) {
      ++b;
      continue;
    }
    size_t a_end = a, b_end = b;
    while (a_end < dsorted.size() && dsorted[a_end].first == h) ++a_end;
    while (b_end < ssorted.size() && ssorted[b_end].first == h) ++b_end;
    if (b_end - b <= options_.max_seeds_per_shingle) {
      for (size_t x = a; x < a_end; ++x) {
        for (size_t y = b; y < b_end; ++y) seeds.emplace_back(dsorted[x].second, ssorted[y].second);
      }
    }
    a = a_end;
    b = b_end;
  }
  std::sort(seeds.begin(), seeds.end());
  // Seeds on one diagonal (source - draft) that follow each other form one
  // block; `open` tracks, per diagonal, the block being extended.
  std::vector<MatchBlock> blocks;
  std::unordered_map<int64_t, size_t> open;
  for (const auto& [i, j] : seeds) {
    // A hash collision would seed unrelated words; check the words.
    if (!std::equal(draft.word_hashes.begin() + i, draft.word_hashes.begin() + i + k,
                    source.word_hashes.begin() + j)) {
      continue;
    }
    int64_t diagonal = static_cast<int64_t>(j) - i;
    auto o = open.find(diagonal);
    if (o != open.end() && blocks[o->second].draft_end >= i) {
      MatchBlock& block = blocks[o->second];
      block.draft_end = i + k;
      block.source_end = j + k;
    } else {
      open[diagonal] = blocks.size();
      blocks.push_back({i, i + k, j, j + k});
    }
  }
  return blocks;
}

std::vector<Passage> Aligner::ChainBlocks(std::vector<MatchBlock> blocks) const {
  std::sort(blocks.begin(), blocks.end(), [](const MatchBlock& a, const MatchBlock& b) {
    return a.draft_begin != b.draft_begin ? a.draft_begin < b.draft_begin
                                          : a.source_begin < b.source_begin;
  });
  const int64_t gap = options_.max_gap_words;
  std::vector<Passage> chains;
  // Chains a later block may still join, in creation order (ties go to the
  // oldest). Blocks come in draft order, so a chain whose last block ends
  // more than `gap` words before this block begins can join no later block
  // either: it leaves the list, and each block is compared with the chains
  // near it, not with every chain of the draft (a draft of a thousand
  // copies of one article made this quadratic).
  std::vector<size_t> live;
  for (const MatchBlock& b : blocks) {
    // Attach to the chain whose last block this one follows most closely.
    size_t best = chains.size();
    int64_t best_cost = 0;
    size_t still_live = 0;
    for (size_t c : live) {
      const MatchBlock& last = chains[c].blocks.back();
      int64_t dgap = static_cast<int64_t>(b.draft_begin) - last.draft_end;
      if (dgap > gap) continue;  // and for every later block
      live[still_live++] = c;
      int64_t sgap = static_cast<int64_t>(b.source_begin) - last.source_end;
      // Small overlaps happen when a repeated word sits at a block edge.
      if (sgap > gap || dgap < -gap || sgap < -gap) continue;
      if (b.source_end <= last.source_end || b.draft_end <= last.draft_end) continue;
      int64_t cost =
          std::max<int64_t>(dgap, 0) + std::max<int64_t>(sgap, 0) + std::abs(dgap - sgap);
      if (best == chains.size() || cost < best_cost) {
        best = c;
        best_cost = cost;
      }
    }
    live.resize(still_live);
    if (best != chains.size()) {
      chains[best].blocks.push_back(b);
    } else {
      Passage p;
      p.blocks.push_back(b);
      live.push_back(chains.size());
      chains.push_back(std::move(p));
    }
  }
  for (Passage& c : chains) Finish(c);

  // Keep the strongest chains, then drop those overlapping a kept one in the
  // draft: each draft word belongs to one passage per source.
  std::sort(chains.begin(), chains.end(), [](const Passage& a, const Passage& b) {
    return a.matched_words != b.matched_words ? a.matched_words > b.matched_words
                                              : a.draft_begin < b.draft_begin;
  });
  std::vector<Passage> kept;
  // The kept chains' draft ranges, apart from each other: begin -> end. A
  // chain overlaps one of them iff it overlaps the last beginning before
  // its end (the ones before that end earlier still).
  std::map<uint32_t, uint32_t> taken;
  for (Passage& c : chains) {
    if (c.draft_words() < options_.min_passage_words) continue;
    auto next = taken.lower_bound(c.draft_end);
    if (next != taken.begin() && std::prev(next)->second > c.draft_begin) continue;
    taken.emplace(c.draft_begin, c.draft_end);
    kept.push_back(std::move(c));
  }
  std::sort(kept.begin(), kept.end(),
            [](const Passage& a, const Passage& b) { return a.draft_begin < b.draft_begin; });
  return kept;
}

namespace {

// A run of identical words past a passage's edge belongs to it when it is
// long enough not to be chance: three words, or two of which one is a
// content word ("in the" follows half the sentences of any text).
bool EdgeRunCounts(const fingerprint::AnalysedText& draft, uint32_t begin, uint32_t n) {
  if (n >= 3) return true;
  if (n < 2 || draft.stems.empty()) return false;
  for (uint32_t i = begin; i < begin + n; ++i) {
    if (draft.stems[i] != 0) return true;
  }
  return false;
}

}  // namespace

void Aligner::ExtendEdges(const fingerprint::AnalysedText& draft,
                          const fingerprint::AnalysedText& source, uint32_t draft_floor,
                          uint32_t draft_ceiling, Passage& p) const {
  const auto& dw = draft.word_hashes;
  const auto& sw = source.word_hashes;
  const uint32_t skip = options_.max_edge_skip_words;
  // Forward: a run of kEdgeRunWords starting a+0..skip words after the draft
  // end and b+0..skip after the source end.
  for (bool grew = true; grew;) {
    grew = false;
    const MatchBlock& last = p.blocks.back();
    for (uint32_t step = 0; step <= 2 * skip && !grew; ++step) {
      for (uint32_t a = 0; a <= std::min(step, skip) && !grew; ++a) {
        uint32_t b = step - a;
        if (b > skip) continue;
        uint32_t d = last.draft_end + a, s = last.source_end + b;
        uint32_t n = 0;
        while (d + n < draft_ceiling && s + n < sw.size() && dw[d + n] == sw[s + n]) ++n;
        if (EdgeRunCounts(draft, d, n)) {
          p.blocks.push_back({d, d + n, s, s + n});
          grew = true;
        }
      }
    }
  }
  // Backward, symmetrically, before the first block.
  for (bool grew = true; grew;) {
    grew = false;
    const MatchBlock first = p.blocks.front();
    for (uint32_t step = 0; step <= 2 * skip && !grew; ++step) {
      for (uint32_t a = 0; a <= std::min(step, skip) && !grew; ++a) {
        uint32_t b = step - a;
        if (b > skip || first.draft_begin < a + 1 || first.source_begin < b + 1) continue;
        uint32_t d = first.draft_begin - a, s = first.source_begin - b;  // exclusive ends
        uint32_t n = 0;
        while (d - n > draft_floor && s - n > 0 && dw[d - n - 1] == sw[s - n - 1]) ++n;
        if (EdgeRunCounts(draft, d - n, n)) {
          p.blocks.insert(p.blocks.begin(), {d - n, d, s - n, s});
          grew = true;
        }
      }
    }
  }
  Finish(p);
}

std::vector<Passage> Aligner::Align(const fingerprint::AnalysedText& draft,
                                    const fingerprint::AnalysedText& source) const {
  std::vector<Passage> passages = ChainBlocks(FindBlocks(draft, source));
  for (size_t i = 0; i < passages.size(); ++i) {
    uint32_t floor = i == 0 ? 0 : passages[i - 1].draft_end;
    uint32_t ceiling = i + 1 < passages.size() ? passages[i + 1].draft_begin
                                               : static_cast<uint32_t>(draft.word_hashes.size());
    ExtendEdges(draft, source, floor, ceiling, passages[i]);
  }
  return passages;
}

}  // namespace provcheck::align
