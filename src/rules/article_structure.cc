#include "rules/article_structure.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

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

// Whether original[from, to) holds an image and no words: Markdown "![...](...)"
// or an HTML <img>, the gap a reader leaves where an image stood alone.
bool ImageAlone(std::string_view original, uint32_t from, uint32_t to) {
  if (to <= from) return false;
  std::string gap(original.substr(from, to - from));
  for (char& c : gap) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return gap.find("![") != std::string::npos || gap.find("<img") != std::string::npos;
}

// The byte ranges of the HTML <figure> elements of `original`, in order
// (an unclosed one runs to the end).
std::vector<std::pair<uint32_t, uint32_t>> Figures(std::string_view original) {
  std::string lower(original);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::vector<std::pair<uint32_t, uint32_t>> figures;
  for (size_t at = lower.find("<figure"); at != std::string::npos;) {
    size_t end = lower.find("</figure", at);
    if (end == std::string::npos) end = lower.size();
    figures.push_back({static_cast<uint32_t>(at), static_cast<uint32_t>(end)});
    at = lower.find("<figure", end);
  }
  return figures;
}

bool Inside(const std::vector<std::pair<uint32_t, uint32_t>>& ranges, uint32_t at) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), std::make_pair(at, UINT32_MAX));
  return it != ranges.begin() && at < std::prev(it)->second;
}

constexpr uint32_t kCreditWords = 6;  // "© Lumen Pictures / Jo Bloggs"

// Whether the caption credit pattern matches at the end of `text` (but for
// spaces and a full stop): a caption paragraph as agency copy arrives,
// with no image ("Fishermen unload at dawn. © Wirepix").
bool EndsInCredit(const Pattern& credit, std::string_view text) {
  if (!credit.re) return false;
  re2::StringPiece found;
  if (!credit.re->Match(text, 0, text.size(), RE2::UNANCHORED, &found, 1)) return false;
  const size_t begin = static_cast<size_t>(found.data() - text.data());
  size_t end = begin + found.size();
  while (end < text.size() && (IsSpace(text[end]) || text[end] == '.')) ++end;
  // A credit names an agency or a photographer in a few words; a pattern
  // that matched a longer run caught the mark inside a sentence.
  return end == text.size() && CountWords(text.substr(begin)) <= kCreditWords;
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
  const CaptionRules& captions = rules.captions;
  uint32_t previous_end = 0;  // original offset where the previous block ended
  const std::vector<std::pair<uint32_t, uint32_t>> figures =
      article.original_format == Format::kHtml ? Figures(article.original)
                                               : std::vector<std::pair<uint32_t, uint32_t>>{};
  for (size_t i = 0; i < blocks.size(); ++i) {
    const text::TextBlock& block = blocks[i];
    Part part = MakePart(PartKind::kBody, &article.body, block.begin, block.end, false);
    const uint32_t words = CountWords(part.flat);
    const bool short_line = words <= rules.max_line_words;
    const uint32_t start = part.OriginalStart(0);
    const bool caption_sized = words <= captions.max_words;
    const bool after_image = captions.after_image && caption_sized && i > 0 &&
                             ImageAlone(article.original, previous_end, start);
    previous_end = part.OriginalEnd(part.flat.size());
    if (block.kind == text::BlockKind::kCaption || after_image ||
        (captions.detect.re && Detects(captions.detect, part.flat)) || Inside(figures, start)) {
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
    } else if ((!marked && Detects(captions.credit, part.flat)) ||
               (caption_sized && EndsInCredit(captions.credit, part.flat))) {
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
