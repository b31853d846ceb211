#include "align/quotes.h"

#include <algorithm>

namespace provcheck::align {
namespace {

// The quotation marks, by what they do. A mark that may close more than one
// kind of opening ("“" closes „ in German and opens elsewhere) is tried as a
// closer first.
enum class Kind { kDouble, kSingle };

struct Mark {
  std::string_view text;
  Kind kind;
  bool opens, closes;
  std::string_view closes_opener;  // "": any opener of its kind
};

constexpr Mark kMarks[] = {
    {"\u201C", Kind::kDouble, true, true, "\u201E"},  // “ (closes „ only)
    {"\u201D", Kind::kDouble, false, true, ""},       // ”
    {"\u201E", Kind::kDouble, true, false, ""},       // „
    {"\u00AB", Kind::kDouble, true, false, ""},       // «
    {"\u00BB", Kind::kDouble, false, true, ""},       // »
    {"\u2018", Kind::kSingle, true, true, "\u201A"},  // ‘ (closes ‚ only)
    {"\u2019", Kind::kSingle, false, true, ""},       // ’ (also the apostrophe)
    {"\u201A", Kind::kSingle, true, false, ""},       // ‚
    {"\u2039", Kind::kSingle, true, false, ""},       // ‹
    {"\u203A", Kind::kSingle, false, true, ""},       // ›
    {"\"", Kind::kDouble, true, true, "\""},          // straight: opens or closes
    {"'", Kind::kSingle, true, true, "'"},
};

struct OpenMark {
  std::string_view mark;
  Kind kind;
  uint32_t at;
};

// A letter or digit, or a byte of a multi-byte character (most are letters;
// the quotation marks themselves are checked before this).
bool Alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

// Whether the byte before `i` and the byte at `i` are letters or digits.
bool LetterBefore(std::string_view text, size_t i) { return i > 0 && Alnum(text[i - 1]); }
bool LetterAt(std::string_view text, size_t i) { return i < text.size() && Alnum(text[i]); }

const Mark* MarkAt(std::string_view text, size_t i) {
  for (const Mark& m : kMarks) {
    if (text.substr(i, m.text.size()) == m.text) return &m;
  }
  return nullptr;
}

// True when the paragraph starting at `pos` (after spaces) opens with a
// double quotation mark.
bool ParagraphOpensWithQuote(std::string_view text, size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\t')) ++pos;
  if (pos >= text.size()) return false;
  const Mark* m = MarkAt(text, pos);
  return m != nullptr && m->opens && m->kind == Kind::kDouble;
}

bool Space(std::string_view text, size_t i) {
  return text[i] == ' ' || text[i] == '\n' || text[i] == '\t';
}

class SpanFinder {
 public:
  explicit SpanFinder(std::string_view text) : text_(text) {}

  std::vector<ByteSpan> Find() {
    for (size_t i = 0; i < text_.size();) {
      if (text_[i] == '\n' && i + 1 < text_.size() && text_[i + 1] == '\n') {
        ParagraphBreak(i);
        i += 2;
        continue;
      }
      const Mark* m = MarkAt(text_, i);
      if (m == nullptr) {
        ++i;
        continue;
      }
      if (!(m->closes && Close(*m, i)) && m->opens) Open(*m, i);
      i += m->text.size();
    }
    End(static_cast<uint32_t>(text_.size()));
    return std::move(spans_);
  }

 private:
  // Whether closing mark `m` at `i` may close `o`.
  static bool Closes(const Mark& m, const OpenMark& o) {
    if (o.kind != m.kind) return false;
    if (!m.closes_opener.empty()) return o.mark == m.closes_opener;
    return o.mark != "\"" && o.mark != "'";  // a straight mark closes its own kind
  }

  // Closes the innermost opening `m` may close, and those inside it; true
  // if it did.
  bool Close(const Mark& m, size_t i) {
    const size_t after = i + m.text.size();
    if (m.kind == Kind::kSingle && LetterAt(text_, after)) return false;  // "it's", "don't"
    if (m.text == "'" && (i == 0 || Space(text_, i - 1))) return false;   // ' opening a word
    for (size_t k = open_.size(); k-- > 0;) {
      if (!Closes(m, open_[k])) continue;
      const uint32_t at = open_[k].at;
      open_.resize(k);
      if (open_.empty()) spans_.push_back({at, static_cast<uint32_t>(after)});
      return true;
    }
    return false;
  }

  void Open(const Mark& m, size_t i) {
    // A straight single quote opens only before a word and not after one
    // (not inside "rock'n'roll").
    if (m.text == "'" && (LetterBefore(text_, i) || !LetterAt(text_, i + 1))) return;
    if (continued_ && m.kind == Kind::kDouble) {  // reopens the quotation it continues
      continued_ = false;
      return;
    }
    continued_ = false;
    open_.push_back({m.text, m.kind, static_cast<uint32_t>(i)});
  }

  // A quotation still open at a paragraph break ends there unless the next
  // paragraph reopens it (the convention for a quotation running over
  // several paragraphs).
  void ParagraphBreak(size_t i) {
    if (open_.empty()) return;
    if (open_.front().kind == Kind::kDouble && ParagraphOpensWithQuote(text_, i)) {
      open_.resize(1);
      continued_ = true;
      return;
    }
    End(static_cast<uint32_t>(i));
  }

  // Ends what is open at `at`: a double quotation left open is quoted to
  // there; a single one is dropped (more likely an apostrophe than a
  // quotation).
  void End(uint32_t at) {
    if (!open_.empty() && open_.front().kind == Kind::kDouble) {
      spans_.push_back({open_.front().at, at});
    }
    open_.clear();
    continued_ = false;
  }

  std::string_view text_;
  std::vector<OpenMark> open_;
  std::vector<ByteSpan> spans_;
  bool continued_ = false;
};

}  // namespace

std::vector<ByteSpan> FindQuotedSpans(std::string_view text) { return SpanFinder(text).Find(); }

double QuotedShare(const std::vector<ByteSpan>& spans, uint32_t begin, uint32_t end) {
  if (end <= begin) return 0;
  uint64_t inside = 0;
  // The spans are in order and apart: start at the first that ends after
  // `begin`, so the cost is that of the spans inside, not of the draft's.
  auto it = std::upper_bound(spans.begin(), spans.end(), begin,
                             [](uint32_t b, const ByteSpan& s) { return b < s.end; });
  for (; it != spans.end() && it->begin < end; ++it) {
    uint32_t lo = std::max(it->begin, begin), hi = std::min(it->end, end);
    if (lo < hi) inside += hi - lo;
  }
  return static_cast<double>(inside) / (end - begin);
}

}  // namespace provcheck::align
