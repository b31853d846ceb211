#include "index/segment_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
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
  const bool v1 = std::memcmp(f.magic, kSegmentMagicV1, sizeof f.magic) == 0;
  if (!v1 && std::memcmp(f.magic, kSegmentMagic, sizeof f.magic) != 0) return corrupt("bad magic");
  if (v1 && (f.hash_bits != 0 || f.sample_buckets != 0 || f.samples_offset != 0)) {
    return corrupt("footer out of range");
  }
  if (!v1 && (f.hash_bits == 0 || f.hash_bits > kHashBits || f.sample_buckets != kSampleBuckets)) {
    return corrupt("footer out of range");
  }
  r->hash_bits_ = HashBitsOf(f);
  if (f.bucket_bits > kMaxBucketBits || f.bucket_bits > r->hash_bits_ || f.doc_bits > 32 ||
      f.min_doc > f.max_doc || f.count >= (uint64_t{1} << 32)) {
    return corrupt("footer out of range");
  }
  r->low_bits_ = LowBits(f);
  r->entry_bits_ = r->low_bits_ + f.doc_bits;
  if (r->entry_bits_ > kMaxEntryBits) return corrupt("entries wider than 57 bits");
  const uint64_t entries_bytes = PackedBytes(f.count, r->entry_bits_);
  const uint64_t dir_bytes = v1 ? ((uint64_t{1} << f.bucket_bits) + 1) * 4
                                : UnaryBytes(f.count, f.bucket_bits);
  const uint64_t samples_bytes = v1 ? 0 : SampleCount(f.bucket_bits) * 8;
  if (f.entries_offset != 0 || f.dir_offset != entries_bytes ||
      (!v1 && f.samples_offset != f.dir_offset + dir_bytes) ||
      f.dir_offset + dir_bytes + samples_bytes + sizeof f != r->size_) {
    return corrupt("part sizes do not add up to the file size");
  }
  r->entries_ = r->map_;
  if (v1) {
    r->directory_ = r->map_ + f.dir_offset;
  } else {
    r->unary_ = r->map_ + f.dir_offset;
    r->samples_ = r->map_ + f.samples_offset;
    r->unary_bits_ = UnaryBits(f.count, f.bucket_bits);
  }
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

uint64_t SegmentReader::UnaryWord(uint64_t w) const {
  uint64_t v;
  std::memcpy(&v, unary_ + w * 8, 8);
  return v;
}

uint64_t SegmentReader::Sample(uint64_t j) const {
  uint64_t v;
  std::memcpy(&v, samples_ + j * 8, 8);
  return v;
}

namespace {

// The position of the k-th (1-based) set bit of x. REQUIRES: popcount(x) >= k.
// Byte by byte, then bit by bit within the byte: a lookup's hot loop.
[[gnu::always_inline]] inline unsigned SelectBit(uint64_t x, uint64_t k) {
  unsigned base = 0;
  for (;; base += 8, x >>= 8) {
    const auto in_byte = static_cast<uint64_t>(std::popcount(x & 0xff));
    if (in_byte >= k) break;
    k -= in_byte;
  }
  for (; k > 1; --k) x &= x - 1;
  return base + static_cast<unsigned>(std::countr_zero(x));
}

// Bits [offset, offset + valid) of `word`, shifted down; those above, 0.
uint64_t BitsFrom(uint64_t word, uint64_t offset, uint64_t valid) {
  word >>= offset;
  return valid >= 64 ? word : word & ((uint64_t{1} << valid) - 1);
}

}  // namespace

// Debian builds for the x86-64 baseline, where std::popcount is a library
// call (7x slower lookups); a clone with the POPCNT instruction is picked at
// load time on the processors that have it (all since 2008).
#if defined(__x86_64__) && defined(__ELF__)
#define PROVCHECK_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define PROVCHECK_POPCNT_CLONES
#endif

namespace {

// SegmentReader::SkipZeros over `unary_bits` bits at `unary`.
PROVCHECK_POPCNT_CLONES
uint64_t SkipZerosIn(const unsigned char* unary, uint64_t unary_bits, uint64_t bit,
                     uint64_t zeros) {
  while (zeros > 0 && bit < unary_bits) {
    const uint64_t valid = std::min<uint64_t>(64 - bit % 64, unary_bits - bit);
    uint64_t word;
    std::memcpy(&word, unary + bit / 64 * 8, 8);
    const uint64_t z = BitsFrom(~word, bit % 64, valid);
    const auto n = static_cast<uint64_t>(std::popcount(z));
    if (n >= zeros) return bit + SelectBit(z, zeros) + 1;
    zeros -= n;
    bit += valid;
  }
  return std::min(bit, unary_bits);
}

}  // namespace

uint64_t SegmentReader::SkipZeros(uint64_t bit, uint64_t zeros) const {
  return SkipZerosIn(unary_, unary_bits_, bit, zeros);
}

uint64_t SegmentReader::OnesFrom(uint64_t bit) const {
  uint64_t run = 0;
  while (bit < unary_bits_) {
    const uint64_t valid = std::min<uint64_t>(64 - bit % 64, unary_bits_ - bit);
    const uint64_t ones = BitsFrom(UnaryWord(bit / 64), bit % 64, valid);
    const auto t = static_cast<uint64_t>(std::countr_one(ones));
    if (t < valid) return run + t;
    run += valid;
    bit += valid;
  }
  return run;
}

void SegmentReader::Cursor::Settle() {
  if (!Valid()) return;
  if (!r_.unary_) {
    const uint64_t buckets = uint64_t{1} << r_.footer_.bucket_bits;
    while (bucket_ < buckets - 1 && r_.Directory(bucket_ + 1) <= i_) ++bucket_;
  } else {
    // Each 0 bit before this entry's 1 closes a bucket.
    while (bit_ < r_.unary_bits_) {
      const uint64_t valid = std::min<uint64_t>(64 - bit_ % 64, r_.unary_bits_ - bit_);
      const uint64_t ones = BitsFrom(r_.UnaryWord(bit_ / 64), bit_ % 64, valid);
      if (ones != 0) {
        const auto z = static_cast<uint64_t>(std::countr_zero(ones));
        bucket_ += z;
        bit_ += z;
        break;
      }
      bucket_ += valid;
      bit_ += valid;
    }
  }
  entry_ = ReadPacked(r_.entries_, i_, r_.entry_bits_);
}

Status SegmentReader::CheckDirectory() const {
  if (unary_) return CheckUnary();
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

Status SegmentReader::CheckUnary() const {
  auto damaged = [this](const char* what) {
    return Status::Corruption(path_ + ": damaged postings segment: " + what);
  };
  const uint64_t samples = SampleCount(footer_.bucket_bits);
  if (samples > 0 && Sample(0) != 0) return damaged("bucket samples wrong");
  uint64_t ones = 0, zeros = 0, j = 1;
  const uint64_t words = UnaryBytes(footer_.count, footer_.bucket_bits) / 8;
  for (uint64_t w = 0; w < words; ++w) {
    const uint64_t bit = w * 64;
    const uint64_t valid = bit < unary_bits_ ? std::min<uint64_t>(64, unary_bits_ - bit) : 0;
    const uint64_t word = UnaryWord(w);
    if (valid < 64 && (word >> valid) != 0) return damaged("bits past the directory's end");
    const uint64_t z = BitsFrom(~word, 0, valid);
    const auto n = static_cast<uint64_t>(std::popcount(z));
    // Sample j is the position just past the (j * kSampleBuckets)-th 0.
    for (; j < samples && j * kSampleBuckets <= zeros + n; ++j) {
      if (Sample(j) != bit + SelectBit(z, j * kSampleBuckets - zeros) + 1) {
        return damaged("bucket samples wrong");
      }
    }
    zeros += n;
    ones += valid - n;
  }
  if (ones != footer_.count || zeros != (uint64_t{1} << footer_.bucket_bits) || j < samples) {
    return damaged("directory does not hold every entry and bucket");
  }
  return Status::Ok();
}

}  // namespace provcheck::index
