// Quoted spans of a draft: where a passage sits inside quotation marks.
//
// Double marks: “…” „…“ (German) „…” «…» and straight "…" (a straight mark
// closes the straight one open, else opens). Single marks: ‘…’ ‚…‘ ‹…›
// and straight '…'; a single closing mark followed by a letter is an
// apostrophe ("it’s"), and a straight ' opens only before a word that does
// not follow another ("rock'n'roll" holds no quotation). Quotations nest
// (“He said ‘no’.”); a span is an outermost quotation. One still open at a
// paragraph break ("\n\n") ends there, unless the next paragraph opens with
// a double mark (the convention for a quote running over several
// paragraphs); a single quotation still open there is dropped (it was more
// likely an apostrophe).
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
