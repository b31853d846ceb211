// Office documents (.docx, .odt): the paragraphs a reader found in a zip of
// XML parts, turned into an Article whose text has one paragraph per line.
//
// Owns: the paragraph model shared by the Word and OpenDocument readers, the
// document text built from it (what report offsets refer to), XML parsing
// with a depth limit, and the readers' entry points. Knows nothing of
// normalisation, fingerprints or the index.
//
// The document text is the paragraphs with text, in reading order (body,
// then footnotes, then endnotes), each ended by "\n": line N is paragraph N.
// It is stored as plain text (Article::original_format kText), so a corpus
// document read back gives the same words; the paragraph kinds (headings,
// captions) are kept as the body's blocks for the credit checks.
//
// Thread-safety: free functions with no shared state.
#ifndef PROVCHECK_SRC_TEXT_OFFICE_DOCUMENT_H_
#define PROVCHECK_SRC_TEXT_OFFICE_DOCUMENT_H_

#include <string>
#include <string_view>
#include <vector>

#include "provcheck/document.h"
#include "provcheck/result.h"
#include "text/extracted_text.h"
#include "text/reader.h"

namespace pugi {
class xml_document;
class xml_node;
}  // namespace pugi

namespace provcheck::text {

struct OfficeParagraph {
  std::string text;
  BlockKind kind = BlockKind::kParagraph;
};

struct OfficeDocument {
  DocumentMeta meta;
  std::vector<OfficeParagraph> paragraphs;  // body, in reading order
  std::vector<OfficeParagraph> notes;       // footnotes, then endnotes
};

// Elements nested deeper than this in one XML part are refused.
inline constexpr unsigned kMaxXmlDepth = 256;

// Parses `xml`, the entry `entry` of the file `name`, into `doc`. Fails with
// kInvalidInput "<name>: <entry>:LINE:COLUMN: <what is wrong>" on malformed
// XML or a part with a DOCTYPE (entities are never expanded), kResourceLimit
// when elements nest deeper than kMaxXmlDepth.
Status ParseXmlPart(std::string_view name, std::string_view entry, const std::string& xml,
                    pugi::xml_document* doc);

class ZipArchive;

// Reads the entry `entry` of the zip `zip` (the file `name`) and parses it
// as ParseXmlPart does. False when the entry is absent (an optional part);
// the zip's and the parser's errors otherwise.
Result<bool> LoadXmlPart(ZipArchive& zip, std::string_view name, std::string_view entry,
                         pugi::xml_document* doc);

// The concatenated character data under `node` (metadata fields).
std::string NodeText(const pugi::xml_node& node);

// "2024-03-05T10:00:00Z" -> "2024-03-05"; anything else as given, trimmed.
std::string DateOfTimestamp(std::string_view stamp);

// The Article of `doc`: fails with kInvalidInput naming `name` when the
// document has no text or its text is not valid UTF-8.
Result<Article> OfficeArticle(std::string_view name, OfficeDocument doc);

// The Word and OpenDocument readers (docx_reader.cc, odt_reader.cc).
Result<Article> ReadDocx(std::string_view name, std::string_view bytes);
Result<Article> ReadOdt(std::string_view name, std::string_view bytes);

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_OFFICE_DOCUMENT_H_
