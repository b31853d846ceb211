// Front matter: the YAML block that opens a Markdown article.
//
//   ---
//   title: "Talks resume"        # scalars, plain or 'single' or "double" quoted
//   authors: [Jane Doe, "Smith, John"]
//   tags:
//     - politics                 # lists in block form too
//   ---
//
// Only this subset of YAML is read: `key: value` lines, flow lists `[a, b]`,
// block lists of `- item` lines, `#` comments. Keys id, title, publisher,
// authors (or author), date, url, licence (or license) fill DocumentMeta;
// other keys are checked for syntax and ignored.
//
// Thread-safety: a pure function.
#ifndef PROVCHECK_SRC_TEXT_FRONT_MATTER_H_
#define PROVCHECK_SRC_TEXT_FRONT_MATTER_H_

#include <cstdint>
#include <string_view>

#include "provcheck/document.h"
#include "provcheck/result.h"

namespace provcheck::text {

struct FrontMatter {
  DocumentMeta meta;
  // Offset of the first byte after the closing "---" line (the Markdown body
  // starts there); 0 when the input has no front matter.
  uint32_t end = 0;
};

// Reads the front matter at the very start of `bytes` (after an optional
// UTF-8 BOM): a "---" line, the YAML lines, and a closing "---" (or "...")
// line. Returns an empty FrontMatter (end == 0) when `bytes` does not start
// with a "---" line.
// Fails with kInvalidInput "<name>:LINE:COLUMN: expected ..." for a line
// without a colon, an unterminated quote or bracket, a list item without a
// key, or a missing closing line.
Result<FrontMatter> ParseFrontMatter(std::string_view name, std::string_view bytes);

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_FRONT_MATTER_H_
