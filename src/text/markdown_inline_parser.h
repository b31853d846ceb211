// The inline Markdown parser behind WriteInlines (markdown_inline.h), shared
// by its two files: markdown_inline.cc (the item list, code spans,
// emphasis, writing) and markdown_links.cc (brackets, links, autolinks,
// inline HTML, character references).
//
// Thread-safety: one parser per block; not shared.
#ifndef PROVCHECK_SRC_TEXT_MARKDOWN_INLINE_PARSER_H_
#define PROVCHECK_SRC_TEXT_MARKDOWN_INLINE_PARSER_H_

#include <unicode/uchar.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/markdown_inline.h"

namespace provcheck::text::internal {

inline constexpr size_t kNone = std::string::npos;
inline constexpr int kMaxLinkParens = 32;  // as cmark, to bound the work on "(((("

enum class ItemKind { kText, kReplacement, kDelimiter, kSkip, kLineBreak, kBlockBreak };

// A piece of the source and what it gives.
struct Item {
  ItemKind kind;
  uint32_t begin;
  uint32_t end;
  std::string replacement;  // kReplacement
  uint32_t open_used = 0;   // kDelimiter: characters matched as an opener (at its end)
  uint32_t close_used = 0;  // kDelimiter: characters matched as a closer (at its start)
};

// A run of * or _ that may open or close emphasis (CommonMark 6.2).
struct Delimiter {
  size_t item;
  char ch;
  uint32_t count;   // characters not yet matched
  uint32_t length;  // characters in the run
  bool can_open;
  bool can_close;
  int prev;
  int next;
};

struct Bracket {
  size_t item;
  bool image;
  bool active;
  int delimiter_bottom;  // the top delimiter when the bracket opened
};

enum class CharClass { kSpace, kPunctuation, kOther };

inline CharClass Classify(UChar32 c) {
  if (c < 0) return CharClass::kOther;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
      u_charType(c) == U_SPACE_SEPARATOR) {
    return CharClass::kSpace;
  }
  if ((U_GET_GC_MASK(c) & (U_GC_P_MASK | U_GC_S_MASK)) != 0) return CharClass::kPunctuation;
  return CharClass::kOther;
}

inline bool IsAsciiPunctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
inline bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
inline bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

inline char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

inline bool IsBlockTag(std::string_view name) {
  static constexpr std::string_view kBlockTags[] = {
      "p",  "div", "figure",  "figcaption", "li",      "ul",         "ol",     "h1",
      "h2", "h3",  "h4",      "h5",         "h6",      "blockquote", "table",  "tr",
      "td", "th",  "caption", "section",    "article", "header",     "footer", "aside",
      "hr", "pre", "dl",      "dt",         "dd",      "main",       "nav",    "address"};
  for (std::string_view tag : kBlockTags) {
    if (tag == name) return true;
  }
  return false;
}

class InlineParser {
 public:
  InlineParser(const InlineSource& source, const LinkLabels& labels, EntityDecoder* entities)
      : s_(source.text), original_(source.original), labels_(labels), entities_(entities) {}

  void Parse();
  void Write(BlockWriter* writer) const;

 private:
  // Each Parse* handles the construct at s_[i]: it adds its items and
  // returns the offset after it, or kNone when s_[i] is plain text.
  size_t ParseBackslash(size_t i);
  size_t ParseCodeSpan(size_t i);
  size_t ParseDelimiterRun(size_t i);
  size_t ParseOpenBracket(size_t i, bool image);
  size_t ParseCloseBracket(size_t i);
  size_t ParseAngle(size_t i);
  size_t ParseEntity(size_t i);

  size_t LinkTailEnd(size_t p, std::string_view link_text) const;
  size_t InlineLinkEnd(size_t p) const;
  size_t AutolinkEnd(size_t i) const;
  size_t HtmlEnd(size_t i, std::string* name, bool* closing) const;
  size_t SkipSpace(size_t p) const;
  CharClass ClassBefore(size_t i) const;
  CharClass ClassAt(size_t i) const;

  void ProcessEmphasis(int bottom);
  void Unlink(int d);
  void AddItem(ItemKind kind, size_t begin, size_t end, std::string replacement = {});
  void WriteText(uint32_t begin, uint32_t end, BlockWriter* writer) const;

  const std::string& s_;
  const std::vector<uint32_t>& original_;
  const LinkLabels& labels_;
  EntityDecoder* entities_;
  std::vector<Item> items_;
  std::vector<Delimiter> delimiters_;
  int last_delimiter_ = -1;
  std::vector<Bracket> brackets_;
};

}  // namespace provcheck::text::internal

#endif  // PROVCHECK_SRC_TEXT_MARKDOWN_INLINE_PARSER_H_
