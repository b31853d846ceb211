#include "text/line_index.h"

#include <algorithm>

namespace provcheck::text {

LineIndex::LineIndex(std::string_view original) : original_(original) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < original.size(); ++i) {
    if (original[i] == '\n') line_starts_.push_back(static_cast<uint32_t>(i + 1));
  }
}

LineIndex::Position LineIndex::At(uint32_t byte_offset) const {
  const uint32_t offset = std::min<uint32_t>(byte_offset, static_cast<uint32_t>(original_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const size_t line = static_cast<size_t>(it - line_starts_.begin());  // >= 1
  uint32_t column = 1;
  for (uint32_t i = line_starts_[line - 1]; i < offset; ++i) {
    // Continuation bytes (10xxxxxx) do not start a code point.
    if ((static_cast<unsigned char>(original_[i]) & 0xC0) != 0x80) ++column;
  }
  return {static_cast<uint32_t>(line), column};
}

}  // namespace provcheck::text
