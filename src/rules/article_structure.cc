#include "rules/article_structure.h"

#include <re2/re2.h>

#include <algorithm>

namespace provcheck::rules {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

uint32_t CountWords(std::string_view s) {
  uint32_t words = 0;
  bool in_word = false;
  for (char c : s) {
    if (IsSpace(c)) {
      in_word = false;
    } else if (!in_word) {
      in_word = true;
      ++words;
    }
  }
  return words;
}

// Blocks of plain text: runs of lines separated by blank lines, trimmed.
std::vector<text::TextBlock> SplitPlainText(std::string_view text) {
  std::vector<text::TextBlock> blocks;
  size_t begin = std::string_view::npos;  // of the open block
  size_t last = 0;                        // just past its last non-space byte
  for (size_t p = 0; p <= text.size();) {
    size_t nl = text.find('\n', p);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(p, nl - p);
    const size_t first = line.find_first_not_of(" \t\r\f\v");
    if (first == std::string_view::npos) {
      if (begin != std::string_view::npos) {
        blocks.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(last),
                          text::BlockKind::kParagraph});
        begin = std::string_view::npos;
      }
    } else {
      if (begin == std::string_view::npos) begin = p + first;
      last = p + line.find_last_not_of(" \t\r\f\v") + 1;
    }
    p = nl + 1;
  }
  if (begin != std::string_view::npos) {
    blocks.push_back(
        {static_cast<uint32_t>(begin), static_cast<uint32_t>(last), text::BlockKind::kParagraph});
  }
  return blocks;
}

Part MakePart(PartKind kind, const text::ExtractedText* text, uint32_t begin, uint32_t end,
              bool from_field) {
  Part part;
  part.kind = kind;
  part.text = text;
  part.begin = begin;
  part.end = end;
  part.from_field = from_field;
  part.flat = text->text().substr(begin, end - begin);
  for (char& c : part.flat) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return part;
}

bool Detects(const Pattern& pattern, std::string_view text) {
  return pattern.re && RE2::PartialMatch(text, *pattern.re);
}

// A short line that does not end like a sentence: a plain-text headline.
bool LooksLikeHeadline(std::string_view s, uint32_t max_words) {
  if (s.empty() || CountWords(s) > max_words) return false;
  const char last = s.back();
  return last != '.' && last != '"' && !(s.size() >= 3 && s.substr(s.size() - 3) == "\u201D");
}

}  // namespace

const char* PartKindName(PartKind kind) {
  switch (kind) {
    case PartKind::kHeadline:
      return "headline";
    case PartKind::kStandfirst:
      return "standfirst";
    case PartKind::kCaption:
      return "caption";
    case PartKind::kByline:
      return "byline";
    case PartKind::kReporting:
      return "reporting";
    case PartKind::kCopyright:
      return "copyright";
    case PartKind::kBody:
      return "body";
  }
  return "body";
}

ArticleStructure::ArticleStructure(const text::Article& article, const RuleSet& rules)
    : article_(article) {
  AddFields(article);
  first_body_ = parts_.size();
  AddBody(article, rules);
  MarkStandfirst();
}

void ArticleStructure::AddFields(const text::Article& article) {
  for (const text::ArticleField& field : article.fields) {
    PartKind kind;
    if (field.name == "title")
      kind = PartKind::kHeadline;
    else if (field.name == "standfirst")
      kind = PartKind::kStandfirst;
    else if (field.name == "byline")
      kind = PartKind::kByline;
    else if (field.name == "additional_reporting")
      kind = PartKind::kReporting;
    else if (field.name == "copyright")
      kind = PartKind::kCopyright;
    else if (field.name == "caption")
      kind = PartKind::kCaption;
    else
      continue;
    const std::string& t = field.text.text();
    const size_t b = t.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) continue;  // an empty field says nothing
    const size_t e = t.find_last_not_of(" \t\r\n") + 1;
    parts_.push_back(
        MakePart(kind, &field.text, static_cast<uint32_t>(b), static_cast<uint32_t>(e), true));
  }
}

void ArticleStructure::AddBody(const text::Article& article, const RuleSet& rules) {
  const bool marked = !article.body.blocks().empty();
  const std::vector<text::TextBlock> blocks =
      marked ? article.body.blocks() : SplitPlainText(article.body.text());
  const bool field_byline = Find(PartKind::kByline) != nullptr;
  const bool field_reporting = Find(PartKind::kReporting) != nullptr;
  const bool field_copyright = Find(PartKind::kCopyright) != nullptr;
  bool byline_seen = field_byline;
  bool headline_seen = false;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const text::TextBlock& block = blocks[i];
    Part part = MakePart(PartKind::kBody, &article.body, block.begin, block.end, false);
    const bool short_line = CountWords(part.flat) <= rules.max_line_words;
    if (block.kind == text::BlockKind::kCaption) {
      part.kind = PartKind::kCaption;
    } else if (short_line && !field_copyright && Detects(rules.copyright.detect, part.flat)) {
      part.kind = PartKind::kCopyright;
    } else if (short_line && !byline_seen && Detects(rules.bylines.byline.detect, part.flat)) {
      part.kind = PartKind::kByline;
      byline_seen = true;
    } else if (short_line && !field_reporting &&
               Detects(rules.bylines.reporting.detect, part.flat)) {
      part.kind = PartKind::kReporting;
    } else if (!headline_seen && parts_.size() == first_body_ &&
               (block.kind == text::BlockKind::kHeading ||
                (!marked && LooksLikeHeadline(part.flat, rules.max_line_words)))) {
      part.kind = PartKind::kHeadline;
    } else if (!marked && Detects(rules.captions.credit, part.flat)) {
      part.kind = PartKind::kCaption;
    }
    if (part.kind == PartKind::kHeadline) headline_seen = true;
    parts_.push_back(std::move(part));
  }
}

void ArticleStructure::MarkStandfirst() {
  if (Find(PartKind::kStandfirst) != nullptr) return;  // given as a field
  size_t byline = parts_.size();                       // none in the body: no standfirst either
  size_t start = first_body_;
  for (size_t i = first_body_; i < parts_.size(); ++i) {
    if (parts_[i].kind == PartKind::kHeadline && start == first_body_) start = i + 1;
    if (parts_[i].kind == PartKind::kByline) {
      byline = i;
      break;
    }
  }
  if (byline == parts_.size()) return;
  for (size_t i = start; i < byline; ++i) {
    if (parts_[i].kind == PartKind::kBody) {
      parts_[i].kind = PartKind::kStandfirst;
      return;
    }
  }
}

const Part* ArticleStructure::Find(PartKind kind) const {
  for (const Part& p : parts_) {
    if (p.kind == kind) return &p;
  }
  return nullptr;
}

std::vector<const Part*> ArticleStructure::FindAll(PartKind kind) const {
  std::vector<const Part*> out;
  for (const Part& p : parts_) {
    if (p.kind == kind) out.push_back(&p);
  }
  return out;
}

bool ArticleStructure::IsLastBodyBlock(const Part& part) const {
  return !part.from_field && parts_.size() > first_body_ && &parts_.back() == &part;
}

bool ArticleStructure::IsFirstBodyBlock(const Part& part) const {
  return !part.from_field && parts_.size() > first_body_ && &parts_[first_body_] == &part;
}

uint32_t ArticleStructure::BylineSlot() const {
  for (size_t i = first_body_; i < parts_.size(); ++i) {
    if (parts_[i].kind == PartKind::kBody) return parts_[i].OriginalStart(0);
  }
  return EndSlot();
}

uint32_t ArticleStructure::EndSlot() const {
  const std::string& original = article_.original;
  if (parts_.size() == first_body_) return static_cast<uint32_t>(original.size());
  const Part& last = parts_.back();
  const uint32_t end = last.OriginalEnd(last.flat.size());
  const size_t nl = original.find('\n', end);
  return nl == std::string::npos ? static_cast<uint32_t>(original.size())
                                 : static_cast<uint32_t>(nl + 1);
}

}  // namespace provcheck::rules
