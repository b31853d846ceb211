#include "text/office_document.h"

#include <pugixml.hpp>

#include <algorithm>
#include <string>
#include <utility>

#include "base/utf8.h"
#include "text/zip_archive.h"

namespace provcheck::text {
namespace {

// Line and column (from 1, in bytes) of byte `offset` of `text`.
std::string Place(const std::string& text, size_t offset) {
  offset = std::min(offset, text.size());
  size_t line = 1, line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
}

// Deepest element nesting under `root`, stopping once past `limit`
// (pugixml's own walk is iterative, so a deep part cannot exhaust the stack).
class DepthProbe : public pugi::xml_tree_walker {
 public:
  explicit DepthProbe(int limit) : limit_(limit) {}
  bool for_each(pugi::xml_node&) override {
    deepest_ = std::max(deepest_, depth());
    return deepest_ <= limit_;
  }
  int deepest() const { return deepest_; }

 private:
  int limit_;
  int deepest_ = 0;
};

// A paragraph's text on one line: a line break would split it over two
// lines, so it becomes a space (tabs stay); the ends are trimmed.
std::string OneLine(std::string text) {
  for (char& c : text) {
    // Control characters (a decoded &#1;, a NUL) are no text either.
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') c = ' ';
  }
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

}  // namespace

Status ParseXmlPart(std::string_view name, std::string_view entry, const std::string& xml,
                    pugi::xml_document* doc) {
  const std::string where = std::string(name) + ": " + std::string(entry);
  // parse_ws_pcdata keeps a run that is only a space (<w:t> </w:t>).
  // pugixml never expands a DTD's entities; parse_doctype keeps the
  // declaration so it can be refused (no word processor writes one).
  const pugi::xml_parse_result parsed = doc->load_buffer(
      xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata | pugi::parse_doctype,
      pugi::encoding_auto);
  if (!parsed) {
    return Status::InvalidInput(where + ":" + Place(xml, static_cast<size_t>(parsed.offset)) +
                                ": " + parsed.description() + "; expected well-formed XML");
  }
  for (pugi::xml_node n = doc->first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_doctype) {
      return Status::InvalidInput(where +
                                  ": has a DOCTYPE declaration; Office documents have "
                                  "none, and entity definitions are refused");
    }
  }
  DepthProbe probe(static_cast<int>(kMaxXmlDepth));
  doc->traverse(probe);
  if (probe.deepest() > static_cast<int>(kMaxXmlDepth)) {
    return Status::ResourceLimit(where + ": elements nested more than " +
                                 std::to_string(kMaxXmlDepth) + " deep; refused");
  }
  return Status::Ok();
}

Result<bool> LoadXmlPart(ZipArchive& zip, std::string_view name, std::string_view entry,
                         pugi::xml_document* doc) {
  PROVCHECK_ASSIGN_OR_RETURN(std::optional<std::string> xml, zip.Read(entry));
  if (!xml) return false;
  PROVCHECK_RETURN_IF_ERROR(ParseXmlPart(name, entry, *xml, doc));
  return true;
}

std::string NodeText(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node n = node.first_child(); n; n = n.next_sibling()) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      out += n.value();
    } else if (n.type() == pugi::node_element) {
      out += NodeText(n);
    }
  }
  return OneLine(std::move(out));
}

std::string DateOfTimestamp(std::string_view stamp) {
  std::string s = OneLine(std::string(stamp));
  const bool dated = s.size() >= 10 && s[4] == '-' && s[7] == '-' &&
                     std::all_of(s.begin(), s.begin() + 4, ::isdigit) &&
                     std::isdigit(static_cast<unsigned char>(s[5])) &&
                     std::isdigit(static_cast<unsigned char>(s[6])) &&
                     std::isdigit(static_cast<unsigned char>(s[8])) &&
                     std::isdigit(static_cast<unsigned char>(s[9]));
  return dated ? s.substr(0, 10) : s;
}

Result<Article> OfficeArticle(std::string_view name, OfficeDocument doc) {
  Article article;
  article.meta = std::move(doc.meta);
  article.original_format = Format::kText;
  std::vector<TextBlock> blocks;
  std::string& text = article.original;
  auto add = [&](OfficeParagraph& p) {
    std::string line = OneLine(std::move(p.text));
    if (line.empty()) return;
    const uint32_t begin = static_cast<uint32_t>(text.size());
    text += line;
    blocks.push_back({begin, static_cast<uint32_t>(text.size()), p.kind});
    text += '\n';
  };
  for (OfficeParagraph& p : doc.paragraphs) add(p);
  for (OfficeParagraph& p : doc.notes) add(p);
  if (text.empty()) return Status::InvalidInput(std::string(name) + ": the document has no text");
  if (std::optional<size_t> at = base::FindInvalidUtf8(text)) {
    return Status::InvalidInput(std::string(name) + ": invalid UTF-8 in the document text (" +
                                "paragraph text byte " + std::to_string(*at) + ")");
  }
  if (article.meta.title.empty()) {
    for (const TextBlock& b : blocks) {
      if (b.kind == BlockKind::kHeading) {
        article.meta.title = text.substr(b.begin, b.end - b.begin);
        break;
      }
    }
  }
  // Byte for byte what re-reading the stored text as plain text gives.
  article.body.AppendVerbatim(text, 0);
  article.body.SetBlocks(std::move(blocks));
  return article;
}

}  // namespace provcheck::text
