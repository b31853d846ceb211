// OpenDocument text (ODF 1.2/1.3, LibreOffice's .odt): content.xml for body
// and notes, styles.xml and content.xml's automatic styles for what a
// paragraph style is, meta.xml for title, creator and date. The usual
// prefixes (text:, draw:, table:, office:) are assumed: every writer uses them.
#include <pugixml.hpp>

#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "text/office_document.h"
#include "text/zip_archive.h"

namespace provcheck::text {
namespace {

constexpr std::string_view kOdtMime = "application/vnd.oasis.opendocument.text";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Paragraph style names mapped to their parents and display names, from
// both the named styles and a part's automatic ones ("P3" based on
// "Illustration", itself based on "Caption").
class OdfStyles {
 public:
  void Load(const pugi::xml_node& styles) {
    for (pugi::xml_node s = styles.child("style:style"); s; s = s.next_sibling("style:style")) {
      const std::string name = s.attribute("style:name").value();
      if (name.empty()) continue;
      parent_[name] = s.attribute("style:parent-style-name").value();
      const std::string shown = s.attribute("style:display-name").value();
      if (!shown.empty()) shown_[name] = Lower(shown);
    }
  }

  BlockKind Kind(const std::string& style) const {
    std::string at = style;
    for (int hops = 0; hops < 16 && !at.empty(); ++hops) {
      auto shown = shown_.find(at);
      const std::string name = shown != shown_.end() ? shown->second : Lower(at);
      if (name == "caption" || name == "illustration" || name == "figure" || name == "drawing") {
        return BlockKind::kCaption;
      }
      if (name == "title" || name == "subtitle" || name.rfind("heading", 0) == 0) {
        return BlockKind::kHeading;
      }
      auto parent = parent_.find(at);
      if (parent == parent_.end()) break;
      at = parent->second;
    }
    return BlockKind::kParagraph;
  }

 private:
  std::map<std::string, std::string> parent_, shown_;
};

class OdfWalker {
 public:
  OdfWalker(const OdfStyles& styles, OfficeDocument* doc) : styles_(styles), doc_(doc) {}

  void Walk(const pugi::xml_node& node) {
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        Text(child.value());
      } else if (child.type() == pugi::node_element) {
        Element(child);
      }
    }
  }

  void FinishNotes() {
    for (OfficeParagraph& p : endnotes_) doc_->notes.push_back(std::move(p));
  }

 private:
  // ODF collapses each run of white space in a paragraph to one space;
  // <text:s/> and <text:tab/> are the spaces that count.
  void Text(std::string_view s) {
    if (open_.empty()) return;
    std::string& out = open_.back().text;
    for (char c : s) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (!out.empty() && out.back() != ' ') out += ' ';
      } else {
        out += c;
      }
    }
  }

  void Literal(std::string_view s) {
    if (!open_.empty()) open_.back().text.append(s);
  }

  void Element(const pugi::xml_node& n) {
    const std::string_view name = n.name();
    if (name == "text:p" || name == "text:h") return Paragraph(n, name == "text:h");
    if (name == "text:s") {
      const long count = std::strtol(n.attribute("text:c").value(), nullptr, 10);
      return Literal(std::string(static_cast<size_t>(count < 1    ? 1
                                                     : count > 64 ? 64
                                                                  : count),
                                 ' '));
    }
    if (name == "text:tab") return Literal("\t");
    if (name == "text:line-break") return Literal(" ");
    if (name == "text:note") return Note(n);
    // Deleted text of tracked changes lives in <text:tracked-changes>;
    // comments, generated indexes (a table of contents repeats the
    // headings), embedded binaries and shape descriptions are no body text.
    if (name == "text:tracked-changes" || name == "office:annotation" ||
        name == "office:annotation-end" || name == "text:note-citation" ||
        name == "text:table-of-content" || name == "text:alphabetical-index" ||
        name == "text:illustration-index" || name == "text:table-index" ||
        name == "text:bibliography" || name == "text:user-index" || name == "office:binary-data" ||
        name == "svg:title" || name == "svg:desc" || name == "office:forms" ||
        name == "text:sequence-decls" || name == "text:variable-decls" ||
        name == "text:user-field-decls" || name == "office:event-listeners") {
      return;
    }
    if (name == "draw:image" || name == "draw:object" || name == "draw:object-ole") {
      if (!open_.empty()) open_.back().picture = true;
      return;
    }
    Walk(n);  // spans, links, lists, tables, sections, frames, text boxes
  }

  void Paragraph(const pugi::xml_node& n, bool heading) {
    Open p;
    p.kind = heading ? BlockKind::kHeading : styles_.Kind(n.attribute("text:style-name").value());
    open_.push_back(std::move(p));
    Walk(n);
    Open done = std::move(open_.back());
    open_.pop_back();
    if (done.text.find_first_not_of(" \t") == std::string::npos) {
      if (done.picture) after_picture_ = true;
      return;
    }
    if (after_picture_ && done.kind == BlockKind::kParagraph) done.kind = BlockKind::kCaption;
    after_picture_ = false;
    target().push_back({std::move(done.text), done.kind});
  }

  // A note's body sits inside its citing paragraph; it is read as paragraphs
  // of its own after the body (footnotes, then endnotes).
  void Note(const pugi::xml_node& n) {
    const bool endnote = std::string_view(n.attribute("text:note-class").value()) == "endnote";
    std::vector<Open> outer = std::move(open_);
    open_.clear();
    const int saved = in_note_;
    in_note_ = endnote ? 2 : 1;
    Walk(n.child("text:note-body"));
    in_note_ = saved;
    open_ = std::move(outer);
  }

  std::vector<OfficeParagraph>& target() {
    if (in_note_ == 1) return doc_->notes;
    if (in_note_ == 2) return endnotes_;
    return doc_->paragraphs;
  }

  struct Open {
    std::string text;
    BlockKind kind = BlockKind::kParagraph;
    bool picture = false;
  };

  const OdfStyles& styles_;
  OfficeDocument* doc_;
  std::vector<Open> open_;
  std::vector<OfficeParagraph> endnotes_;
  int in_note_ = 0;  // 0 body, 1 footnote, 2 endnote
  bool after_picture_ = false;
};

void ReadMeta(const pugi::xml_node& meta, DocumentMeta* out) {
  std::string creator, initial;
  for (pugi::xml_node n = meta.first_child(); n; n = n.next_sibling()) {
    const std::string_view name = n.name();
    const std::string value = NodeText(n);
    if (value.empty()) continue;
    if (name == "dc:title") out->title = value;
    if (name == "dc:creator") creator = value;
    if (name == "meta:initial-creator") initial = value;
    if (name == "meta:creation-date") out->date = DateOfTimestamp(value);
    if (name == "dc:date" && out->date.empty()) out->date = DateOfTimestamp(value);
    if (name == "dc:identifier") out->id = value;
  }
  // The author is who began the document, not who saved it last.
  const std::string& author = initial.empty() ? creator : initial;
  if (!author.empty()) out->authors = {author};
}

}  // namespace

Result<Article> ReadOdt(std::string_view name, std::string_view bytes) {
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<ZipArchive> zip, ZipArchive::Open(name, bytes));
  PROVCHECK_ASSIGN_OR_RETURN(std::optional<std::string> mime, zip->Read("mimetype"));
  if (mime && mime->rfind(kOdtMime, 0) != 0) {
    return Status::InvalidInput(std::string(name) + ": not an OpenDocument text (mimetype \"" +
                                mime->substr(0, 80) + "\"; expected " + std::string(kOdtMime) +
                                ")");
  }
  pugi::xml_document content;
  PROVCHECK_ASSIGN_OR_RETURN(bool has_content, LoadXmlPart(*zip, name, "content.xml", &content));
  if (!has_content) {
    return Status::InvalidInput(std::string(name) +
                                ": not an OpenDocument text (no content.xml in the archive)");
  }
  OdfStyles styles;
  pugi::xml_document styles_xml;
  PROVCHECK_ASSIGN_OR_RETURN(bool has_styles, LoadXmlPart(*zip, name, "styles.xml", &styles_xml));
  if (has_styles) {
    styles.Load(styles_xml.document_element().child("office:styles"));
    styles.Load(styles_xml.document_element().child("office:automatic-styles"));
  }
  const pugi::xml_node root = content.document_element();
  styles.Load(root.child("office:automatic-styles"));

  OfficeDocument doc;
  OdfWalker walker(styles, &doc);
  walker.Walk(root.child("office:body").child("office:text"));
  walker.FinishNotes();
  pugi::xml_document meta;
  PROVCHECK_ASSIGN_OR_RETURN(bool has_meta, LoadXmlPart(*zip, name, "meta.xml", &meta));
  if (has_meta) ReadMeta(meta.document_element().child("office:meta"), &doc.meta);
  return OfficeArticle(name, std::move(doc));
}

}  // namespace provcheck::text
