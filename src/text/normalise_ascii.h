// The ASCII fast path of normalisation: UAX #29 word boundaries and folding
// for pure-ASCII text, with no ICU calls. It must give exactly what the ICU
// path (normalise_icu.h) gives for the same text; a differential test in
// tests/unit/text/normalise_test.cc holds it to that.
//
// Internal to src/text; callers use text/normalise.h.
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_TEXT_NORMALISE_ASCII_H_
#define PROVCHECK_SRC_TEXT_NORMALISE_ASCII_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "text/normalise.h"

namespace provcheck::text::internal {

// Space, tab, CR, LF, VT, FF: UAX #29 always breaks on both sides of them,
// so runs between them can be segmented independently.
inline bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Appends the words of text[begin, end) to `out` (tokens with offsets into
// `text`, normalised words appended to out->norm). Spaces and punctuation in
// the range are skipped, so it may span many words.
// REQUIRES: every byte of text[begin, end) is ASCII; begin and end are word
// boundaries of the whole text (its ends, or next to ASCII whitespace).
void TokeniseAscii(std::string_view text, size_t begin, size_t end, TokenList* out);

// Appends `word` lowercased, with apostrophes and spaces dropped.
// REQUIRES: `word` is ASCII.
void AppendAsciiFold(std::string_view word, std::string* out);

}  // namespace provcheck::text::internal

#endif  // PROVCHECK_SRC_TEXT_NORMALISE_ASCII_H_
