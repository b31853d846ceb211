// LinePartReader: reads a large JSON Lines file in parts of whole lines, so
// `index add` of a multi-gigabyte feed holds one part in memory at a time.
#ifndef PROVCHECK_SRC_INDEX_LINE_PARTS_H_
#define PROVCHECK_SRC_INDEX_LINE_PARTS_H_

#include <cstdio>
#include <memory>
#include <string>

#include "provcheck/result.h"
#include "text/reader.h"

namespace provcheck::index {

class LinePartReader {
 public:
  // `part_bytes`: a part ends at the last newline within this many bytes
  // (a longer line makes a longer part, up to `max_line_bytes`).
  static Result<std::unique_ptr<LinePartReader>> Open(const std::string& path, size_t part_bytes,
                                                      size_t max_line_bytes);
  ~LinePartReader();

  // The next part and where it sits; false at the end of the file.
  Result<bool> Next(std::string* bytes, text::FilePart* part);

 private:
  LinePartReader() = default;
  std::string path_;
  std::FILE* file_ = nullptr;
  size_t part_bytes_ = 0, max_line_bytes_ = 0;
  std::string carry_;  // bytes after the last part's final newline
  text::FilePart next_;
  bool eof_ = false;
};

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_LINE_PARTS_H_
