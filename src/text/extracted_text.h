// ExtractedText: the words a reader found, with a map back to original bytes.
//
// Owns: the reading-order text of one article (markup removed, entities and
// escapes decoded) and the runs that map each of its bytes to a byte range
// of the original input. Knows nothing of tokens or normalisation.
//
// Thread-safety: a value; const methods may be shared.
#ifndef PROVCHECK_SRC_TEXT_EXTRACTED_TEXT_H_
#define PROVCHECK_SRC_TEXT_EXTRACTED_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace provcheck::text {

// What kind of block a stretch of the text came from, as the markup said
// (plain text says nothing: it has no blocks).
enum class BlockKind : uint8_t {
  kParagraph,
  kHeading,   // Markdown # or setext heading, HTML <h1>..<h6>
  kCaption,   // Markdown paragraph opened by an image, HTML <figcaption>
  kListItem,  // HTML <li>
  kQuote,     // HTML <blockquote>
  kCode,      // Markdown fenced code, HTML <pre>
};

// One block of the text: text()[begin, end), without the "\n\n" around it.
struct TextBlock {
  uint32_t begin;
  uint32_t end;
  BlockKind kind;
};

// A contiguous piece of `ExtractedText::text` and where it came from.
// When text_length == original_length the piece was copied verbatim and maps
// byte for byte. Otherwise it is atomic (a decoded entity or escape, or a
// synthetic separator with original_length 0): every offset inside it maps to
// original_start, and its end maps to original_start + original_length.
struct OffsetRun {
  uint32_t text_start;
  uint32_t text_length;
  uint32_t original_start;
  uint32_t original_length;
};

class ExtractedText {
 public:
  // Appends bytes copied verbatim from the original at `original_start`.
  void AppendVerbatim(std::string_view bytes, uint32_t original_start);
  // Appends `bytes` that replace original[original_start, +original_length)
  // (a decoded entity, an escape, a tag turned into a space).
  void AppendReplacement(std::string_view bytes, uint32_t original_start, uint32_t original_length);
  // Appends a separator that has no original bytes (block breaks: "\n\n").
  // It maps to `original_position`, the position of the break in the input.
  void AppendSeparator(std::string_view bytes, uint32_t original_position);

  // Records that text()[begin, end) is one block of `kind` (markup readers
  // call this once per block, in order).
  void AddBlock(uint32_t begin, uint32_t end, BlockKind kind) {
    blocks_.push_back({begin, end, kind});
  }
  // Replaces the block list (for a text re-mapped with the same bytes).
  void SetBlocks(std::vector<TextBlock> blocks) { blocks_ = std::move(blocks); }

  const std::string& text() const { return text_; }
  const std::vector<OffsetRun>& runs() const { return runs_; }
  // The blocks the reader marked, in order; empty for plain text.
  const std::vector<TextBlock>& blocks() const { return blocks_; }

  // Maps a start offset in text() (0 <= offset <= text().size()) to the
  // original byte offset where that byte begins.
  uint32_t OriginalStart(uint32_t text_offset) const;
  // Maps an exclusive end offset in text() (0 < end <= text().size()) to the
  // exclusive original byte offset where the byte before it ends.
  uint32_t OriginalEnd(uint32_t text_end) const;

 private:
  // Index of the run containing text byte `offset`. REQUIRES: offset < size.
  size_t RunAt(uint32_t offset) const;

  std::string text_;
  std::vector<OffsetRun> runs_;  // sorted, contiguous, covering text_
  std::vector<TextBlock> blocks_;
};

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_EXTRACTED_TEXT_H_
