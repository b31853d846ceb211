#include "align/quotes.h"

#include <algorithm>

namespace provcheck::align {
namespace {

enum class Mark { kNone, kOpen, kClose, kStraight };

// Classifies the quotation mark at text[i], setting its byte length.
Mark MarkAt(std::string_view text, size_t i, size_t* length) {
  auto starts = [&](std::string_view s) { return text.substr(i, s.size()) == s; };
  *length = 1;
  if (text[i] == '"') return Mark::kStraight;
  *length = 3;
  if (starts("\u201C") || starts("\u201E")) return Mark::kOpen;  // “ „
  if (starts("\u201D")) return Mark::kClose;                      // ”
  *length = 2;
  if (starts("\u00AB")) return Mark::kOpen;   // «
  if (starts("\u00BB")) return Mark::kClose;  // »
  *length = 1;
  return Mark::kNone;
}

// True when the paragraph starting at `pos` (after spaces) opens with a quote.
bool ParagraphOpensWithQuote(std::string_view text, size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\t')) ++pos;
  if (pos >= text.size()) return false;
  size_t len;
  Mark m = MarkAt(text, pos, &len);
  return m == Mark::kOpen || m == Mark::kStraight;
}

}  // namespace

std::vector<ByteSpan> FindQuotedSpans(std::string_view text) {
  std::vector<ByteSpan> spans;
  bool open = false;
  uint32_t start = 0;
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\n' && i + 1 < text.size() && text[i + 1] == '\n') {
      if (open && !ParagraphOpensWithQuote(text, i)) {
        spans.push_back({start, static_cast<uint32_t>(i)});
        open = false;
      }
      i += 2;
      continue;
    }
    size_t len;
    Mark m = MarkAt(text, i, &len);
    if (m == Mark::kOpen || (m == Mark::kStraight && !open)) {
      if (!open) start = static_cast<uint32_t>(i);
      open = true;
    } else if (m == Mark::kClose || (m == Mark::kStraight && open)) {
      if (open) spans.push_back({start, static_cast<uint32_t>(i + len)});
      open = false;
    }
    i += len;
  }
  if (open) spans.push_back({start, static_cast<uint32_t>(text.size())});
  return spans;
}

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
