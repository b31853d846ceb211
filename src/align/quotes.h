// Quoted spans of a draft: where a passage sits inside quotation marks.
//
// A span opens at “ „ « or a straight " that opens, and closes at the matching
// ” » or the next straight ". A span that is still open at a paragraph break
// ("\n\n") ends there, unless the next paragraph opens with a quotation mark
// (the convention for a quote running over several paragraphs).
// Single quotes are not considered: they are also apostrophes.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_ALIGN_QUOTES_H_
#define PROVCHECK_SRC_ALIGN_QUOTES_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace provcheck::align {

struct ByteSpan {
  uint32_t begin, end;  // half-open byte offsets in the text
};

// The quoted spans of `text` (extracted text), in order, not overlapping.
std::vector<ByteSpan> FindQuotedSpans(std::string_view text);

// The share (0..1) of the bytes in [begin, end) that lie inside `spans`.
// REQUIRES: `spans` in order and not overlapping (as FindQuotedSpans gives).
// O(log spans) plus the spans that meet [begin, end).
double QuotedShare(const std::vector<ByteSpan>& spans, uint32_t begin, uint32_t end);

}  // namespace provcheck::align

#endif  // PROVCHECK_SRC_ALIGN_QUOTES_H_
