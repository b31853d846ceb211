#include "index/segment_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace provcheck::index {

Result<std::unique_ptr<SegmentReader>> SegmentReader::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound(path + ": postings segment is missing");
    return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Status::IOError(path + ": cannot stat: " + std::strerror(err));
  }
  std::unique_ptr<SegmentReader> r(new SegmentReader());
  r->path_ = path;
  r->size_ = static_cast<size_t>(st.st_size);
  auto corrupt = [&path](const std::string& what) {
    return Status::Corruption(path + ": damaged postings segment: " + what);
  };
  if (r->size_ < sizeof(SegmentFooter)) {
    ::close(fd);
    return corrupt("shorter than its footer");
  }
  void* map = ::mmap(nullptr, r->size_, PROT_READ, MAP_SHARED, fd, 0);
  int err = errno;
  ::close(fd);  // the mapping keeps the file
  if (map == MAP_FAILED) return Status::IOError(path + ": cannot map: " + std::strerror(err));
  r->map_ = static_cast<const unsigned char*>(map);

  SegmentFooter& f = r->footer_;
  std::memcpy(&f, r->map_ + r->size_ - sizeof f, sizeof f);
  if (std::memcmp(f.magic, kSegmentMagic, sizeof f.magic) != 0) return corrupt("bad magic");
  if (f.bucket_bits > kMaxBucketBits || f.bucket_bits > kHashBits || f.doc_bits > 32 ||
      f.min_doc > f.max_doc || f.count >= (uint64_t{1} << 32)) {
    return corrupt("footer out of range");
  }
  r->low_bits_ = LowBits(f);
  r->entry_bits_ = r->low_bits_ + f.doc_bits;
  if (r->entry_bits_ > kMaxEntryBits) return corrupt("entries wider than 57 bits");
  const uint64_t entries_bytes = PackedBytes(f.count, r->entry_bits_);
  const uint64_t dir_bytes = ((uint64_t{1} << f.bucket_bits) + 1) * 4;
  if (f.entries_offset != 0 || f.dir_offset != entries_bytes ||
      f.dir_offset + dir_bytes + sizeof f != r->size_) {
    return corrupt("part sizes do not add up to the file size");
  }
  r->entries_ = r->map_;
  r->directory_ = r->map_ + f.dir_offset;
  r->low_mask_ = (uint64_t{1} << r->low_bits_) - 1;
  return r;
}

SegmentReader::~SegmentReader() {
  if (map_ != nullptr) ::munmap(const_cast<unsigned char*>(map_), size_);
}

uint64_t SegmentReader::Directory(uint64_t b) const {
  uint32_t v;
  std::memcpy(&v, directory_ + b * 4, 4);
  return v;
}

Status SegmentReader::CheckDirectory() const {
  uint64_t prev = 0;
  const uint64_t buckets = uint64_t{1} << footer_.bucket_bits;
  for (uint64_t b = 0; b <= buckets; ++b) {
    const uint64_t v = Directory(b);
    if (v < prev || v > footer_.count) {
      return Status::Corruption(path_ + ": damaged postings segment: directory out of order");
    }
    prev = v;
  }
  if (prev != footer_.count) {
    return Status::Corruption(path_ + ": damaged postings segment: directory ends early");
  }
  return Status::Ok();
}

}  // namespace provcheck::index
