#include "align/passage_merge.h"

#include <algorithm>

namespace provcheck::align {

std::vector<Passage> SelectFragments(std::vector<Passage> fragments,
                                     const SentenceAlignerOptions& options) {
  std::stable_sort(fragments.begin(), fragments.end(),
                   [&options](const Passage& a, const Passage& b) {
                     bool a_summary = SummaryShaped(a, options.min_summary_ratio);
                     bool b_summary = SummaryShaped(b, options.min_summary_ratio);
                     if (a_summary != b_summary) return a_summary;
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
  return kept;
}

std::vector<Passage> JoinSummaryPieces(std::vector<Passage> kept, uint32_t source_words,
                                       const SentenceAlignerOptions& options) {
  // A summary is one passage: a fragment next to a summary-shaped one (a few
  // words apart in the draft) is the same summary found in pieces, wherever
  // its source part lies (a summary draws on the whole source; Sanchez-Perez
  // et al. 2015 switch to summary settings for such a pair).
  const uint32_t gap = options.summary_join_words;
  auto summary = [&options](const Passage& p) {
    return SummaryShaped(p, options.min_summary_ratio);
  };
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
        last.sentences.insert(last.sentences.end(), p.sentences.begin(), p.sentences.end());
        continue;
      }
    }
    out.push_back(std::move(p));
  }
  for (Passage& p : out) {
    if (summary(p) && p.source_words() >= options.whole_source_share * source_words) {
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
  last.sentences.insert(last.sentences.end(), p.sentences.begin(), p.sentences.end());
  std::sort(
      last.sentences.begin(), last.sentences.end(),
      [](const SentencePair& a, const SentencePair& b) { return a.draft_begin < b.draft_begin; });
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
  // A verbatim piece of this share of a summary-shaped fragment is a copy
  // the fragment grew around (issue 15: at 0.5, PAN verbatim copies came
  // back with whole sources attached; 0.4 keeps them apart at -0.002 for
  // summaries, 0.3 cost summaries 0.03).
  constexpr double kSummaryVerbatimShare = 0.4;
  constexpr double kMinCosineNearVerbatim = 0.5;
  // ... and so does a fragment this few draft words from one (issue 15: the
  // draft's next paragraphs on the same story; PAN no-obfuscation precision
  // 0.970 -> 0.973 at 100 words, no other task changed).
  constexpr uint32_t kNearVerbatimWords = 100;
  const double summary_ratio = SentenceAlignerOptions{}.min_summary_ratio;
  std::vector<Passage> all = exact;
  // The exact passages in draft order, with the running greatest end: the
  // ones meeting a fragment start at the first whose running end passes
  // the fragment's begin and stop at the first beginning after its end, so
  // a fragment costs the exact passages near it, not all of them (issue 16:
  // a draft of many copies made this quadratic).
  std::vector<const Passage*> by_begin;
  for (const Passage& e : exact) by_begin.push_back(&e);
  std::sort(by_begin.begin(), by_begin.end(),
            [](const Passage* a, const Passage* b) { return a->draft_begin < b->draft_begin; });
  std::vector<uint32_t> running_end;
  for (const Passage* e : by_begin) {
    running_end.push_back(std::max(running_end.empty() ? 0 : running_end.back(), e->draft_end));
  }
  for (Passage& s : similar) {
    uint32_t verbatim = 0, largest = 0;
    bool beside = false;
    // The exact passages that overlap the fragment or end within
    // kNearVerbatimWords of it: from the first whose running end reaches
    // s.draft_begin - kNearVerbatimWords to the last beginning at most
    // kNearVerbatimWords after s.draft_end.
    const uint32_t near_begin =
        s.draft_begin > kNearVerbatimWords ? s.draft_begin - kNearVerbatimWords : 0;
    const size_t first = static_cast<size_t>(
        std::lower_bound(running_end.begin(), running_end.end(), near_begin) - running_end.begin());
    for (size_t i = first;
         i < by_begin.size() && by_begin[i]->draft_begin <= s.draft_end + kNearVerbatimWords; ++i) {
      const Passage& e = *by_begin[i];
      uint32_t lo = std::max(s.draft_begin, e.draft_begin), hi = std::min(s.draft_end, e.draft_end);
      bool source_overlap = e.source_begin < s.source_end && s.source_begin < e.source_end;
      if (lo < hi && source_overlap && e.similarity >= kVerbatimSimilarity) {
        verbatim += hi - lo;
        largest = std::max(largest, hi - lo);
      }
      if (e.similarity >= kVerbatimSimilarity && lo >= hi && lo - hi <= kNearVerbatimWords) {
        beside = true;  // (lo - hi: the draft words between the two)
      }
    }
    // Beside or near a verbatim copy, the draft's own sentences about the
    // same story share its names and facts: there a fragment needs the stricter
    // similarity of a passage that nothing verbatim vouches for.
    // (Summary-shaped fragments keep their own, lower bar.)
    const bool summary = SummaryShaped(s, summary_ratio);
    if ((verbatim > 0 || beside) && !summary && s.similarity < kMinCosineNearVerbatim) continue;
    // A summary copies sentences from all over the source: several verbatim
    // pieces inside a summary-shaped fragment are its parts, not the answer.
    const uint32_t share = summary ? largest : verbatim;
    const double need = summary ? kSummaryVerbatimShare : kVerbatimShare;
    if (share < need * s.draft_words()) all.push_back(std::move(s));
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
