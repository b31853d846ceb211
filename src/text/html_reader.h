// The HTML reader: gumbo (an HTML5 parser) builds the tree; the reader walks
// it without recursion and keeps the text of the body.
//
// Skipped: tags and attributes, <head>, <script>, <style>, <noscript>,
// <template>, <iframe>, <svg>, form controls, images (alt text included) and
// comments. Block elements (<p>, <div>, <h1>..<h6>, <li>, <figcaption>,
// <td>, ...) end a paragraph ("\n\n"); <br> is a line break ("\n").
// Character references are decoded; every other byte is copied, so offsets
// are exact (a text node that gumbo decoded in a way the reader does not
// reproduce is mapped as a whole instead).
//
// Metadata: <meta name="provcheck:id|title|publisher|authors|date|url|licence"
// content="...">, authors comma-separated; else <meta name="author">,
// <meta property="og:title">, <link rel="canonical" href="...">. A missing
// title falls back to the first <h1>, then <title>.
//
// Thread-safety: a pure function.
#ifndef PROVCHECK_SRC_TEXT_HTML_READER_H_
#define PROVCHECK_SRC_TEXT_HTML_READER_H_

#include <cstddef>
#include <string_view>

#include "provcheck/result.h"
#include "text/reader.h"

namespace provcheck::text {

// Elements may nest this deep. gumbo's tree building takes time quadratic in
// the depth (100000 nested <div>s take seconds), so deeper input is refused.
inline constexpr size_t kMaxHtmlNesting = 10000;

// Reads the HTML article in `bytes` (the file `name`, for messages). On
// success the article's original is `bytes` and its format kHtml.
// Fails with kResourceLimit "<name>: HTML elements nested deeper than N"
// when a cheap scan finds elements nested deeper than kMaxHtmlNesting.
// REQUIRES: `bytes` is valid UTF-8 without NUL and shorter than 4 GiB.
Result<Article> ReadHtml(std::string_view name, std::string_view bytes);

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_HTML_READER_H_
