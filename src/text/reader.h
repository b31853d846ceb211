// Readers: bytes of a file in, articles with mapped text out.
//
// Owns: the five input formats (text, Markdown with front matter, HTML via
// gumbo, one JSON article, JSON Lines), UTF-8 and binary checks on input,
// and metadata extraction. Knows nothing of normalisation, fingerprints or
// the index.
//
// Markup gives no words and breaks no shingle: `**Guy**` reads as `Guy`,
// `[end the conflict](#)` as `end the conflict`; link targets, image URLs,
// tags, attributes, scripts and styles are skipped; entities and backslash
// escapes are decoded. Block boundaries (paragraphs, headings, list items,
// captions) become "\n\n" separators in the extracted text.
//
// Thread-safety: free functions with no shared state.
#ifndef PROVCHECK_SRC_TEXT_READER_H_
#define PROVCHECK_SRC_TEXT_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/document.h"
#include "provcheck/result.h"
#include "text/extracted_text.h"

namespace provcheck::text {

// Where `bytes` given to a reader sit in their file, when a large JSON Lines
// file is read in parts (index/line_parts.h): messages then name the file's
// own lines and bytes, and ids made up for records without one keep
// counting.
struct FilePart {
  uint64_t first_line = 1;      // the file line of the part's first byte
  uint64_t first_byte = 0;      // the file offset of the part's first byte
  uint64_t records_before = 0;  // records read from earlier parts
  bool whole = true;            // false for every part of a file read in parts
};

// A named part of an article given beside its body: a JSON article's
// "title", "standfirst", "byline", "additional_reporting", "copyright",
// "caption" or "captions" field (one entry per caption, named "caption").
// Its text is mapped into the article's `original`.
struct ArticleField {
  std::string name;
  ExtractedText text;
};

// One article read from an input.
struct Article {
  DocumentMeta meta;
  // The bytes that offsets refer to. For .txt/.md/.html/.json inputs, the
  // whole file. For a JSON Lines record, the record's decoded body string.
  std::string original;
  // The format to give ReadArticles to read `original` again and get the
  // same `body` (for a JSON Lines record, the body's own format).
  Format original_format = Format::kText;
  // The extracted text, mapped into `original`.
  ExtractedText body;
  // Parts given beside the body, in file order: only for a .json article.
  std::vector<ArticleField> fields;
};

// How to read bytes that are not quite text.
struct ReadOptions {
  // Read each NUL byte as a space (ripgrep's and grep's --text): a file with
  // a stray NUL is read, not refused as binary. Byte for byte, so offsets
  // and lengths are those of the file; Article::original holds the spaces.
  bool nul_as_space = false;
};

// Reads the articles in `bytes`, the content of the file `name` (used only
// in messages), in `format`.
//
// On success: one article for kText, kMarkdown, kHtml and kJson; one per
// non-blank line for kJsonLines. Metadata comes from front matter (Markdown)
// or fields (JSON); a missing title falls back to the first heading.
// meta.id is left empty when the input gives none (callers derive one from
// the path).
//
// Fails with kInvalidInput and a message starting with `name`:
//   "<name>: invalid UTF-8 at byte N"
//   "<name>: binary file (NUL byte at byte N)" (unless options.nul_as_space)
//   "<name>:LINE:COLUMN: <what was expected>" for bad JSON, bad front matter
//   "<name>:LINE: ..." for a bad JSON Lines record, a NUL or invalid UTF-8
//     in it included ("<name>:LINE: invalid UTF-8 at byte N"): JSON Lines
//     input is checked record by record; only a file not starting with "{"
//     and holding a NUL in its first 8000 bytes is refused as binary whole.
// A bad JSON Lines record refuses the whole file, unless `record_errors` is
// given: then each bad record's error is appended there and the record is
// skipped, so one broken line (or byte) in a large feed does not hold back
// the rest. Byte offsets N count from the start of the file.
// In a JSON Lines body, control characters other than tab, newline and
// carriage return (a decoded \u0000, say) are read as spaces.
// `part` places a piece of a large JSON Lines file (whole lines) in it.
Result<std::vector<Article>> ReadArticles(std::string_view name, std::string_view bytes,
                                          Format format,
                                          std::vector<Status>* record_errors = nullptr,
                                          const FilePart& part = {},
                                          const ReadOptions& options = {});

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_READER_H_
