// Brackets, links, autolinks, inline HTML and character references of the
// inline parser (markdown_inline_parser.h).
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>

#include "text/markdown_inline_parser.h"

namespace provcheck::text::internal {

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

}  // namespace provcheck::text::internal
