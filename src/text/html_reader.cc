#include "text/html_reader.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "text/block_writer.h"
#include "text/entities.h"

namespace provcheck::text {
namespace {

constexpr size_t kNone = std::string_view::npos;
// How far down the open elements an end tag is looked for while estimating
// nesting; bounds the scan's work on pathological input.
constexpr size_t kEndTagSearch = 256;

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return Lower(x) == Lower(y); });
}

bool IsOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements that never hold others (void) or that a sibling closes
// implicitly: neither can make the tree deep.
bool CannotNest(std::string_view name) {
  return IsOneOf(name,
                 {"area", "base",   "br",     "col",      "embed", "hr",    "img",      "input",
                  "link", "meta",   "param",  "source",   "track", "wbr",   "p",        "li",
                  "dt",   "dd",     "option", "optgroup", "tr",    "td",    "th",       "rb",
                  "rt",   "rp",     "rtc",    "tbody",    "thead", "tfoot", "colgroup", "caption",
                  "a",    "button", "form",   "nobr",     "html",  "head",  "body"});
}

bool IsRawText(std::string_view name) {
  return IsOneOf(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                        "noframes", "noscript", "plaintext"});
}

// Reads the tag at html[i] ('<'): its lower-case name, whether it closes,
// and the offset after its '>'. Returns false when it is not a tag.
bool ReadTag(std::string_view html, size_t i, std::string* name, bool* closing, size_t* end) {
  size_t q = i + 1;
  *closing = q < html.size() && html[q] == '/';
  if (*closing) ++q;
  name->clear();
  while (q < html.size() && (std::isalnum(static_cast<unsigned char>(html[q])) || html[q] == '-')) {
    name->push_back(Lower(html[q++]));
  }
  if (name->empty() || !std::isalpha(static_cast<unsigned char>((*name)[0]))) return false;
  char quote = 0;
  for (; q < html.size(); ++q) {
    if (quote != 0) {
      if (html[q] == quote) quote = 0;
    } else if (html[q] == '"' || html[q] == '\'') {
      quote = html[q];
    } else if (html[q] == '>') {
      *end = q + 1;
      return true;
    }
  }
  *end = html.size();
  return true;
}

// Estimates how deep elements nest, stopping once past `limit`: a tag scan
// that mimics the tree builder just enough (end tags close what they
// enclose; void and implicitly closed elements do not count).
size_t EstimateNesting(std::string_view html, size_t limit) {
  std::vector<std::string> open;
  size_t deepest = 0;
  std::string name;
  for (size_t i = html.find('<'); i != kNone && deepest <= limit; i = html.find('<', i)) {
    if (html.substr(i, 4) == "<!--") {
      const size_t e = html.find("-->", i + 4);
      i = e == kNone ? html.size() : e + 3;
      continue;
    }
    bool closing = false;
    size_t end = i + 1;
    if (!ReadTag(html, i, &name, &closing, &end)) {
      i = end;
      continue;
    }
    i = end;
    if (closing) {
      const size_t lowest = open.size() > kEndTagSearch ? open.size() - kEndTagSearch : 0;
      for (size_t k = open.size(); k > lowest; --k) {
        if (open[k - 1] == name) {
          open.resize(k - 1);
          break;
        }
      }
    } else if (IsRawText(name)) {
      // Skip to the matching end tag; its content is not markup.
      std::string close_name;
      bool close_closing = false;
      size_t skip_to = html.size();
      for (size_t k = html.find("</", i); k != kNone; k = html.find("</", k + 2)) {
        if (ReadTag(html, k, &close_name, &close_closing, &end) && close_name == name) {
          skip_to = end;
          break;
        }
      }
      i = skip_to;
    } else if (!CannotNest(name)) {
      open.push_back(name);
      deepest = std::max(deepest, open.size());
    }
  }
  return deepest;
}

// Elements that end a paragraph where they start and end.
constexpr GumboTag kBlockTags[] = {
    GUMBO_TAG_HTML,    GUMBO_TAG_BODY,    GUMBO_TAG_P,          GUMBO_TAG_DIV,
    GUMBO_TAG_H1,      GUMBO_TAG_H2,      GUMBO_TAG_H3,         GUMBO_TAG_H4,
    GUMBO_TAG_H5,      GUMBO_TAG_H6,      GUMBO_TAG_HGROUP,     GUMBO_TAG_LI,
    GUMBO_TAG_UL,      GUMBO_TAG_OL,      GUMBO_TAG_DL,         GUMBO_TAG_DT,
    GUMBO_TAG_DD,      GUMBO_TAG_FIGURE,  GUMBO_TAG_FIGCAPTION, GUMBO_TAG_BLOCKQUOTE,
    GUMBO_TAG_TABLE,   GUMBO_TAG_CAPTION, GUMBO_TAG_THEAD,      GUMBO_TAG_TBODY,
    GUMBO_TAG_TFOOT,   GUMBO_TAG_TR,      GUMBO_TAG_TD,         GUMBO_TAG_TH,
    GUMBO_TAG_SECTION, GUMBO_TAG_ARTICLE, GUMBO_TAG_HEADER,     GUMBO_TAG_FOOTER,
    GUMBO_TAG_ASIDE,   GUMBO_TAG_NAV,     GUMBO_TAG_MAIN,       GUMBO_TAG_ADDRESS,
    GUMBO_TAG_PRE,     GUMBO_TAG_HR,      GUMBO_TAG_FORM,       GUMBO_TAG_FIELDSET,
    GUMBO_TAG_LEGEND,  GUMBO_TAG_DETAILS, GUMBO_TAG_SUMMARY,    GUMBO_TAG_CENTER,
    GUMBO_TAG_MENU,    GUMBO_TAG_LISTING};

// Elements whose content is not article text.
constexpr GumboTag kSkippedTags[] = {
    GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE,  GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_IFRAME,
    GUMBO_TAG_OBJECT, GUMBO_TAG_SVG,    GUMBO_TAG_MATH,     GUMBO_TAG_TEXTAREA, GUMBO_TAG_SELECT,
    GUMBO_TAG_IMG,    GUMBO_TAG_CANVAS, GUMBO_TAG_VIDEO,    GUMBO_TAG_AUDIO};

template <size_t N>
bool Contains(const GumboTag (&tags)[N], GumboTag tag) {
  return std::find(std::begin(tags), std::end(tags), tag) != std::end(tags);
}

bool IsBlock(GumboTag tag) { return Contains(kBlockTags, tag); }

// The kind of the blocks inside a block element; other elements keep the
// kind of the one around them (a <p> in a <figcaption> is caption text).
BlockKind KindInside(GumboTag tag, BlockKind outer) {
  switch (tag) {
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return BlockKind::kHeading;
    case GUMBO_TAG_FIGCAPTION:
      return BlockKind::kCaption;
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
      return BlockKind::kListItem;
    case GUMBO_TAG_BLOCKQUOTE:
      return BlockKind::kQuote;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
      return BlockKind::kCode;
    default:
      return outer;
  }
}
bool IsSkipped(GumboTag tag) { return Contains(kSkippedTags, tag); }

// True when `mine` (raw text with references decoded) equals gumbo's text,
// which also turns "\r\n" and "\r" into "\n".
bool SameText(std::string_view mine, std::string_view gumbo) {
  size_t j = 0;
  for (size_t i = 0; i < mine.size(); ++i, ++j) {
    char c = mine[i];
    if (c == '\r') {
      if (i + 1 < mine.size() && mine[i + 1] == '\n') ++i;
      c = '\n';
    }
    if (j >= gumbo.size() || gumbo[j] != c) return false;
  }
  return j == gumbo.size();
}

std::vector<std::string> SplitAuthors(std::string_view list) {
  std::vector<std::string> authors;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == kNone) comma = list.size();
    std::string author = CollapseSpaces(list.substr(start, comma - start));
    if (!author.empty()) authors.push_back(std::move(author));
    start = comma + 1;
  }
  return authors;
}

const char* Attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&element.attributes, name);
  return attribute == nullptr ? nullptr : attribute->value;
}

// Walks the tree and writes the text and metadata it finds.
class HtmlWalker {
 public:
  HtmlWalker(std::string_view bytes, ExtractedText* body) : bytes_(bytes), writer_(body) {}

  void Walk(const GumboNode* root);
  DocumentMeta TakeMeta();

 private:
  bool Enter(const GumboNode* node);
  void Leave(const GumboNode* node);
  void Text(const GumboText& text);
  void Meta(const GumboElement& element);
  void Link(const GumboElement& element);
  static std::string ChildText(const GumboElement& element);

  std::string_view bytes_;
  EntityDecoder entities_;
  BlockWriter writer_;
  DocumentMeta provcheck_;  // <meta name="provcheck:...">
  DocumentMeta standard_;   // author, og:title, canonical
  std::string title_element_;
  std::string h1_;
  const GumboNode* h1_node_ = nullptr;  // the first <h1>, while inside it
  bool h1_seen_ = false;
  std::vector<BlockKind> kinds_;  // the kind outside each open block element
};

void HtmlWalker::Walk(const GumboNode* root) {
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
  };
  std::vector<Frame> stack;
  if (Enter(root)) stack.push_back({root, 0});
  while (!stack.empty()) {
    const GumboNode* node = stack.back().node;
    const GumboVector& children = node->v.element.children;
    if (stack.back().next_child >= children.length) {
      Leave(node);
      stack.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(children.data[stack.back().next_child++]);
    switch (child->type) {
      case GUMBO_NODE_ELEMENT:
        if (Enter(child)) stack.push_back({child, 0});
        break;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
        Text(child->v.text);
        break;
      default:  // comments, CDATA, template contents
        break;
    }
  }
  writer_.EndBlock();
}

bool HtmlWalker::Enter(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  const GumboElement& element = node->v.element;
  switch (element.tag) {
    case GUMBO_TAG_META:
      Meta(element);
      return false;
    case GUMBO_TAG_LINK:
      Link(element);
      return false;
    case GUMBO_TAG_TITLE:
      if (title_element_.empty()) title_element_ = CollapseSpaces(ChildText(element));
      return false;
    case GUMBO_TAG_BR:
      writer_.LineBreak(static_cast<uint32_t>(element.start_pos.offset));
      return false;
    case GUMBO_TAG_H1:
      if (!h1_seen_) {
        h1_seen_ = true;
        h1_node_ = node;
      }
      break;
    default:
      if (IsSkipped(element.tag)) return false;
      break;
  }
  if (IsBlock(element.tag)) {
    writer_.EndBlock();
    kinds_.push_back(writer_.kind());
    writer_.SetKind(KindInside(element.tag, writer_.kind()));
  }
  return true;
}

void HtmlWalker::Leave(const GumboNode* node) {
  if (IsBlock(node->v.element.tag)) {
    writer_.EndBlock();
    if (!kinds_.empty()) {
      writer_.SetKind(kinds_.back());
      kinds_.pop_back();
    }
  }
  if (node == h1_node_) h1_node_ = nullptr;
}

std::string HtmlWalker::ChildText(const GumboElement& element) {
  std::string text;
  for (unsigned i = 0; i < element.children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(element.children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
      text += child->v.text.text;
    }
  }
  return text;
}

void HtmlWalker::Text(const GumboText& text) {
  // gumbo encodes an overflowing numeric reference ("&#15555555569;") as
  // bytes that are not UTF-8; repair them (found by read_html_fuzz.cc).
  std::string repaired;
  if (base::FindInvalidUtf8(text.text)) repaired = base::ToValidUtf8(text.text);
  const std::string_view decoded_by_gumbo =
      repaired.empty() ? std::string_view(text.text) : std::string_view(repaired);
  if (h1_node_ != nullptr) h1_ += decoded_by_gumbo;
  const char* data = text.original_text.data;
  const size_t length = text.original_text.length;
  if (data == nullptr || data < bytes_.data() || data + length > bytes_.data() + bytes_.size()) {
    // Text gumbo made up has no bytes of its own to point at.
    writer_.Replacement(decoded_by_gumbo, static_cast<uint32_t>(text.start_pos.offset), 0);
    return;
  }
  const std::string_view raw(data, length);
  const uint32_t offset = static_cast<uint32_t>(data - bytes_.data());

  // Decode references ourselves so each piece keeps its own offset.
  struct Piece {
    uint32_t begin;
    uint32_t end;
    std::string decoded;  // empty for a verbatim piece
  };
  std::vector<Piece> pieces;
  std::string mine;
  size_t run = 0;
  for (size_t i = raw.find('&'); i != kNone; i = raw.find('&', i + 1)) {
    std::optional<EntityDecoder::Decoded> ref = entities_.DecodeAt(raw.substr(i));
    if (!ref) continue;
    if (run < i) pieces.push_back({static_cast<uint32_t>(run), static_cast<uint32_t>(i), {}});
    mine.append(raw.substr(run, i - run)).append(ref->text);
    pieces.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + ref->length), ref->text});
    run = i + ref->length;
    i = run - 1;
  }
  if (run < raw.size())
    pieces.push_back({static_cast<uint32_t>(run), static_cast<uint32_t>(raw.size()), {}});
  mine.append(raw.substr(run));
  if (!SameText(mine, decoded_by_gumbo)) {
    writer_.Replacement(decoded_by_gumbo, offset, static_cast<uint32_t>(length));
    return;
  }
  for (const Piece& piece : pieces) {
    if (piece.decoded.empty()) {
      writer_.Verbatim(raw.substr(piece.begin, piece.end - piece.begin), offset + piece.begin);
    } else {
      writer_.Replacement(piece.decoded, offset + piece.begin, piece.end - piece.begin);
    }
  }
}

void HtmlWalker::Meta(const GumboElement& element) {
  const char* key = Attribute(element, "name");
  if (key == nullptr) key = Attribute(element, "property");
  const char* content = Attribute(element, "content");
  if (key == nullptr || content == nullptr) return;
  std::string name(key);
  for (char& c : name) c = Lower(c);
  const std::string value = CollapseSpaces(content);
  constexpr std::string_view kPrefix = "provcheck:";
  if (name.compare(0, kPrefix.size(), kPrefix) == 0) {
    const std::string_view field = std::string_view(name).substr(kPrefix.size());
    if (field == "authors" || field == "author") {
      for (std::string& a : SplitAuthors(value)) provcheck_.authors.push_back(std::move(a));
    }
    std::string* target = field == "id"                              ? &provcheck_.id
                          : field == "title"                         ? &provcheck_.title
                          : field == "publisher"                     ? &provcheck_.publisher
                          : field == "date"                          ? &provcheck_.date
                          : field == "url"                           ? &provcheck_.url
                          : field == "licence" || field == "license" ? &provcheck_.licence
                                                                     : nullptr;
    if (target != nullptr) *target = value;
  } else if (name == "author" && !value.empty()) {
    standard_.authors.push_back(value);
  } else if (name == "og:title" && standard_.title.empty()) {
    standard_.title = value;
  }
}

void HtmlWalker::Link(const GumboElement& element) {
  const char* rel = Attribute(element, "rel");
  const char* href = Attribute(element, "href");
  if (rel == nullptr || href == nullptr || !standard_.url.empty()) return;
  const std::string_view rels(rel);
  for (size_t start = 0; start < rels.size();) {
    size_t end = rels.find_first_of(" \t\n\r\f", start);
    if (end == kNone) end = rels.size();
    if (EqualsIgnoreCase(rels.substr(start, end - start), "canonical")) {
      standard_.url = CollapseSpaces(href);
      return;
    }
    start = end + 1;
  }
}

DocumentMeta HtmlWalker::TakeMeta() {
  DocumentMeta meta = std::move(provcheck_);
  auto fill = [](std::string* field, std::string fallback) {
    if (field->empty()) *field = std::move(fallback);
  };
  fill(&meta.title, std::move(standard_.title));
  fill(&meta.title, CollapseSpaces(h1_));
  fill(&meta.title, std::move(title_element_));
  fill(&meta.url, std::move(standard_.url));
  if (meta.authors.empty()) meta.authors = std::move(standard_.authors);
  return meta;
}

}  // namespace

Result<Article> ReadHtml(std::string_view name, std::string_view bytes) {
  if (EstimateNesting(bytes, kMaxHtmlNesting) > kMaxHtmlNesting) {
    return Status::ResourceLimit(std::string(name) + ": HTML elements nested deeper than " +
                                 std::to_string(kMaxHtmlNesting));
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // recording errors copies the open elements each time
  auto destroy = [](GumboOutput* out) { gumbo_destroy_output(&kGumboDefaultOptions, out); };
  std::unique_ptr<GumboOutput, decltype(destroy)> output(
      gumbo_parse_with_options(&options, bytes.data(), bytes.size()), destroy);
  if (output == nullptr) return Status::Internal(std::string(name) + ": the HTML parser failed");

  Article article;
  article.original = std::string(bytes);
  article.original_format = Format::kHtml;
  HtmlWalker walker(bytes, &article.body);
  walker.Walk(output->root);
  article.meta = walker.TakeMeta();
  return article;
}

}  // namespace provcheck::text
