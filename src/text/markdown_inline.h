// Inline Markdown: what is left of a block once its lines are joined.
//
// Reads emphasis (* and _, with CommonMark's delimiter rules so snake_case
// stays a word), code spans (their text), links [text](url "title") and
// [text][ref] (their text), images (nothing), autolinks (nothing), inline
// HTML (tags skipped, <br> a line break, block tags a block break, script and
// style skipped whole), character references and backslash escapes
// (decoded). Writes the words to a BlockWriter with their original offsets.
//
// Thread-safety: free functions; the EntityDecoder and BlockWriter passed in
// must not be shared.
#ifndef PROVCHECK_SRC_TEXT_MARKDOWN_INLINE_H_
#define PROVCHECK_SRC_TEXT_MARKDOWN_INLINE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "text/block_writer.h"
#include "text/entities.h"

namespace provcheck::text {

// One block's content: its lines with container markers ("> ", "- ")
// removed, joined by their original line breaks.
struct InlineSource {
  std::string text;
  // original[i] is the original offset of text[i]; original[text.size()] is
  // the offset just past the block's last byte.
  std::vector<uint32_t> original;
};

// Labels of the reference definitions of a document, as NormaliseLinkLabel
// gives them.
using LinkLabels = std::unordered_set<std::string>;

// Case-folds (ASCII) and collapses whitespace, so [Foo  Bar] matches [foo bar].
std::string NormaliseLinkLabel(std::string_view label);

// Writes the words of `source` to `writer` (without ending the block).
void WriteInlines(const InlineSource& source, const LinkLabels& labels, EntityDecoder* entities,
                  BlockWriter* writer);

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_MARKDOWN_INLINE_H_
