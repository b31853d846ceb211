#include "text/markdown_reader.h"

#include <cctype>
#include <string>
#include <vector>

#include "text/block_writer.h"
#include "text/entities.h"
#include "text/front_matter.h"
#include "text/markdown_inline.h"

namespace provcheck::text {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

struct Span {
  uint32_t begin;
  uint32_t end;
};

enum class ParsedKind { kParagraph, kHeading, kCode };

// A block's content: spans of the original that, concatenated, are its
// lines (markers removed) joined by their original line breaks.
struct Block {
  ParsedKind kind = ParsedKind::kParagraph;
  std::vector<Span> spans;
  Span pending_break = {0, 0};  // the last line's break, added before the next line
};

struct Line {
  uint32_t begin;
  uint32_t end;   // before "\n" or "\r\n"
  uint32_t next;  // start of the next line
};

// Splits the lines of a Markdown body into blocks (CommonMark's block
// structure, reduced to what articles use).
class BlockParser {
 public:
  explicit BlockParser(std::string_view bytes) : bytes_(bytes) {}

  void Run(uint32_t start);
  const std::vector<Block>& blocks() const { return blocks_; }
  const LinkLabels& labels() const { return labels_; }

 private:
  void ParseLine(const Line& line);
  bool OpenHtmlBlock(const Line& line, uint32_t p, uint32_t end);
  void ContinueHtmlBlock(const Line& line);
  void ContinueFence(const Line& line, uint32_t p);
  bool OpenFence(uint32_t p, uint32_t end);
  bool IsThematicBreak(uint32_t p, uint32_t end) const;
  bool AllOf(uint32_t p, uint32_t end, char c) const;
  uint32_t ListMarkerEnd(uint32_t p, uint32_t end) const;
  bool AddAtxHeading(uint32_t p, uint32_t end);
  bool AddReferenceDefinition(uint32_t p, uint32_t end);
  uint32_t SkipBlanks(uint32_t p, uint32_t end) const;
  void CloseParagraph(ParsedKind kind = ParsedKind::kParagraph);
  static void AddLine(Block* block, Span content, const Line& line);

  std::string_view bytes_;
  std::vector<Block> blocks_;
  LinkLabels labels_;
  bool paragraph_open_ = false;
  uint32_t paragraph_depth_ = 0;    // block quote depth of its first line
  bool paragraph_in_item_ = false;  // it began after a list marker
  Block paragraph_;
  // While an HTML comment or a <script>, <style>, <pre> or <textarea>
  // block is open, the text that closes it; blank lines do not end it.
  std::string html_end_;
  bool fence_open_ = false;
  char fence_char_ = 0;
  uint32_t fence_length_ = 0;
  Block code_;
};

void BlockParser::Run(uint32_t start) {
  for (uint32_t p = start; p < bytes_.size();) {
    size_t nl = bytes_.find('\n', p);
    if (nl == std::string_view::npos) nl = bytes_.size();
    uint32_t end = static_cast<uint32_t>(nl);
    if (end > p && bytes_[end - 1] == '\r') --end;
    const uint32_t next = static_cast<uint32_t>(nl < bytes_.size() ? nl + 1 : nl);
    ParseLine({p, end, next});
    p = next;
  }
  CloseParagraph();
  if (fence_open_ && !code_.spans.empty()) blocks_.push_back(std::move(code_));
}

uint32_t BlockParser::SkipBlanks(uint32_t p, uint32_t end) const {
  while (p < end && IsBlank(bytes_[p])) ++p;
  return p;
}

void BlockParser::AddLine(Block* block, Span content, const Line& line) {
  if (!block->spans.empty()) block->spans.push_back(block->pending_break);
  block->spans.push_back(content);
  block->pending_break = {line.end, line.next};
}

void BlockParser::CloseParagraph(ParsedKind kind) {
  if (!paragraph_open_) return;
  paragraph_.kind = kind;
  blocks_.push_back(std::move(paragraph_));
  paragraph_ = Block();
  paragraph_open_ = false;
}

void BlockParser::ParseLine(const Line& line) {
  if (!html_end_.empty()) return ContinueHtmlBlock(line);
  // Block quote markers; indentation is not code in articles, so it goes too.
  uint32_t p = SkipBlanks(line.begin, line.end);
  uint32_t depth = 0;
  while (p < line.end && bytes_[p] == '>') {
    ++depth;
    p = SkipBlanks(p + 1, line.end);
  }
  if (fence_open_) return ContinueFence(line, p);
  uint32_t end = line.end;
  while (end > p && IsBlank(bytes_[end - 1])) --end;
  if (p == end) return CloseParagraph();
  if (OpenFence(p, end) || OpenHtmlBlock(line, p, end)) return;
  if (IsThematicBreak(p, end)) {
    // "---" under a paragraph underlines a setext heading.
    if (paragraph_open_ && AllOf(p, end, '-')) return CloseParagraph(ParsedKind::kHeading);
    return CloseParagraph();
  }
  if (paragraph_open_ && AllOf(p, end, '=')) return CloseParagraph(ParsedKind::kHeading);
  const uint32_t marker_end = ListMarkerEnd(p, end);
  const bool item = marker_end != 0;
  if (item) {
    CloseParagraph();
    p = SkipBlanks(marker_end, end);
    if (p == end) return;
  }
  if (AddAtxHeading(p, end)) return;
  if (!paragraph_open_ && AddReferenceDefinition(p, end)) return;
  // Lines with fewer quote markers continue the paragraph ("laziness").
  if (!paragraph_open_ || item || depth > paragraph_depth_) {
    CloseParagraph();
    paragraph_open_ = true;
    paragraph_depth_ = depth;
    paragraph_in_item_ = item;
  }
  AddLine(&paragraph_, {p, line.end}, line);
}

// Finds `needle` (lower case) in `haystack`, ignoring ASCII case.
bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  std::string lower(haystack);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find(needle) != std::string::npos;
}

// An HTML block that may hold blank lines (CommonMark 4.6, kinds 1 and 2)
// is kept whole, so the inline reader can skip a comment or script in it.
bool BlockParser::OpenHtmlBlock(const Line& line, uint32_t p, uint32_t end) {
  const std::string_view rest = bytes_.substr(p, end - p);
  std::string close;
  if (rest.substr(0, 4) == "<!--") {
    if (rest.find("-->", 4) != std::string_view::npos) return false;
    close = "-->";
  } else {
    for (std::string_view tag : {"script", "style", "pre", "textarea"}) {
      if (rest.size() > tag.size() + 1 && rest[0] == '<' &&
          ContainsIgnoreCase(rest.substr(1, tag.size()), tag) &&
          (rest[tag.size() + 1] == '>' || IsBlank(rest[tag.size() + 1]))) {
        close = "</" + std::string(tag) + ">";
        if (ContainsIgnoreCase(rest, close)) return false;
        break;
      }
    }
    if (close.empty()) return false;
  }
  CloseParagraph();
  paragraph_open_ = true;
  paragraph_depth_ = 0;
  paragraph_in_item_ = false;
  AddLine(&paragraph_, {p, line.end}, line);
  html_end_ = std::move(close);
  return true;
}

void BlockParser::ContinueHtmlBlock(const Line& line) {
  AddLine(&paragraph_, {line.begin, line.end}, line);
  if (ContainsIgnoreCase(bytes_.substr(line.begin, line.end - line.begin), html_end_)) {
    html_end_.clear();
    CloseParagraph();
  }
}

bool BlockParser::OpenFence(uint32_t p, uint32_t end) {
  const char c = bytes_[p];
  if (c != '`' && c != '~') return false;
  uint32_t run_end = p;
  while (run_end < end && bytes_[run_end] == c) ++run_end;
  if (run_end - p < 3) return false;
  if (c == '`' && bytes_.substr(run_end, end - run_end).find('`') != std::string_view::npos) {
    return false;  // a code span such as ```x```
  }
  CloseParagraph();
  fence_open_ = true;
  fence_char_ = c;
  fence_length_ = run_end - p;
  code_ = Block();
  code_.kind = ParsedKind::kCode;
  return true;
}

void BlockParser::ContinueFence(const Line& line, uint32_t p) {
  uint32_t run_end = p;
  while (run_end < line.end && bytes_[run_end] == fence_char_) ++run_end;
  if (run_end - p >= fence_length_ && SkipBlanks(run_end, line.end) == line.end) {
    if (!code_.spans.empty()) blocks_.push_back(std::move(code_));
    code_ = Block();
    fence_open_ = false;
    return;
  }
  AddLine(&code_, {p, line.end}, line);
}

bool BlockParser::AllOf(uint32_t p, uint32_t end, char c) const {
  for (uint32_t i = p; i < end; ++i) {
    if (bytes_[i] != c) return false;
  }
  return p < end;
}

bool BlockParser::IsThematicBreak(uint32_t p, uint32_t end) const {
  const char c = bytes_[p];
  if (c != '*' && c != '-' && c != '_') return false;
  int count = 0;
  for (uint32_t i = p; i < end; ++i) {
    if (bytes_[i] == c) {
      ++count;
    } else if (!IsBlank(bytes_[i])) {
      return false;
    }
  }
  return count >= 3;
}

// The end of a list marker ("- ", "* ", "+ ", "1. ", "2) ") at p, or 0.
uint32_t BlockParser::ListMarkerEnd(uint32_t p, uint32_t end) const {
  const char c = bytes_[p];
  if (c == '-' || c == '*' || c == '+') {
    return p + 1 == end || IsBlank(bytes_[p + 1]) ? p + 1 : 0;
  }
  uint32_t k = p;
  while (k < end && IsDigit(bytes_[k]) && k - p < 9) ++k;
  if (k == p || k >= end || (bytes_[k] != '.' && bytes_[k] != ')')) return 0;
  if (k + 1 < end && !IsBlank(bytes_[k + 1])) return 0;
  // Outside a list only "1." may interrupt a paragraph, so "2022. Later"
  // stays text.
  if (paragraph_open_ && !paragraph_in_item_ && !(k == p + 1 && bytes_[p] == '1')) return 0;
  return k + 1;
}

bool BlockParser::AddAtxHeading(uint32_t p, uint32_t end) {
  uint32_t k = p;
  while (k < end && bytes_[k] == '#') ++k;
  if (k == p || k - p > 6 || (k < end && !IsBlank(bytes_[k]))) return false;
  CloseParagraph();
  const uint32_t begin = SkipBlanks(k, end);
  uint32_t stop = end;
  // An optional closing run of '#' after a space: "## Title ##".
  uint32_t hashes = stop;
  while (hashes > begin && bytes_[hashes - 1] == '#') --hashes;
  if (hashes == begin || IsBlank(bytes_[hashes - 1])) {
    stop = hashes;
    while (stop > begin && IsBlank(bytes_[stop - 1])) --stop;
  }
  Block heading;
  heading.kind = ParsedKind::kHeading;
  heading.spans.push_back({begin, stop});
  blocks_.push_back(std::move(heading));
  return true;
}

// "[label]: destination 'optional title'" on one line.
bool BlockParser::AddReferenceDefinition(uint32_t p, uint32_t end) {
  if (bytes_[p] != '[') return false;
  uint32_t q = p + 1;
  while (q < end && bytes_[q] != ']') {
    if (bytes_[q] == '[') return false;
    q += bytes_[q] == '\\' ? 2 : 1;
  }
  if (q >= end || q == p + 1 || q + 1 >= end || bytes_[q + 1] != ':') return false;
  const std::string_view label = bytes_.substr(p + 1, q - p - 1);
  uint32_t r = SkipBlanks(q + 2, end);
  if (r == end) return false;
  if (bytes_[r] == '<') {
    const size_t close = bytes_.find('>', r);
    if (close == std::string_view::npos || close >= end) return false;
    r = static_cast<uint32_t>(close + 1);
  } else {
    while (r < end && !IsBlank(bytes_[r])) ++r;
  }
  const uint32_t title = SkipBlanks(r, end);
  if (title < end) {
    const char open = bytes_[title];
    const char close = open == '(' ? ')' : open;
    if ((open != '"' && open != '\'' && open != '(') || title == r || end - title < 2 ||
        bytes_[end - 1] != close) {
      return false;
    }
  }
  labels_.insert(NormaliseLinkLabel(label));
  return true;
}

InlineSource Gather(std::string_view bytes, const std::vector<Span>& spans) {
  InlineSource source;
  for (const Span& span : spans) {
    source.text.append(bytes.substr(span.begin, span.end - span.begin));
    for (uint32_t i = span.begin; i < span.end; ++i) source.original.push_back(i);
  }
  source.original.push_back(spans.empty() ? 0 : spans.back().end);
  return source;
}

// True when the block's first content line starts with `prefix`.
bool OpensWith(std::string_view bytes, const Block& block, std::string_view prefix) {
  if (block.spans.empty()) return false;
  const Span& first = block.spans.front();
  return bytes.substr(first.begin, first.end - first.begin).substr(0, prefix.size()) == prefix;
}

// The kind recorded for a block: a paragraph opened by an image (or an
// emphasised line right after an image alone) is the image's caption.
BlockKind KindOf(const Block& block, bool caption) {
  switch (block.kind) {
    case ParsedKind::kHeading:
      return BlockKind::kHeading;
    case ParsedKind::kCode:
      return BlockKind::kCode;
    case ParsedKind::kParagraph:
      break;
  }
  return caption ? BlockKind::kCaption : BlockKind::kParagraph;
}

}  // namespace

Result<Article> ReadMarkdown(std::string_view name, std::string_view bytes) {
  PROVCHECK_ASSIGN_OR_RETURN(FrontMatter front, ParseFrontMatter(name, bytes));
  uint32_t start = front.end;
  if (start == 0 && bytes.substr(0, kBom.size()) == kBom) start = kBom.size();
  BlockParser parser(bytes);
  parser.Run(start);

  Article article;
  article.meta = std::move(front.meta);
  article.original = std::string(bytes);
  article.original_format = Format::kMarkdown;
  EntityDecoder entities;
  BlockWriter writer(&article.body);
  std::string first_heading;
  bool image_before = false;  // the previous block was an image alone
  for (const Block& block : parser.blocks()) {
    const bool opens_with_image = OpensWith(bytes, block, "![");
    writer.SetKind(
        KindOf(block, opens_with_image || (image_before && (OpensWith(bytes, block, "*") ||
                                                            OpensWith(bytes, block, "_")))));
    if (block.kind == ParsedKind::kCode) {
      for (const Span& span : block.spans) {
        writer.Verbatim(bytes.substr(span.begin, span.end - span.begin), span.begin);
      }
    } else {
      WriteInlines(Gather(bytes, block.spans), parser.labels(), &entities, &writer);
    }
    const std::string_view text = writer.EndBlock();
    image_before = block.kind == ParsedKind::kParagraph && opens_with_image && text.empty();
    if (block.kind == ParsedKind::kHeading && first_heading.empty()) {
      first_heading = CollapseSpaces(text);
    }
  }
  if (article.meta.title.empty()) article.meta.title = std::move(first_heading);
  return article;
}

}  // namespace provcheck::text
