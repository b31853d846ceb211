#include "text/markdown_inline.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

#include "text/markdown_inline_parser.h"

namespace provcheck::text {
namespace internal {

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
      case '\\':
        next = ParseBackslash(i);
        break;
      case '`':
        next = ParseCodeSpan(i);
        break;
      case '*':
      case '_':
        next = ParseDelimiterRun(i);
        break;
      case '!':
        if (i + 1 < s_.size() && s_[i + 1] == '[') next = ParseOpenBracket(i, true);
        break;
      case '[':
        next = ParseOpenBracket(i, false);
        break;
      case ']':
        next = ParseCloseBracket(i);
        break;
      case '<':
        next = ParseAngle(i);
        break;
      case '&':
        next = ParseEntity(i);
        break;
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
      case ItemKind::kText:
        WriteText(item.begin, item.end, writer);
        break;
      case ItemKind::kReplacement: {
        const uint32_t start = original_[item.begin];
        writer->Replacement(item.replacement, start, original_[item.end - 1] + 1 - start);
        break;
      }
      case ItemKind::kDelimiter:
        WriteText(item.begin + item.close_used, item.end - item.open_used, writer);
        break;
      case ItemKind::kLineBreak:
        writer->LineBreak(original_[item.begin]);
        break;
      case ItemKind::kBlockBreak:
        writer->EndBlock();
        break;
      case ItemKind::kSkip:
        break;
    }
  }
}

}  // namespace internal

std::string NormaliseLinkLabel(std::string_view label) {
  std::string out;
  bool space = false;
  for (char c : label) {
    if (internal::IsSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(internal::Lower(c));
  }
  return out;
}

void WriteInlines(const InlineSource& source, const LinkLabels& labels, EntityDecoder* entities,
                  BlockWriter* writer) {
  internal::InlineParser parser(source, labels, entities);
  parser.Parse();
  parser.Write(writer);
}

}  // namespace provcheck::text
