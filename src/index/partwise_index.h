// An index that also takes a large JSON Lines file in parts (the corpus
// feed's way to keep memory bounded): the embedded index is one; an Index
// that is not gets such files whole.
//
// Thread-safety: as Index.
#ifndef PROVCHECK_SRC_INDEX_PARTWISE_INDEX_H_
#define PROVCHECK_SRC_INDEX_PARTWISE_INDEX_H_

#include <string>
#include <string_view>

#include "provcheck/index.h"
#include "text/reader.h"

namespace provcheck::index {

class PartwiseIndex : public Index {
 public:
  // As AddFile, for `bytes` that are the piece `part` (whole lines) of the
  // file at `path`: messages name the file's own lines, made-up ids keep
  // counting across parts.
  virtual Status AddFilePart(const std::string& path, std::string_view bytes, Format format,
                             const std::string& default_id, AddSummary* summary,
                             const text::FilePart& part) = 0;

  Status AddFile(const std::string& path, std::string_view bytes, Format format,
                 const std::string& default_id, AddSummary* summary) final {
    return AddFilePart(path, bytes, format, default_id, summary, text::FilePart{});
  }
};

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_PARTWISE_INDEX_H_
