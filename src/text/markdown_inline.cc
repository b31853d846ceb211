#include "text/markdown_inline.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

namespace provcheck::text {
namespace {

constexpr size_t kNone = std::string::npos;
constexpr int kMaxLinkParens = 32;  // as cmark, to bound the work on "(((("

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

CharClass Classify(UChar32 c) {
  if (c < 0) return CharClass::kOther;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
      u_charType(c) == U_SPACE_SEPARATOR) {
    return CharClass::kSpace;
  }
  if ((U_GET_GC_MASK(c) & (U_GC_P_MASK | U_GC_S_MASK)) != 0) return CharClass::kPunctuation;
  return CharClass::kOther;
}

bool IsAsciiPunctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool IsBlockTag(std::string_view name) {
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

void InlineParser::AddItem(ItemKind kind, size_t begin, size_t end, std::string replacement) {
  items_.push_back(
      {kind, static_cast<uint32_t>(begin), static_cast<uint32_t>(end), std::move(replacement)});
}

void InlineParser::Parse() {
  size_t text_start = 0;
  size_t i = 0;
  while (i < s_.size()) {
    const char c = s_[i];
    if (c != '\\' && c != '`' && c != '*' && c != '_' && c != '!' && c != '[' && c != ']' &&
        c != '<' && c != '&') {
      ++i;
      continue;
    }
    if (text_start < i) AddItem(ItemKind::kText, text_start, i);
    text_start = i;
    size_t next = kNone;
    switch (c) {
      case '\\': next = ParseBackslash(i); break;
      case '`': next = ParseCodeSpan(i); break;
      case '*':
      case '_': next = ParseDelimiterRun(i); break;
      case '!':
        if (i + 1 < s_.size() && s_[i + 1] == '[') next = ParseOpenBracket(i, true);
        break;
      case '[': next = ParseOpenBracket(i, false); break;
      case ']': next = ParseCloseBracket(i); break;
      case '<': next = ParseAngle(i); break;
      case '&': next = ParseEntity(i); break;
    }
    if (next == kNone) {
      ++i;  // plain text; it joins the next text item
    } else {
      i = next;
      text_start = next;
    }
  }
  if (text_start < s_.size()) AddItem(ItemKind::kText, text_start, s_.size());
  ProcessEmphasis(-1);
}

size_t InlineParser::ParseBackslash(size_t i) {
  if (i + 1 >= s_.size()) return kNone;
  const char next = s_[i + 1];
  if (IsAsciiPunctuation(next)) {
    AddItem(ItemKind::kReplacement, i, i + 2, std::string(1, next));
    return i + 2;
  }
  if (next == '\n' || next == '\r') {  // a hard line break: the backslash goes
    AddItem(ItemKind::kSkip, i, i + 1);
    return i + 1;
  }
  return kNone;
}

size_t InlineParser::ParseCodeSpan(size_t i) {
  size_t open_end = i;
  while (open_end < s_.size() && s_[open_end] == '`') ++open_end;
  const size_t run = open_end - i;
  for (size_t k = open_end; k < s_.size();) {
    if (s_[k] != '`') {
      ++k;
      continue;
    }
    size_t close_end = k;
    while (close_end < s_.size() && s_[close_end] == '`') ++close_end;
    if (close_end - k == run) {
      // One space on each side is padding when both are there.
      size_t begin = open_end;
      size_t end = k;
      if (end - begin >= 2 && s_[begin] == ' ' && s_[end - 1] == ' ' &&
          s_.find_first_not_of(' ', begin) < end) {
        ++begin;
        --end;
      }
      AddItem(ItemKind::kSkip, i, begin);
      AddItem(ItemKind::kText, begin, end);
      AddItem(ItemKind::kSkip, end, close_end);
      return close_end;
    }
    k = close_end;
  }
  AddItem(ItemKind::kText, i, open_end);  // no closing run: literal backticks
  return open_end;
}

CharClass InlineParser::ClassBefore(size_t i) const {
  if (i == 0) return CharClass::kSpace;
  int32_t at = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(s_.data()), 0, at, c);
  return Classify(c);
}

CharClass InlineParser::ClassAt(size_t i) const {
  if (i >= s_.size()) return CharClass::kSpace;
  int32_t at = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s_.data()), at, static_cast<int32_t>(s_.size()), c);
  return Classify(c);
}

size_t InlineParser::ParseDelimiterRun(size_t i) {
  const char ch = s_[i];
  size_t end = i;
  while (end < s_.size() && s_[end] == ch) ++end;
  const CharClass before = ClassBefore(i);
  const CharClass after = ClassAt(end);
  const bool left = after != CharClass::kSpace &&
                    (after != CharClass::kPunctuation || before != CharClass::kOther);
  const bool right = before != CharClass::kSpace &&
                     (before != CharClass::kPunctuation || after != CharClass::kOther);
  bool can_open = left;
  bool can_close = right;
  if (ch == '_') {  // intraword _ is not emphasis: snake_case stays one word
    can_open = left && (!right || before == CharClass::kPunctuation);
    can_close = right && (!left || after == CharClass::kPunctuation);
  }
  AddItem(ItemKind::kDelimiter, i, end);
  if (can_open || can_close) {
    const uint32_t length = static_cast<uint32_t>(end - i);
    delimiters_.push_back(
        {items_.size() - 1, ch, length, length, can_open, can_close, last_delimiter_, -1});
    const int index = static_cast<int>(delimiters_.size()) - 1;
    if (last_delimiter_ >= 0) delimiters_[last_delimiter_].next = index;
    last_delimiter_ = index;
  }
  return end;
}

size_t InlineParser::ParseOpenBracket(size_t i, bool image) {
  const size_t end = i + (image ? 2 : 1);
  AddItem(ItemKind::kText, i, end);
  brackets_.push_back({items_.size() - 1, image, true, last_delimiter_});
  return end;
}

size_t InlineParser::ParseCloseBracket(size_t i) {
  if (brackets_.empty()) return kNone;
  const Bracket opener = brackets_.back();
  brackets_.pop_back();
  if (!opener.active) return kNone;
  const size_t text_begin = items_[opener.item].end;
  const size_t end = LinkTailEnd(i + 1, std::string_view(s_).substr(text_begin, i - text_begin));
  if (end == kNone) return kNone;
  items_[opener.item].kind = ItemKind::kSkip;
  if (opener.image) {
    // An image gives no words: its alt text goes with it.
    for (size_t k = opener.item + 1; k < items_.size(); ++k) items_[k].kind = ItemKind::kSkip;
    while (last_delimiter_ != opener.delimiter_bottom) Unlink(last_delimiter_);
  } else {
    ProcessEmphasis(opener.delimiter_bottom);
    for (Bracket& b : brackets_) {
      if (!b.image) b.active = false;  // no links inside links
    }
  }
  AddItem(ItemKind::kSkip, i, end);
  return end;
}

// The end of the link after "]" at p - 1: "(dest "title")", "[label]",
// "[]" or nothing (a shortcut reference); kNone when it is not a link.
size_t InlineParser::LinkTailEnd(size_t p, std::string_view link_text) const {
  if (p < s_.size() && s_[p] == '(') {
    const size_t end = InlineLinkEnd(p);
    if (end != kNone) return end;
  }
  if (labels_.empty()) return kNone;
  if (p < s_.size() && s_[p] == '[') {
    size_t q = p + 1;
    while (q < s_.size() && s_[q] != ']' && s_[q] != '[') q += s_[q] == '\\' ? 2 : 1;
    if (q < s_.size() && s_[q] == ']') {
      const std::string_view label =
          q == p + 1 ? link_text : std::string_view(s_).substr(p + 1, q - p - 1);
      return labels_.count(NormaliseLinkLabel(label)) != 0 ? q + 1 : kNone;
    }
  }
  return labels_.count(NormaliseLinkLabel(link_text)) != 0 ? p : kNone;
}

size_t InlineParser::SkipSpace(size_t p) const {
  while (p < s_.size() && IsSpace(s_[p])) ++p;
  return p;
}

size_t InlineParser::InlineLinkEnd(size_t p) const {
  size_t q = SkipSpace(p + 1);
  if (q < s_.size() && s_[q] == '<') {
    for (++q; q < s_.size() && s_[q] != '>'; ++q) {
      if (s_[q] == '\n' || s_[q] == '<') return kNone;
      if (s_[q] == '\\') ++q;
    }
    if (q >= s_.size()) return kNone;
    ++q;
  } else {
    int depth = 0;
    for (; q < s_.size(); ++q) {
      const char c = s_[q];
      if (c == '\\' && q + 1 < s_.size()) {
        ++q;
      } else if (c == '(') {
        if (++depth > kMaxLinkParens) return kNone;
      } else if (c == ')') {
        if (depth == 0) break;
        --depth;
      } else if (IsSpace(c) || static_cast<unsigned char>(c) < 0x20) {
        break;
      }
    }
    if (depth != 0) return kNone;
  }
  const size_t dest_end = q;
  q = SkipSpace(q);
  if (q > dest_end && q < s_.size() && (s_[q] == '"' || s_[q] == '\'' || s_[q] == '(')) {
    const char close = s_[q] == '(' ? ')' : s_[q];
    for (++q; q < s_.size() && s_[q] != close; ++q) {
      if (s_[q] == '\\') ++q;
    }
    if (q >= s_.size()) return kNone;
    q = SkipSpace(q + 1);
  }
  return q < s_.size() && s_[q] == ')' ? q + 1 : kNone;
}

size_t InlineParser::ParseAngle(size_t i) {
  size_t end = AutolinkEnd(i);
  if (end != kNone) {
    AddItem(ItemKind::kSkip, i, end);
    return end;
  }
  std::string name;
  bool closing = false;
  end = HtmlEnd(i, &name, &closing);
  if (end == kNone) return kNone;
  if (name == "br") {
    AddItem(ItemKind::kLineBreak, i, end);
  } else if (IsBlockTag(name)) {
    AddItem(ItemKind::kBlockBreak, i, end);
  } else if (!closing && (name == "script" || name == "style")) {
    // Skip the element whole, up to and including its end tag.
    size_t skip_end = s_.size();
    for (size_t k = s_.find("</", end); k != kNone; k = s_.find("</", k + 2)) {
      std::string close_name;
      bool close_closing = false;
      const size_t close_end = HtmlEnd(k, &close_name, &close_closing);
      if (close_end != kNone && close_name == name) {
        skip_end = close_end;
        break;
      }
    }
    end = skip_end;
    AddItem(ItemKind::kSkip, i, end);
  } else {
    AddItem(ItemKind::kSkip, i, end);
  }
  return end;
}

// <scheme:...> or <user@example.com> (CommonMark 6.5).
size_t InlineParser::AutolinkEnd(size_t i) const {
  size_t q = i + 1;
  if (q < s_.size() && IsAlpha(s_[q])) {
    while (q < s_.size() && (IsAlnum(s_[q]) || s_[q] == '+' || s_[q] == '.' || s_[q] == '-')) ++q;
    const size_t scheme = q - i - 1;
    if (q < s_.size() && s_[q] == ':' && scheme >= 2 && scheme <= 32) {
      for (++q; q < s_.size() && s_[q] != '>'; ++q) {
        if (IsSpace(s_[q]) || s_[q] == '<' || static_cast<unsigned char>(s_[q]) < 0x20)
          return kNone;
      }
      return q < s_.size() ? q + 1 : kNone;
    }
  }
  q = i + 1;
  const std::string_view local_chars = ".!#$%&'*+/=?^_`{|}~-";
  while (q < s_.size() && (IsAlnum(s_[q]) || local_chars.find(s_[q]) != kNone)) ++q;
  if (q == i + 1 || q >= s_.size() || s_[q] != '@') return kNone;
  const size_t domain = ++q;
  while (q < s_.size() && (IsAlnum(s_[q]) || s_[q] == '-' || s_[q] == '.')) ++q;
  return q > domain && q < s_.size() && s_[q] == '>' ? q + 1 : kNone;
}

// The end of the HTML tag, comment, declaration or processing instruction
// at i; sets *name (lower case, empty for non-tags) and *closing.
size_t InlineParser::HtmlEnd(size_t i, std::string* name, bool* closing) const {
  const std::string_view s(s_);
  size_t q = i + 1;
  name->clear();
  *closing = false;
  if (s.substr(q, 3) == "!--") {
    const size_t e = s.find("-->", q + 3);
    return e == kNone ? kNone : e + 3;
  }
  if (s.substr(q, 8) == "![CDATA[") {
    const size_t e = s.find("]]>", q + 8);
    return e == kNone ? kNone : e + 3;
  }
  if (q < s.size() && (s[q] == '?' || s[q] == '!')) {
    const size_t e = s.find(s[q] == '?' ? "?>" : ">", q + 1);
    return e == kNone ? kNone : e + (s[q] == '?' ? 2 : 1);
  }
  if (q < s.size() && s[q] == '/') {
    *closing = true;
    ++q;
  }
  if (q >= s.size() || !IsAlpha(s[q])) return kNone;
  for (; q < s.size() && (IsAlnum(s[q]) || s[q] == '-'); ++q) name->push_back(Lower(s[q]));
  if (*closing) {
    q = SkipSpace(q);
    return q < s.size() && s[q] == '>' ? q + 1 : kNone;
  }
  if (q < s.size() && !IsSpace(s[q]) && s[q] != '/' && s[q] != '>') return kNone;
  char quote = 0;
  for (; q < s.size(); ++q) {
    const char c = s[q];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return q + 1;
    } else if (c == '<') {
      return kNone;
    }
  }
  return kNone;
}

size_t InlineParser::ParseEntity(size_t i) {
  std::optional<EntityDecoder::Decoded> decoded =
      entities_->DecodeAt(std::string_view(s_).substr(i));
  if (!decoded) return kNone;
  AddItem(ItemKind::kReplacement, i, i + decoded->length, std::move(decoded->text));
  return i + decoded->length;
}

void InlineParser::Unlink(int d) {
  Delimiter& del = delimiters_[d];
  if (del.prev >= 0) delimiters_[del.prev].next = del.next;
  if (del.next >= 0) delimiters_[del.next].prev = del.prev;
  if (last_delimiter_ == d) last_delimiter_ = del.prev;
}

// CommonMark's "process emphasis" over the delimiters above `bottom`
// (-1: all). Matched characters give no text; the rest stay literal.
void InlineParser::ProcessEmphasis(int bottom) {
  int closer = last_delimiter_;
  if (closer == bottom) return;
  while (closer != -1 && delimiters_[closer].prev != bottom) closer = delimiters_[closer].prev;
  int openers_bottom[2][2][3];
  std::fill_n(&openers_bottom[0][0][0], 2 * 2 * 3, bottom);
  while (closer != -1) {
    Delimiter& c = delimiters_[closer];
    if (!c.can_close) {
      closer = c.next;
      continue;
    }
    int& floor = openers_bottom[c.ch == '_'][c.can_open][c.length % 3];
    int opener = c.prev;
    for (; opener != bottom && opener != floor; opener = delimiters_[opener].prev) {
      const Delimiter& o = delimiters_[opener];
      // The "rule of 3": a run that can both open and close matches only
      // when the lengths do not add up to a multiple of 3.
      const bool odd = (o.can_close || c.can_open) && (o.length + c.length) % 3 == 0 &&
                       !(o.length % 3 == 0 && c.length % 3 == 0);
      if (o.ch == c.ch && o.can_open && !odd) break;
    }
    if (opener == bottom || opener == floor) {
      floor = c.prev;
      const int next = c.next;
      if (!c.can_open) Unlink(closer);
      closer = next;
      continue;
    }
    Delimiter& o = delimiters_[opener];
    const uint32_t use = o.count >= 2 && c.count >= 2 ? 2 : 1;
    o.count -= use;
    items_[o.item].open_used += use;
    c.count -= use;
    items_[c.item].close_used += use;
    o.next = closer;  // delimiters between the pair can no longer match
    c.prev = opener;
    if (o.count == 0) Unlink(opener);
    if (c.count == 0) {
      const int next = c.next;
      Unlink(closer);
      closer = next;
    }
  }
  while (last_delimiter_ != bottom) Unlink(last_delimiter_);
}

void InlineParser::WriteText(uint32_t begin, uint32_t end, BlockWriter* writer) const {
  // Split where the source jumps in the original (a removed "> " marker).
  uint32_t k = begin;
  while (k < end) {
    uint32_t m = k + 1;
    while (m < end && original_[m] == original_[m - 1] + 1) ++m;
    writer->Verbatim(std::string_view(s_).substr(k, m - k), original_[k]);
    k = m;
  }
}

void InlineParser::Write(BlockWriter* writer) const {
  for (const Item& item : items_) {
    switch (item.kind) {
      case ItemKind::kText: WriteText(item.begin, item.end, writer); break;
      case ItemKind::kReplacement: {
        const uint32_t start = original_[item.begin];
        writer->Replacement(item.replacement, start, original_[item.end - 1] + 1 - start);
        break;
      }
      case ItemKind::kDelimiter:
        WriteText(item.begin + item.close_used, item.end - item.open_used, writer);
        break;
      case ItemKind::kLineBreak: writer->LineBreak(original_[item.begin]); break;
      case ItemKind::kBlockBreak: writer->EndBlock(); break;
      case ItemKind::kSkip: break;
    }
  }
}

}  // namespace

std::string NormaliseLinkLabel(std::string_view label) {
  std::string out;
  bool space = false;
  for (char c : label) {
    if (IsSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(Lower(c));
  }
  return out;
}

void WriteInlines(const InlineSource& source, const LinkLabels& labels, EntityDecoder* entities,
                  BlockWriter* writer) {
  InlineParser parser(source, labels, entities);
  parser.Parse();
  parser.Write(writer);
}

}  // namespace provcheck::text
