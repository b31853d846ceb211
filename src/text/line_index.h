// LineIndex: byte offsets to line:column positions, for messages.
//
// Lines end at "\n" (a "\r" before it belongs to the line it ends). Lines and
// columns count from 1. A column counts Unicode code points (UTF-8 lead
// bytes) from the start of the line, so "é" is one column and a tab is one.
//
// Thread-safety: immutable after construction; const methods may be shared.
#ifndef PROVCHECK_SRC_TEXT_LINE_INDEX_H_
#define PROVCHECK_SRC_TEXT_LINE_INDEX_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace provcheck::text {

class LineIndex {
 public:
  struct Position {
    uint32_t line;
    uint32_t column;
  };

  // `original` must outlive the index.
  explicit LineIndex(std::string_view original);

  // The position of the byte at `byte_offset`. An offset at or past the end
  // gives the position just after the last byte.
  Position At(uint32_t byte_offset) const;

 private:
  std::string_view original_;
  std::vector<uint32_t> line_starts_;  // ascending; line_starts_[0] == 0
};

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_LINE_INDEX_H_
