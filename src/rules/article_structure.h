// ArticleStructure: the parts of a draft that credit rules look at, found in
// the text a reader extracted.
//
// Markdown and HTML readers mark headings and captions (a paragraph opened
// by an image, a <figcaption>); a JSON article may give parts as fields
// ("title", "standfirst", "byline", "additional_reporting", "copyright",
// "caption"/"captions"); plain text has only blank-line-separated blocks.
// Within those, the rules' detect patterns find the byline (the first
// match), the "Additional reporting by" line and the copyright line (blocks
// of at most RuleSet::max_line_words words); the first heading (in plain
// text: a short first block not ending a sentence) is the headline; the
// first other block after it and before the byline (a byline in the body,
// not a field) is the standfirst; in
// plain text a block holding a caption credit ("© Agency") is a caption.
// A part given as a field wins over the same kind found in the body.
//
// Owns: classification of blocks. Knows nothing of what the rules require.
//
// Thread-safety: immutable after construction; const methods may be shared.
#ifndef PROVCHECK_SRC_RULES_ARTICLE_STRUCTURE_H_
#define PROVCHECK_SRC_RULES_ARTICLE_STRUCTURE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_set.h"
#include "text/reader.h"

namespace provcheck::rules {

enum class PartKind { kHeadline, kStandfirst, kCaption, kByline, kReporting, kCopyright, kBody };

// "headline", "standfirst", "caption", "byline", "reporting", "copyright", "body".
const char* PartKindName(PartKind kind);

struct Part {
  PartKind kind = PartKind::kBody;
  const text::ExtractedText* text = nullptr;  // the body, or a field's text
  uint32_t begin = 0, end = 0;                // of the part in text->text()
  bool from_field = false;
  // text->text()[begin, end) with line breaks and tabs read as spaces (same
  // length, so offsets agree), for matching patterns across lines.
  std::string flat;

  // Original byte offsets of flat[at] and of the end of flat[.., at).
  uint32_t OriginalStart(size_t at) const {
    return text->OriginalStart(begin + static_cast<uint32_t>(at));
  }
  uint32_t OriginalEnd(size_t at) const {
    return text->OriginalEnd(begin + static_cast<uint32_t>(at));
  }
};

class ArticleStructure {
 public:
  // REQUIRES: `article` outlives the structure.
  ArticleStructure(const text::Article& article, const RuleSet& rules);

  // Field parts in file order, then the body's blocks in reading order.
  const std::vector<Part>& parts() const { return parts_; }
  // The first part of `kind`, or nullptr.
  const Part* Find(PartKind kind) const;
  std::vector<const Part*> FindAll(PartKind kind) const;
  // True when `part` is the last (or first) block of the body.
  bool IsLastBodyBlock(const Part& part) const;
  bool IsFirstBodyBlock(const Part& part) const;

  // Where a missing byline belongs: the start of the first body paragraph
  // after the headline, standfirst and captions (original offset).
  uint32_t BylineSlot() const;
  // Where a missing closing line belongs: the start of the line after the
  // body's last block (original offset).
  uint32_t EndSlot() const;

 private:
  void AddFields(const text::Article& article);
  void AddBody(const text::Article& article, const RuleSet& rules);
  void MarkStandfirst();

  const text::Article& article_;
  std::vector<Part> parts_;
  size_t first_body_ = 0;  // index in parts_ of the body's first block
};

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_ARTICLE_STRUCTURE_H_
