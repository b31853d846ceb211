// Word documents (Office Open XML, ECMA-376): word/document.xml for the body,
// word/footnotes.xml and word/endnotes.xml for notes, word/styles.xml for the
// names of paragraph styles, docProps/core.xml for title, creator and date.
#include <pugixml.hpp>

#include <cctype>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "text/office_document.h"
#include "text/zip_archive.h"

namespace provcheck::text {
namespace {

constexpr std::string_view kWordMain =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kWordStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The prefix (with its colon) the part binds to WordprocessingML: "w:" in
// every writer seen, but the namespace, not the prefix, is what counts.
std::string WordPrefix(const pugi::xml_node& root) {
  for (const pugi::xml_attribute& a : root.attributes()) {
    const std::string_view name = a.name();
    const std::string_view value = a.value();
    if (value != kWordMain && value != kWordStrict) continue;
    if (name == "xmlns") return "";
    if (name.substr(0, 6) == "xmlns:") return std::string(name.substr(6)) + ":";
  }
  return "w:";
}

// Paragraph style ids mapped to what they are: Word stores a style id
// ("Heading1", or "berschrift1" in a German Word), the name says more
// ("heading 1"); a style based on a heading is a heading.
class StyleKinds {
 public:
  void Load(const pugi::xml_node& styles, const std::string& w) {
    std::map<std::string, std::string> based_on;
    for (pugi::xml_node s = styles.child((w + "style").c_str()); s;
         s = s.next_sibling((w + "style").c_str())) {
      const std::string id = s.attribute((w + "styleId").c_str()).value();
      const std::string name =
          Lower(s.child((w + "name").c_str()).attribute((w + "val").c_str()).value());
      if (id.empty()) continue;
      names_[id] = name;
      if (s.child((w + "pPr").c_str()).child((w + "outlineLvl").c_str())) outline_[id] = true;
      based_on[id] = s.child((w + "basedOn").c_str()).attribute((w + "val").c_str()).value();
    }
    based_on_ = std::move(based_on);
  }

  BlockKind Kind(const std::string& id) const {
    std::string at = id;
    for (int hops = 0; hops < 16 && !at.empty(); ++hops) {
      const BlockKind k = Own(at);
      if (k != BlockKind::kParagraph) return k;
      auto it = based_on_.find(at);
      if (it == based_on_.end()) break;
      at = it->second;
    }
    return BlockKind::kParagraph;
  }

 private:
  BlockKind Own(const std::string& id) const {
    auto it = names_.find(id);
    const std::string name = it != names_.end() && !it->second.empty() ? it->second : Lower(id);
    if (name == "caption" || name == "figure caption" || name == "image caption") {
      return BlockKind::kCaption;
    }
    if (name == "title" || name == "subtitle" || name.rfind("heading", 0) == 0 ||
        outline_.count(id)) {
      return BlockKind::kHeading;
    }
    return BlockKind::kParagraph;
  }

  std::map<std::string, std::string> names_, based_on_;
  std::map<std::string, bool> outline_;
};

// Walks a part in document order, one OfficeParagraph per <w:p>. A
// paragraph inside another (a text box) is finished on its own, before the
// one holding it.
class WordWalker {
 public:
  WordWalker(std::string w, const StyleKinds& styles, std::vector<OfficeParagraph>* out)
      : w_(std::move(w)), styles_(styles), out_(out) {}

  void Walk(const pugi::xml_node& node) {
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_element) Element(child);
    }
  }

 private:
  bool Is(const pugi::xml_node& n, const char* local) const {
    const std::string_view name = n.name();
    return name.size() == w_.size() + std::char_traits<char>::length(local) &&
           name.substr(0, w_.size()) == w_ && name.substr(w_.size()) == local;
  }

  void Text(std::string_view s) {
    if (!open_.empty()) open_.back().text.append(s);
  }

  void Element(const pugi::xml_node& n) {
    const std::string_view name = n.name();
    if (Is(n, "p")) return Paragraph(n);
    if (Is(n, "t")) {
      for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) Text(c.value());
      return;
    }
    if (Is(n, "tab") || Is(n, "ptab")) return Text("\t");
    if (Is(n, "br") || Is(n, "cr")) return Text(" ");
    if (Is(n, "noBreakHyphen")) return Text("-");
    // Deleted text (tracked changes), field instructions (HYPERLINK "..."),
    // properties and comments hold no words of the document.
    if (Is(n, "del") || Is(n, "moveFrom") || Is(n, "delText") || Is(n, "instrText") ||
        Is(n, "rPr") || Is(n, "sectPr") || Is(n, "sdtPr") || Is(n, "commentReference") ||
        Is(n, "footnoteReference") || Is(n, "endnoteReference")) {
      return;
    }
    if (Is(n, "pPr")) return Properties(n);
    if (Is(n, "drawing") || Is(n, "pict") || Is(n, "object")) {
      if (!open_.empty()) open_.back().picture = true;
      return Walk(n);  // a text box inside a drawing has paragraphs
    }
    // Markup compatibility: the first choice only, or a text box would be
    // read twice (its fallback repeats it for older readers).
    if (name.size() > 18 && name.substr(name.size() - 18) == ":AlternateContent") {
      pugi::xml_node first = n.first_child();
      while (first && first.type() != pugi::node_element) first = first.next_sibling();
      if (first) Walk(first);
      return;
    }
    Walk(n);  // runs, insertions, hyperlinks, tables, content controls
  }

  void Properties(const pugi::xml_node& ppr) {
    if (open_.empty()) return;
    Open& p = open_.back();
    const std::string style =
        ppr.child((w_ + "pStyle").c_str()).attribute((w_ + "val").c_str()).value();
    if (!style.empty()) p.kind = styles_.Kind(style);
    if (p.kind == BlockKind::kParagraph && ppr.child((w_ + "outlineLvl").c_str())) {
      p.kind = BlockKind::kHeading;
    }
  }

  void Paragraph(const pugi::xml_node& n) {
    open_.push_back({});
    Walk(n);
    Open p = std::move(open_.back());
    open_.pop_back();
    const bool has_text = p.text.find_first_not_of(" \t") != std::string::npos;
    if (!has_text) {
      // The paragraph after a picture is its caption (Word's own captions
      // carry the Caption style; many writers just type a line below).
      if (p.picture) after_picture_ = true;
      return;
    }
    if (after_picture_ && p.kind == BlockKind::kParagraph) p.kind = BlockKind::kCaption;
    after_picture_ = false;
    out_->push_back({std::move(p.text), p.kind});
  }

  struct Open {
    std::string text;
    BlockKind kind = BlockKind::kParagraph;
    bool picture = false;
  };

  std::string w_;
  const StyleKinds& styles_;
  std::vector<OfficeParagraph>* out_;
  std::vector<Open> open_;
  bool after_picture_ = false;
};

// Footnotes or endnotes: every note but the separators Word keeps there.
void ReadNotes(const pugi::xml_node& root, const char* note, const std::string& w,
               const StyleKinds& styles, std::vector<OfficeParagraph>* out) {
  for (pugi::xml_node n = root.child((w + note).c_str()); n;
       n = n.next_sibling((w + note).c_str())) {
    const std::string type = n.attribute((w + "type").c_str()).value();
    if (!type.empty() && type != "normal") continue;
    WordWalker walker(w, styles, out);
    walker.Walk(n);
  }
}

void ReadCoreProperties(const pugi::xml_node& root, DocumentMeta* meta) {
  for (pugi::xml_node n = root.first_child(); n; n = n.next_sibling()) {
    const std::string_view name = n.name();
    const size_t colon = name.find(':');
    const std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
    const std::string value = NodeText(n);
    if (value.empty()) continue;
    if (local == "title") meta->title = value;
    if (local == "creator") meta->authors = {value};
    if (local == "created" && meta->date.empty()) meta->date = DateOfTimestamp(value);
    if (local == "identifier") meta->id = value;
  }
}

}  // namespace

Result<Article> ReadDocx(std::string_view name, std::string_view bytes) {
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<ZipArchive> zip, ZipArchive::Open(name, bytes));
  pugi::xml_document body;
  PROVCHECK_ASSIGN_OR_RETURN(bool has_body, LoadXmlPart(*zip, name, "word/document.xml", &body));
  if (!has_body) {
    return Status::InvalidInput(std::string(name) +
                                ": not a Word document (no word/document.xml in the archive)");
  }
  const pugi::xml_node root = body.document_element();
  const std::string w = WordPrefix(root);
  StyleKinds styles;
  pugi::xml_document styles_xml;
  PROVCHECK_ASSIGN_OR_RETURN(bool has_styles,
                             LoadXmlPart(*zip, name, "word/styles.xml", &styles_xml));
  if (has_styles)
    styles.Load(styles_xml.document_element(), WordPrefix(styles_xml.document_element()));

  OfficeDocument doc;
  WordWalker walker(w, styles, &doc.paragraphs);
  walker.Walk(root.child((w + "body").c_str()));
  for (const auto& [entry, note] :
       {std::pair{"word/footnotes.xml", "footnote"}, std::pair{"word/endnotes.xml", "endnote"}}) {
    pugi::xml_document notes;
    PROVCHECK_ASSIGN_OR_RETURN(bool has_notes, LoadXmlPart(*zip, name, entry, &notes));
    if (has_notes) {
      const pugi::xml_node r = notes.document_element();
      ReadNotes(r, note, WordPrefix(r), styles, &doc.notes);
    }
  }
  pugi::xml_document core;
  PROVCHECK_ASSIGN_OR_RETURN(bool has_core, LoadXmlPart(*zip, name, "docProps/core.xml", &core));
  if (has_core) ReadCoreProperties(core.document_element(), &doc.meta);
  return OfficeArticle(name, std::move(doc));
}

}  // namespace provcheck::text
