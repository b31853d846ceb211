#include "index/line_parts.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "base/file_system.h"

namespace provcheck::index {

Result<std::unique_ptr<LinePartReader>> LinePartReader::Open(const std::string& path,
                                                             size_t part_bytes,
                                                             size_t max_line_bytes) {
  // Opened without blocking and checked to be a regular file: a FIFO named
  // *.jsonl is refused, not waited on.
  PROVCHECK_ASSIGN_OR_RETURN(base::OpenedFile opened, base::OpenRegularFile(path));
  std::FILE* f = ::fdopen(opened.fd, "rb");
  if (f == nullptr) {
    const int err = errno;
    ::close(opened.fd);
    return Status::IOError(path + ": cannot open: " + std::strerror(err));
  }
  std::unique_ptr<LinePartReader> r(new LinePartReader());
  r->path_ = path;
  r->file_ = f;
  r->part_bytes_ = part_bytes;
  r->max_line_bytes_ = max_line_bytes;
  r->next_.whole = false;
  return r;
}

LinePartReader::~LinePartReader() {
  if (file_ != nullptr) std::fclose(file_);
}

Result<bool> LinePartReader::Next(std::string* bytes, text::FilePart* part) {
  std::string buf = std::move(carry_);
  carry_.clear();
  size_t cut = std::string::npos;  // one past the part's last newline
  while (true) {
    if (buf.size() >= part_bytes_) {
      size_t nl = buf.rfind('\n', part_bytes_ - 1);
      if (nl != std::string::npos) {
        cut = nl + 1;
        break;
      }
      nl = buf.find('\n', part_bytes_);  // one long line
      if (nl != std::string::npos && nl < max_line_bytes_) {
        cut = nl + 1;
        break;
      }
      if (buf.size() > max_line_bytes_) {
        return Status::ResourceLimit(path_ + ":" + std::to_string(next_.first_line) +
                                     ": a line longer than " + std::to_string(max_line_bytes_) +
                                     " bytes");
      }
    }
    if (eof_) break;
    const size_t old = buf.size();
    buf.resize(old + (size_t{1} << 20));
    const size_t n = std::fread(buf.data() + old, 1, size_t{1} << 20, file_);
    buf.resize(old + n);
    if (n == 0) {
      if (std::ferror(file_))
        return Status::IOError(path_ + ": cannot read: " + std::strerror(errno));
      eof_ = true;
    }
  }
  if (buf.empty()) return false;
  if (cut != std::string::npos && cut < buf.size()) {
    carry_ = buf.substr(cut);
    buf.resize(cut);
  }
  *part = next_;
  next_.first_byte += buf.size();
  next_.first_line += static_cast<uint64_t>(std::count(buf.begin(), buf.end(), '\n'));
  *bytes = std::move(buf);
  return true;
}

}  // namespace provcheck::index
