// The body shared by the reader targets (read_text_fuzz.cc and friends): one
// format each, so each has its own corpus and dictionary.
//
// Invariants checked on every input, beyond "no crash":
//   - success and failure are deterministic (a second read gives the same);
//   - a failure is kInvalidInput or kResourceLimit with a message starting
//     with the file name;
//   - each ExtractedText (body and fields) is valid UTF-8 (Normaliser
//     requires it); its runs are contiguous, start at 0, cover the text
//     exactly and lie inside `original`; its blocks are inside the text,
//     non-overlapping and in order; OriginalStart and OriginalEnd stay inside
//     `original`; for text and Markdown the runs are also in original order
//     and the mapping never goes backwards (not for HTML, or JSON that may
//     hold HTML: the HTML5 tree builder moves stray text in a table before
//     the table, "<table><td>t<tr>#" reads "#" first);
//   - `original` is the input itself, except for JSON Lines, where reading
//     it again in `original_format` gives the same body text;
//   - plain text comes back unchanged, mapped byte for byte;
//   - JSON Lines: a file read whole reads the same with record_errors, with
//     no errors; articles plus record errors never exceed the lines; with
//     record_errors every line that reads alone is read in the file too (a
//     bad byte in one record costs that record only, issue 16), and a bad
//     byte's error points at a NUL or an invalid UTF-8 sequence;
//   - --text (ReadOptions::nul_as_space) never refuses a file as binary; it
//     reads exactly what the input with each NUL made a space reads, and
//     `original` (but for JSON Lines) has the input's length.
#ifndef PROVCHECK_TESTS_FUZZ_READER_FUZZ_H_
#define PROVCHECK_TESTS_FUZZ_READER_FUZZ_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/utf8.h"
#include "fuzz_check.h"
#include "text/reader.h"

namespace provcheck::fuzz {

inline constexpr char kReaderName[] = "fuzz-input";

inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

inline void CheckExtracted(const text::ExtractedText& t, std::string_view original, bool ordered) {
  const std::string& s = t.text();
  FUZZ_CHECK(!base::FindInvalidUtf8(s).has_value());
  uint32_t next_text = 0;
  uint32_t last_original = 0;
  for (const text::OffsetRun& r : t.runs()) {
    FUZZ_CHECK(r.text_start == next_text);
    FUZZ_CHECK(r.text_length > 0);
    next_text = r.text_start + r.text_length;
    FUZZ_CHECK(r.original_start <= original.size());
    FUZZ_CHECK(r.original_length <= original.size() - r.original_start);
    if (ordered) FUZZ_CHECK(r.original_start >= last_original);
    last_original = r.original_start;
  }
  FUZZ_CHECK(next_text == s.size());
  uint32_t block_end = 0;
  for (const text::TextBlock& b : t.blocks()) {
    FUZZ_CHECK(b.begin <= b.end);
    FUZZ_CHECK(b.end <= s.size());
    FUZZ_CHECK(b.begin >= block_end);
    block_end = b.end;
  }
  // The mapping, sampled at up to 64 evenly spaced points and at the ends.
  const uint32_t size = static_cast<uint32_t>(s.size());
  const uint32_t step = std::max<uint32_t>(1, size / 64);
  uint32_t prev_start = 0;
  uint32_t prev_end = 0;
  for (uint32_t off = 0; off <= size; off += step) {
    const uint32_t start = t.OriginalStart(off);
    FUZZ_CHECK(start <= original.size());
    if (ordered) FUZZ_CHECK(start >= prev_start);
    prev_start = start;
    if (off > 0) {
      const uint32_t end = t.OriginalEnd(off);
      FUZZ_CHECK(end <= original.size());
      if (ordered) FUZZ_CHECK(end >= prev_end);
      prev_end = end;
    }
  }
  if (size > 0) FUZZ_CHECK(t.OriginalEnd(size) <= original.size());
}

inline bool SameText(const std::vector<text::Article>& a, const std::vector<text::Article>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].body.text() != b[i].body.text() || a[i].original != b[i].original) return false;
  }
  return true;
}

// The lines of a JSON Lines input that read as one article on their own.
inline size_t LinesThatReadAlone(std::string_view input) {
  size_t good = 0;
  for (size_t p = 0; p <= input.size();) {
    size_t nl = input.find('\n', p);
    if (nl == std::string_view::npos) nl = input.size();
    std::vector<Status> errors;
    Result<std::vector<text::Article>> one =
        text::ReadArticles(kReaderName, input.substr(p, nl - p), Format::kJsonLines, &errors);
    if (one) good += one->size();
    p = nl + 1;
  }
  return good;
}

// "... at byte N" of a bad byte names a NUL or the start of invalid UTF-8.
inline void CheckBadByteMessage(const std::string& message, std::string_view input) {
  for (std::string_view what : {": invalid UTF-8 at byte ", ": NUL byte at byte "}) {
    const size_t at = message.find(what);
    if (at == std::string::npos) continue;
    const size_t offset = std::stoull(message.substr(at + what.size()));
    FUZZ_CHECK(offset < input.size());
    if (what == ": NUL byte at byte ") {
      FUZZ_CHECK(input[offset] == '\0');
    } else {
      size_t line_end = input.find('\n', offset);
      if (line_end == std::string_view::npos) line_end = input.size();
      FUZZ_CHECK(base::FindInvalidUtf8(input.substr(offset, line_end - offset)) == size_t{0});
    }
  }
}

inline void CheckNulAsSpace(Format format, std::string_view input) {
  text::ReadOptions text;
  text.nul_as_space = true;
  std::vector<Status> errors, blanked_errors;
  Result<std::vector<text::Article>> read =
      text::ReadArticles(kReaderName, input, format, &errors, {}, text);
  std::string blanked(input);
  std::replace(blanked.begin(), blanked.end(), '\0', ' ');
  Result<std::vector<text::Article>> expected =
      text::ReadArticles(kReaderName, blanked, format, &blanked_errors);
  FUZZ_CHECK(read.has_value() == expected.has_value());
  if (!read) {
    // Not the reader's own "binary file" verdict (a key named so may be quoted).
    FUZZ_CHECK(!StartsWith(read.status().message(), std::string(kReaderName) + ": binary file"));
    FUZZ_CHECK(read.status().message() == expected.status().message());
    return;
  }
  FUZZ_CHECK(SameText(*read, *expected));
  FUZZ_CHECK(errors.size() == blanked_errors.size());
  for (const text::Article& a : *read) {
    FUZZ_CHECK(a.original.find('\0') == std::string::npos);
    if (format != Format::kJsonLines) FUZZ_CHECK(a.original.size() == input.size());
  }
}

inline void FuzzReader(Format format, const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool ordered = format == Format::kText || format == Format::kMarkdown;
  Result<std::vector<text::Article>> read = text::ReadArticles(kReaderName, input, format);
  Result<std::vector<text::Article>> again = text::ReadArticles(kReaderName, input, format);
  FUZZ_CHECK(read.has_value() == again.has_value());
  if (!read) {
    const Status& s = read.status();
    FUZZ_CHECK(s.code() == StatusCode::kInvalidInput || s.code() == StatusCode::kResourceLimit);
    FUZZ_CHECK(StartsWith(s.message(), kReaderName));
    FUZZ_CHECK(s.message() == again.status().message());
  } else {
    FUZZ_CHECK(SameText(*read, *again));
    if (format != Format::kJsonLines) FUZZ_CHECK(read->size() == 1);
    for (const text::Article& a : *read) {
      CheckExtracted(a.body, a.original, ordered);
      for (const text::ArticleField& f : a.fields) CheckExtracted(f.text, a.original, ordered);
      if (format == Format::kJsonLines) {
        FUZZ_CHECK(a.original_format != Format::kJsonLines);
        Result<std::vector<text::Article>> reread =
            text::ReadArticles(kReaderName, a.original, a.original_format);
        FUZZ_CHECK(reread.has_value());
        FUZZ_CHECK(reread->size() == 1);
        FUZZ_CHECK((*reread)[0].body.text() == a.body.text());
      } else {
        FUZZ_CHECK(a.original == input);
      }
      if (format == Format::kText) {
        FUZZ_CHECK(a.body.text() == input);
        for (const text::OffsetRun& r : a.body.runs()) {
          FUZZ_CHECK(r.text_start == r.original_start && r.text_length == r.original_length);
        }
      }
    }
  }
  if (format == Format::kJsonLines) {
    std::vector<Status> errors;
    Result<std::vector<text::Article>> lenient =
        text::ReadArticles(kReaderName, input, format, &errors);
    if (read) {
      FUZZ_CHECK(lenient.has_value());
      FUZZ_CHECK(errors.empty());
      FUZZ_CHECK(SameText(*read, *lenient));
    }
    if (lenient) {
      const size_t lines = static_cast<size_t>(std::count(input.begin(), input.end(), '\n')) + 1;
      FUZZ_CHECK(lenient->size() + errors.size() <= lines);
      for (const text::Article& a : *lenient) CheckExtracted(a.body, a.original, ordered);
      for (const Status& e : errors) {
        FUZZ_CHECK(StartsWith(e.message(), kReaderName));
        CheckBadByteMessage(e.message(), input);
      }
      FUZZ_CHECK(lenient->size() == LinesThatReadAlone(input));
    }
  }
  CheckNulAsSpace(format, input);
}

}  // namespace provcheck::fuzz

#endif  // PROVCHECK_TESTS_FUZZ_READER_FUZZ_H_
