// SegmentReader: one postings segment file (segment_format.h), memory-mapped
// read-only. Lookups touch only the buckets they need, so a scan reads a few
// pages of a segment whatever its size, and the heap holds none of it.
//
// Thread-safety: immutable after Open; safe to share between threads.
#ifndef PROVCHECK_SRC_INDEX_SEGMENT_READER_H_
#define PROVCHECK_SRC_INDEX_SEGMENT_READER_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "index/segment_format.h"
#include "provcheck/result.h"

namespace provcheck::index {

class SegmentReader {
 public:
  // Maps `path` and checks its footer and directory bounds; kCorruption
  // naming the file when they do not hold, kNotFound when it is missing.
  static Result<std::unique_ptr<SegmentReader>> Open(const std::string& path);
  ~SegmentReader();
  SegmentReader(const SegmentReader&) = delete;
  SegmentReader& operator=(const SegmentReader&) = delete;

  uint64_t count() const { return footer_.count; }
  // The whole file, for its checksum.
  std::string_view bytes() const { return {reinterpret_cast<const char*>(map_), size_}; }
  const SegmentFooter& footer() const { return footer_; }

  // The range of entries whose hash has the bucket of `hash` (a kept hash,
  // SegmentHash()); entries within it are sorted by (hash, doc).
  // A damaged directory yields fewer entries, never a read out of bounds
  // (CheckDirectory() finds it).
  std::pair<uint64_t, uint64_t> Bucket(uint64_t hash) const {
    const uint64_t b = hash >> low_bits_;
    const uint64_t begin = std::min(Directory(b), footer_.count);
    return {begin, std::min(std::max(Directory(b + 1), begin), footer_.count)};
  }
  // Walks every entry in order: merges and verification.
  class Cursor {
   public:
    explicit Cursor(const SegmentReader& r) : r_(r) { Settle(); }
    bool Valid() const { return i_ < r_.footer_.count; }
    uint64_t hash() const { return (bucket_ << r_.low_bits_) | (entry_ & r_.low_mask_); }
    uint32_t doc() const {
      return r_.footer_.min_doc + static_cast<uint32_t>(entry_ >> r_.low_bits_);
    }
    void Next() {
      ++i_;
      Settle();
    }

   private:
    void Settle() {
      if (!Valid()) return;
      const uint64_t buckets = uint64_t{1} << r_.footer_.bucket_bits;
      while (bucket_ < buckets - 1 && r_.Directory(bucket_ + 1) <= i_) ++bucket_;
      entry_ = ReadPacked(r_.entries_, i_, r_.entry_bits_);
    }
    const SegmentReader& r_;
    uint64_t i_ = 0, bucket_ = 0, entry_ = 0;
  };
  // Checks the whole directory: in order and ending at the last entry.
  Status CheckDirectory() const;

  // Calls `f(doc)` for every entry with this kept hash.
  template <typename F>
  void ForEachDoc(uint64_t hash, F&& f) const {
    auto [i, end] = Bucket(hash);
    const uint64_t low = hash & low_mask_;
    for (; i < end; ++i) {
      const uint64_t e = ReadPacked(entries_, i, entry_bits_);
      const uint64_t l = e & low_mask_;
      if (l > low) break;
      if (l == low) f(footer_.min_doc + static_cast<uint32_t>(e >> low_bits_));
    }
  }

 private:
  SegmentReader() = default;
  uint64_t Directory(uint64_t b) const;

  std::string path_;
  const unsigned char* map_ = nullptr;
  size_t size_ = 0;
  SegmentFooter footer_{};
  const unsigned char* entries_ = nullptr;
  const unsigned char* directory_ = nullptr;
  uint32_t low_bits_ = 0, entry_bits_ = 0;
  uint64_t low_mask_ = 0;
};

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_SEGMENT_READER_H_
