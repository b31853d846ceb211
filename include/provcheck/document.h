// Documents as provcheck sees them: metadata of a corpus article and the
// input formats it reads.
//
// Thread-safety: plain values.
#ifndef PROVCHECK_INCLUDE_PROVCHECK_DOCUMENT_H_
#define PROVCHECK_INCLUDE_PROVCHECK_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/result.h"

namespace provcheck {

enum class Format {
  kText,       // .txt: plain text
  kMarkdown,   // .md, .markdown: CommonMark-style Markdown, optional front matter
  kHtml,       // .html, .htm
  kJson,       // .json: one article object
  kJsonLines,  // .jsonl: one article object per line
  kDocx,       // .docx: a Word document (Office Open XML)
  kOdt,        // .odt: an OpenDocument text (LibreOffice)
};

// "text", "markdown", "html", "json", "jsonl", "docx", "odt".
std::string_view FormatName(Format format);

// Parses a --format name as printed by FormatName (also "md", "txt").
// Fails with kInvalidArgument naming the accepted values.
Result<Format> ParseFormatName(std::string_view name);

// Chooses the format from a path's extension (case-insensitive).
// Fails with kInvalidInput naming the path and the known extensions.
Result<Format> FormatFromPath(std::string_view path);

// The text a report's draft offsets, lines and columns refer to, for the
// file content `bytes` read as `format` (`name` is used only in messages).
// For .docx and .odt: the document's text, one paragraph with text per line
// (body, then footnotes and endnotes), so a line number is a paragraph
// number and a column a character of it. For every other format: `bytes`
// itself. Fails as reading the draft would (kInvalidInput naming `name`).
Result<std::string> DocumentText(std::string_view name, std::string_view bytes, Format format);

// What a corpus article says about itself (JSON fields or Markdown front
// matter). Empty strings mean "not given".
struct DocumentMeta {
  std::string id;  // stable identifier; unique within an index
  std::string title;
  std::string publisher;
  std::vector<std::string> authors;
  std::string date;  // as given, normally YYYY-MM-DD
  std::string url;
  std::string licence;
};

}  // namespace provcheck

#endif  // PROVCHECK_INCLUDE_PROVCHECK_DOCUMENT_H_
