// LineIndex: byte offsets to line:column positions, for messages.
//
// Lines end at "\n" (a "\r" before it belongs to the line it ends). Lines and
// columns count from 1. A column counts Unicode code points (UTF-8 lead
// bytes) from the start of the line, so "é" is one column and a tab is one.
//
// Cost: construction is linear in the text; At() is O(log lines) plus at
// most kBlockBytes bytes examined, whatever the length of the line (a scan
// asks for two positions per finding, and a one-line 64 MiB draft must not
// make each one cost a pass over the line).
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
  // REQUIRES: original.size() < 2^32.
  explicit LineIndex(std::string_view original);

  // The position of the byte at `byte_offset`. An offset at or past the end
  // gives the position just after the last byte.
  Position At(uint32_t byte_offset) const;

  // Code points are counted ahead of time at every multiple of this many bytes.
  static constexpr uint32_t kBlockBytes = 256;

 private:
  // Code points (lead bytes) in original_[0, offset).
  uint32_t CodePointsBefore(uint32_t offset) const;

  std::string_view original_;
  std::vector<uint32_t> line_starts_;        // ascending; line_starts_[0] == 0
  std::vector<uint32_t> line_code_points_;   // code points before each line start
  std::vector<uint32_t> block_code_points_;  // code points before byte k * kBlockBytes
};

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_LINE_INDEX_H_
