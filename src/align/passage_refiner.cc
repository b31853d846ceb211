#include "align/passage_refiner.h"

#include <algorithm>
#include <bit>

#include "align/passage_merge.h"

namespace provcheck::align {
namespace {

// A sentence pair at least this share covered by identical blocks has them
// as its evidence: the passage's edge is then the first or last identical
// word, not the sentence boundary.
constexpr double kSnapShare = 0.6;
// A passage that is not the same words never scores above this.
constexpr double kMaxEditedSimilarity = 0.99;

// One piece of evidence that draft words were copied: an identical block or
// a seeded sentence pair.
struct Evidence {
  uint32_t draft_begin, draft_end, source_begin, source_end;
  bool exact;  // an identical block
};

uint32_t Overlap(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1) {
  const uint32_t lo = std::max(a0, b0), hi = std::min(a1, b1);
  return lo < hi ? hi - lo : 0;
}

std::vector<Evidence> EvidenceOf(const Passage& p) {
  std::vector<Evidence> evidence;
  for (const MatchBlock& b : p.blocks) {
    evidence.push_back({b.draft_begin, b.draft_end, b.source_begin, b.source_end, true});
  }
  for (const SentencePair& s : p.sentences) {
    uint32_t covered = 0;
    for (const MatchBlock& b : p.blocks) {
      covered += Overlap(b.draft_begin, b.draft_end, s.draft_begin, s.draft_end);
    }
    if (covered >= kSnapShare * (s.draft_end - s.draft_begin)) continue;
    evidence.push_back({s.draft_begin, s.draft_end, s.source_begin, s.source_end, false});
  }
  for (Evidence& e : evidence) {  // inside the passage (a snapped edge may cut a sentence)
    e.draft_begin = std::clamp(e.draft_begin, p.draft_begin, p.draft_end);
    e.draft_end = std::clamp(e.draft_end, e.draft_begin, p.draft_end);
  }
  std::erase_if(evidence, [](const Evidence& e) { return e.draft_begin == e.draft_end; });
  std::sort(evidence.begin(), evidence.end(), [](const Evidence& a, const Evidence& b) {
    return a.draft_begin != b.draft_begin ? a.draft_begin < b.draft_begin
                                          : a.draft_end < b.draft_end;
  });
  return evidence;
}

// Whether draft words [d0, d1), between two pieces of evidence whose source
// parts end at s0 and begin at s1, are original: enough words, and the
// source has no counterpart for them (less than half as many words between
// s0 and s1: the draft inserted them).
bool OriginalRun(const fingerprint::AnalysedText& draft, const fingerprint::AnalysedText& source,
                 uint32_t d0, uint32_t d1, uint32_t s0, uint32_t s1, uint32_t min_words) {
  const int64_t draft_gap = static_cast<int64_t>(d1) - d0;
  if (draft_gap < min_words) return false;
  const auto& starts = draft.sentence_starts;
  const auto first_start = std::lower_bound(starts.begin(), starts.end(), d0);
  // Inserted words that start or end a sentence: a sentence of the draft's
  // own, or a clause it added to one. (Inside a sentence, a longer draft
  // than source is more often a translation's wording: splitting there
  // cost PAN's translation task 0.003.)
  const bool crosses_sentence = first_start != starts.end() && *first_start <= d1;
  const int64_t source_gap = static_cast<int64_t>(s1) - s0;
  if (2 * source_gap <= draft_gap) return crosses_sentence;
  // Whole sentences of the draft in place of source text they do not share
  // words with: the draft left the source text out and wrote its own.
  const bool whole =
      first_start != starts.end() && *first_start == d0 &&
      (d1 == draft.stems.size() || std::binary_search(starts.begin(), starts.end(), d1));
  if (!whole) return false;
  std::vector<uint32_t> stems(source.stems.begin() + s0, source.stems.begin() + s1);
  std::sort(stems.begin(), stems.end());
  uint32_t content = 0, shared = 0;
  for (uint32_t i = d0; i < d1; ++i) {
    if (draft.stems[i] == 0) continue;
    ++content;
    shared += std::binary_search(stems.begin(), stems.end(), draft.stems[i]);
  }
  return 3 * shared < content;
}

// The evidence split into groups at original runs next to an identical
// block. (Between two seeded sentence pairs, a sentence that did not seed
// is more often a heavily reworded one than an inserted one: splitting
// there too cost the PAN random and translation tasks 0.01-0.04 of plagdet.)
std::vector<std::vector<Evidence>> SplitAtOriginalRuns(const fingerprint::AnalysedText& draft,
                                                       const fingerprint::AnalysedText& source,
                                                       const std::vector<Evidence>& evidence,
                                                       uint32_t min_words) {
  std::vector<std::vector<Evidence>> groups;
  uint32_t draft_end = 0, source_end = 0;  // of the group's last evidence in the draft
  bool last_exact = false;
  for (const Evidence& e : evidence) {
    if (groups.empty() ||
        (e.draft_begin > draft_end && (e.exact || last_exact) &&
         OriginalRun(draft, source, draft_end, e.draft_begin, std::min(source_end, e.source_begin),
                     std::max(source_end, e.source_begin), min_words))) {
      groups.emplace_back();
      draft_end = 0;
    }
    // (A source part running backwards is checked against the source
    // between the two pieces, whichever comes first.)
    groups.back().push_back(e);
    if (e.draft_end >= draft_end) {
      draft_end = e.draft_end;
      source_end = e.source_end;
      last_exact = e.exact;
    }
  }
  return groups;
}

// A passage spanning exactly the evidence.
Passage Spanning(const std::vector<Evidence>& evidence, const Passage& from) {
  Passage p;
  p.draft_begin = p.source_begin = UINT32_MAX;
  for (const Evidence& e : evidence) {
    p.draft_begin = std::min(p.draft_begin, e.draft_begin);
    p.draft_end = std::max(p.draft_end, e.draft_end);
    p.source_begin = std::min(p.source_begin, e.source_begin);
    p.source_end = std::max(p.source_end, e.source_end);
  }
  for (const MatchBlock& b : from.blocks) {
    if (b.draft_begin >= p.draft_begin && b.draft_end <= p.draft_end) p.blocks.push_back(b);
  }
  for (const SentencePair& s : from.sentences) {
    if (Overlap(s.draft_begin, s.draft_end, p.draft_begin, p.draft_end) > 0) {
      p.sentences.push_back(s);
    }
  }
  return p;
}

}  // namespace

uint32_t CommonSubsequence(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (a.empty()) return 0;
  // Bit i of mask[k] is set where a[i] is the k-th distinct word of a.
  std::vector<uint64_t> words(a.begin(), a.end());
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  const size_t n = (a.size() + 63) / 64;
  std::vector<uint64_t> mask(words.size() * n, 0);
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t k = std::lower_bound(words.begin(), words.end(), a[i]) - words.begin();
    mask[k * n + i / 64] |= uint64_t{1} << (i % 64);
  }
  std::vector<uint64_t> v(n, ~uint64_t{0});
  for (uint64_t w : b) {
    auto it = std::lower_bound(words.begin(), words.end(), w);
    if (it == words.end() || *it != w) continue;
    const uint64_t* m = &mask[static_cast<size_t>(it - words.begin()) * n];
    uint64_t carry = 0;
    for (size_t j = 0; j < n; ++j) {
      const uint64_t u = v[j] & m[j];
      const uint64_t partial = v[j] + u;
      const uint64_t sum = partial + carry;
      carry = (partial < v[j]) | (sum < partial);
      v[j] = sum | (v[j] & ~u);
    }
  }
  uint32_t zeros = 0;
  for (size_t j = 0; j < n; ++j) {
    uint64_t bits = ~v[j];
    if (j + 1 == n && a.size() % 64 != 0) bits &= (uint64_t{1} << (a.size() % 64)) - 1;
    zeros += static_cast<uint32_t>(std::popcount(bits));
  }
  return zeros;
}

double PassageSimilarity(std::span<const uint64_t> a, std::span<const uint64_t> b,
                         uint32_t* common_words) {
  const uint32_t common = CommonSubsequence(a, b);
  if (common_words != nullptr) *common_words = common;
  if (a.size() == b.size() && common == a.size()) return a.empty() ? 0 : 1.0;
  return std::min(kMaxEditedSimilarity, 2.0 * common / static_cast<double>(a.size() + b.size()));
}

std::vector<Passage> RefinePassages(const fingerprint::AnalysedText& draft,
                                    const fingerprint::AnalysedText& source,
                                    std::vector<Passage> passages, const RefineOptions& options) {
  std::vector<Passage> out;
  for (Passage& passage : passages) {
    const bool summary =
        options.keep_summaries_ratio > 0 && SummaryShaped(passage, options.keep_summaries_ratio);
    std::vector<Evidence> evidence = EvidenceOf(passage);
    if (summary || evidence.empty()) {
      out.push_back(std::move(passage));
      continue;
    }
    for (const auto& group :
         SplitAtOriginalRuns(draft, source, evidence, options.min_original_words)) {
      out.push_back(Spanning(group, passage));
    }
  }
  std::erase_if(out, [&](const Passage& p) { return p.draft_words() < options.min_passage_words; });
  for (Passage& p : out) {
    p.similarity = PassageSimilarity(
        std::span(draft.word_hashes).subspan(p.draft_begin, p.draft_words()),
        std::span(source.word_hashes).subspan(p.source_begin, p.source_words()), &p.matched_words);
  }
  std::sort(out.begin(), out.end(),
            [](const Passage& a, const Passage& b) { return a.draft_begin < b.draft_begin; });
  return out;
}

}  // namespace provcheck::align
