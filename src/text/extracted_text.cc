#include "text/extracted_text.h"

#include <algorithm>
#include <cassert>

namespace provcheck::text {

void ExtractedText::AppendVerbatim(std::string_view bytes, uint32_t original_start) {
  if (bytes.empty()) return;
  uint32_t start = static_cast<uint32_t>(text_.size());
  uint32_t length = static_cast<uint32_t>(bytes.size());
  text_.append(bytes);
  // Extend the previous run when this piece continues it verbatim.
  if (!runs_.empty()) {
    OffsetRun& last = runs_.back();
    if (last.text_length == last.original_length &&
        last.original_start + last.original_length == original_start &&
        last.text_start + last.text_length == start) {
      last.text_length += length;
      last.original_length += length;
      return;
    }
  }
  runs_.push_back({start, length, original_start, length});
}

void ExtractedText::AppendReplacement(std::string_view bytes, uint32_t original_start,
                                      uint32_t original_length) {
  if (bytes.empty()) return;
  uint32_t start = static_cast<uint32_t>(text_.size());
  text_.append(bytes);
  // A same-length replacement maps byte for byte, which is harmless.
  runs_.push_back({start, static_cast<uint32_t>(bytes.size()), original_start, original_length});
}

void ExtractedText::AppendSeparator(std::string_view bytes, uint32_t original_position) {
  if (bytes.empty()) return;
  uint32_t start = static_cast<uint32_t>(text_.size());
  text_.append(bytes);
  runs_.push_back({start, static_cast<uint32_t>(bytes.size()), original_position, 0});
}

size_t ExtractedText::RunAt(uint32_t offset) const {
  assert(offset < text_.size());
  auto it = std::upper_bound(runs_.begin(), runs_.end(), offset,
                             [](uint32_t o, const OffsetRun& r) { return o < r.text_start; });
  assert(it != runs_.begin());
  return static_cast<size_t>(it - runs_.begin()) - 1;
}

uint32_t ExtractedText::OriginalStart(uint32_t text_offset) const {
  if (runs_.empty()) return 0;
  if (text_offset >= text_.size()) {
    const OffsetRun& last = runs_.back();
    return last.original_start + last.original_length;
  }
  const OffsetRun& r = runs_[RunAt(text_offset)];
  if (r.text_length == r.original_length) return r.original_start + (text_offset - r.text_start);
  return r.original_start;
}

uint32_t ExtractedText::OriginalEnd(uint32_t text_end) const {
  if (runs_.empty() || text_end == 0) return OriginalStart(0);
  const OffsetRun& r = runs_[RunAt(text_end - 1)];
  if (r.text_length == r.original_length) return r.original_start + (text_end - r.text_start);
  return r.original_start + r.original_length;
}

}  // namespace provcheck::text
