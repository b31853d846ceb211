#include "text/line_index.h"

#include <algorithm>
#include <cassert>

namespace provcheck::text {
namespace {

// Continuation bytes (10xxxxxx) do not start a code point.
bool StartsCodePoint(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

LineIndex::LineIndex(std::string_view original) : original_(original) {
  assert(original.size() <= UINT32_MAX);
  const uint32_t size = static_cast<uint32_t>(original.size());
  line_starts_.push_back(0);
  line_code_points_.push_back(0);
  block_code_points_.reserve(size / kBlockBytes + 1);
  uint32_t code_points = 0;
  for (uint32_t block = 0; block < size; block += kBlockBytes) {
    block_code_points_.push_back(code_points);
    const uint32_t end = std::min(size, block + kBlockBytes);
    for (uint32_t i = block; i < end; ++i) {
      code_points += StartsCodePoint(original[i]);
      if (original[i] == '\n') {
        line_starts_.push_back(i + 1);
        line_code_points_.push_back(code_points);
      }
    }
  }
}

uint32_t LineIndex::CodePointsBefore(uint32_t offset) const {
  if (offset == 0) return 0;
  const size_t block = std::min<size_t>(offset / kBlockBytes, block_code_points_.size() - 1);
  uint32_t code_points = block_code_points_[block];
  for (size_t i = block * kBlockBytes; i < offset; ++i)
    code_points += StartsCodePoint(original_[i]);
  return code_points;
}

LineIndex::Position LineIndex::At(uint32_t byte_offset) const {
  const uint32_t offset = std::min<uint32_t>(byte_offset, static_cast<uint32_t>(original_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const size_t line = static_cast<size_t>(it - line_starts_.begin());  // >= 1
  const uint32_t column = CodePointsBefore(offset) - line_code_points_[line - 1] + 1;
  return {static_cast<uint32_t>(line), column};
}

}  // namespace provcheck::text
