// The Markdown reader: front matter, then the block structure news articles
// use (ATX and setext headings, paragraphs, block quotes, list items,
// thematic breaks, fenced code, reference definitions), with inline markup
// left to markdown_inline.h.
//
// Thread-safety: a pure function.
#ifndef PROVCHECK_SRC_TEXT_MARKDOWN_READER_H_
#define PROVCHECK_SRC_TEXT_MARKDOWN_READER_H_

#include <string_view>

#include "provcheck/result.h"
#include "text/reader.h"

namespace provcheck::text {

// Reads the Markdown article in `bytes` (the file `name`, for messages).
// On success the article's original is `bytes` and its format kMarkdown; its
// metadata comes from the front matter, and a missing title from the first
// heading. Each block gives one paragraph of text, blocks joined by "\n\n";
// lines inside a block keep their original line breaks.
// Fails as ParseFrontMatter does.
// REQUIRES: `bytes` is valid UTF-8 without NUL and shorter than 4 GiB.
Result<Article> ReadMarkdown(std::string_view name, std::string_view bytes);

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_MARKDOWN_READER_H_
