#include "align/aligner.h"

#include <algorithm>
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
  std::unordered_map<uint64_t, std::vector<uint32_t>> where;
  where.reserve(source.shingles.size());
  for (uint32_t j = 0; j < source.shingles.size(); ++j) {
    auto& v = where[source.shingles[j]];
    if (v.size() <= options_.max_seeds_per_shingle) v.push_back(j);
  }
  // Seeds on one diagonal (source - draft) that follow each other form one
  // block; `open` tracks, per diagonal, the block being extended.
  std::vector<MatchBlock> blocks;
  std::unordered_map<int64_t, size_t> open;
  for (uint32_t i = 0; i < draft.shingles.size(); ++i) {
    auto it = where.find(draft.shingles[i]);
    if (it == where.end() || it->second.size() > options_.max_seeds_per_shingle) continue;
    for (uint32_t j : it->second) {
      // A hash collision would seed unrelated words; check the words.
      if (!std::equal(draft.word_hashes.begin() + i, draft.word_hashes.begin() + i + k,
                      source.word_hashes.begin() + j)) {
        continue;
      }
      int64_t diagonal = static_cast<int64_t>(j) - i;
      auto o = open.find(diagonal);
      if (o != open.end() && blocks[o->second].draft_end >= i) {
        MatchBlock& b = blocks[o->second];
        b.draft_end = i + k;
        b.source_end = j + k;
      } else {
        open[diagonal] = blocks.size();
        blocks.push_back({i, i + k, j, j + k});
      }
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
  for (const MatchBlock& b : blocks) {
    // Attach to the chain whose last block this one follows most closely.
    Passage* best = nullptr;
    int64_t best_cost = 0;
    for (Passage& c : chains) {
      const MatchBlock& last = c.blocks.back();
      int64_t dgap = static_cast<int64_t>(b.draft_begin) - last.draft_end;
      int64_t sgap = static_cast<int64_t>(b.source_begin) - last.source_end;
      // Small overlaps happen when a repeated word sits at a block edge.
      if (dgap > gap || sgap > gap || dgap < -gap || sgap < -gap) continue;
      if (b.source_end <= last.source_end || b.draft_end <= last.draft_end) continue;
      int64_t cost = std::max<int64_t>(dgap, 0) + std::max<int64_t>(sgap, 0) +
                     std::abs(dgap - sgap);
      if (best == nullptr || cost < best_cost) {
        best = &c;
        best_cost = cost;
      }
    }
    if (best != nullptr) {
      best->blocks.push_back(b);
    } else {
      Passage p;
      p.blocks.push_back(b);
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
  for (Passage& c : chains) {
    if (c.draft_words() < options_.min_passage_words) continue;
    bool overlaps = std::any_of(kept.begin(), kept.end(), [&c](const Passage& k) {
      return c.draft_begin < k.draft_end && k.draft_begin < c.draft_end;
    });
    if (!overlaps) kept.push_back(std::move(c));
  }
  std::sort(kept.begin(), kept.end(),
            [](const Passage& a, const Passage& b) { return a.draft_begin < b.draft_begin; });
  return kept;
}

std::vector<Passage> Aligner::Align(const fingerprint::AnalysedText& draft,
                                    const fingerprint::AnalysedText& source) const {
  return ChainBlocks(FindBlocks(draft, source));
}

}  // namespace provcheck::align
