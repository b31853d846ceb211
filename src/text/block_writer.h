// BlockWriter: builds the ExtractedText of a markup reader block by block.
//
// A block (paragraph, heading, list item, caption, table cell) is buffered
// until it ends, so that whitespace at its edges can be dropped and blocks
// that give text are joined by exactly one "\n\n" separator; a block with no
// words (an image alone, an empty <div>) leaves no trace. Whitespace inside a
// block is kept as it was.
//
// Thread-safety: not thread-safe; one writer per article.
#ifndef PROVCHECK_SRC_TEXT_BLOCK_WRITER_H_
#define PROVCHECK_SRC_TEXT_BLOCK_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/extracted_text.h"

namespace provcheck::text {

class BlockWriter {
 public:
  // `out` must outlive the writer. Call EndBlock() last to flush.
  explicit BlockWriter(ExtractedText* out) : out_(out) {}

  // Appends bytes copied from the original at `original_start`.
  void Verbatim(std::string_view bytes, uint32_t original_start);
  // Appends decoded bytes standing for original[start, start + length).
  void Replacement(std::string_view bytes, uint32_t original_start, uint32_t original_length);
  // Appends a line break ("\n", as for <br>) found at `original_position`.
  void LineBreak(uint32_t original_position);

  // The kind recorded for the blocks ended from now on (initially
  // kParagraph); it stays until set again.
  void SetKind(BlockKind kind) { kind_ = kind; }
  BlockKind kind() const { return kind_; }

  // Ends the current block and returns its text as written (without edge
  // whitespace; empty when it had no text), recording a block of the
  // current kind when it had text. The view is valid until the next call
  // on the writer.
  std::string_view EndBlock();

 private:
  struct Piece {
    uint32_t start;  // in buffer_
    uint32_t length;
    uint32_t original_start;
    uint32_t original_length;
    bool verbatim;
  };

  void Flush(uint32_t begin, uint32_t end);

  ExtractedText* out_;
  std::string buffer_;         // the current block's text
  std::vector<Piece> pieces_;  // covering buffer_ in order
  std::string last_block_;
  uint32_t original_end_ = 0;  // where the text written so far ends in the original
  BlockKind kind_ = BlockKind::kParagraph;
};

// `text` with runs of whitespace made one space and none at the edges (for a
// title taken from a heading or a metadata value).
std::string CollapseSpaces(std::string_view text);

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_BLOCK_WRITER_H_
