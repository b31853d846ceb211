// The JSON readers: one article object (.json) or one per line (.jsonl).
//
//   {"id": "...", "title": "...", "publisher": "...", "authors": ["..."],
//    "date": "2022-03-01", "url": "...", "licence": "...",
//    "format": "markdown", "body": "..."}
//
// authors may be one string (also under "author"); "license" is accepted for
// "licence"; the body may be under "body", "text" or "content" (first found
// in that order); "format" is "text" (the default), "markdown" or "html", and
// the body is then read as that format. "standfirst", "byline",
// "additional_reporting", "copyright", "caption" (strings) and "captions"
// (an array of strings) are kept, with "title", as Article::fields for a
// .json article. Other keys are ignored; a key given twice is an error.
// simdjson parses; base::JsonDocument checks strictly and supplies positions.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_TEXT_JSON_READER_H_
#define PROVCHECK_SRC_TEXT_JSON_READER_H_

#include <string_view>
#include <vector>

#include "provcheck/result.h"
#include "text/reader.h"

namespace provcheck::text {

// Reads one article object. Its original is the whole file and its body
// offsets point into the file, through the body string's escapes and, for a
// Markdown or HTML body, through that format's markup.
// Fails with kInvalidInput:
//   "<name>:LINE:COLUMN: expected ..." for bad JSON or a field of the wrong type,
//   "<name>:LINE:COLUMN: duplicate key "k" (first at LINE:COLUMN)",
//   "<name>: expected a string field "body"",
//   "<name>: body:..." for a Markdown body whose front matter is bad.
// REQUIRES: `bytes` is valid UTF-8 without NUL and shorter than 4 GiB.
Result<Article> ReadJsonArticle(std::string_view name, std::string_view bytes);

// Reads one article object per non-blank line. Each article's original is
// its decoded body and original_format the body's format, so that
// ReadArticles(original, original_format) gives the same body again.
// Each line is checked on its own: "<name>:LINE: invalid UTF-8 at byte N",
// "<name>:LINE: NUL byte at byte N, expected text" (N from the file's start),
// then "<name>:LINE: ..." for bad JSON. Fails with kInvalidInput for the
// first bad line, or, when `record_errors` is given, appends each bad line's
// error there, skips it and reads the rest.
// REQUIRES: `bytes` is shorter than 4 GiB (it may hold anything).
// `first_line` and `first_byte` place `bytes` in its file (a part of a
// large file).
Result<std::vector<Article>> ReadJsonLines(std::string_view name, std::string_view bytes,
                                           std::vector<Status>* record_errors,
                                           uint64_t first_line = 1, uint64_t first_byte = 0);

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_JSON_READER_H_
