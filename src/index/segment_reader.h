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
  // Maps `path` and checks its footer and part sizes; kCorruption naming
  // the file when they do not hold, kNotFound when it is missing. Reads
  // both versions of the format.
  static Result<std::unique_ptr<SegmentReader>> Open(const std::string& path);
  ~SegmentReader();
  SegmentReader(const SegmentReader&) = delete;
  SegmentReader& operator=(const SegmentReader&) = delete;

  uint64_t count() const { return footer_.count; }
  // The whole file, for its checksum.
  std::string_view bytes() const { return {reinterpret_cast<const char*>(map_), size_}; }
  const SegmentFooter& footer() const { return footer_; }
  // Bits of hash each entry holds: 32 (version 2) or 40 (version 1).
  uint32_t hash_bits() const { return hash_bits_; }
  // A kept hash (SegmentHash(), 40 bits) as this segment stores it.
  uint64_t Narrow(uint64_t kept_hash) const { return kept_hash >> (kHashBits - hash_bits_); }

  // The range of entries in the bucket of `hash` (hash_bits() bits);
  // entries within it are sorted by (hash, doc). A damaged directory
  // yields fewer or wrong entries, never a read out of bounds
  // (CheckDirectory() finds it).
  std::pair<uint64_t, uint64_t> Bucket(uint64_t hash) const {
    const uint64_t b = hash >> low_bits_;
    if (!unary_) {
      const uint64_t begin = std::min(Directory(b), footer_.count);
      return {begin, std::min(std::max(Directory(b + 1), begin), footer_.count)};
    }
    // Bucket b starts after the b-th 0 bit; the entries before it are the 1
    // bits before that.
    const uint64_t start = SkipZeros(Sample(b / kSampleBuckets), b % kSampleBuckets);
    const uint64_t begin = std::min(start >= b ? start - b : 0, footer_.count);
    return {begin, std::min(begin + OnesFrom(start), footer_.count)};
  }
  // Walks every entry in order: merges and verification. hash() has
  // hash_bits() bits.
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
      ++bit_;  // past this entry's 1
      Settle();
    }

   private:
    void Settle();
    const SegmentReader& r_;
    uint64_t i_ = 0, bucket_ = 0, entry_ = 0;
    uint64_t bit_ = 0;  // version 2: the unary bit of entry i_
  };
  // Checks the whole directory: in order and ending at the last entry
  // (version 2: count 1 bits, a 0 bit per bucket, the samples right).
  Status CheckDirectory() const;

  // Lookups of many hashes in a large segment wait on memory: the sample,
  // then the bucket sizes it points into, then the entries. Calling
  // Prefetch(h, 0), then (h, 1), then (h, 2) over all the hashes before
  // ForEachDoc lets those misses overlap instead of following one another.
  void Prefetch(uint64_t kept_hash, int stage) const {
    const uint64_t hash = Narrow(kept_hash);
    const uint64_t b = hash >> low_bits_;
    if (!unary_) {
      if (stage == 0) __builtin_prefetch(directory_ + b * 4);
      if (stage == 1) __builtin_prefetch(entries_ + std::min(Directory(b), footer_.count) *
                                                        entry_bits_ / 8);
      return;
    }
    if (stage == 0) {
      __builtin_prefetch(samples_ + b / kSampleBuckets * 8);
    } else if (stage == 1) {
      __builtin_prefetch(unary_ + std::min(Sample(b / kSampleBuckets), unary_bits_) / 64 * 8);
    } else {
      __builtin_prefetch(entries_ + Bucket(hash).first * entry_bits_ / 8);
    }
  }

  // Calls `f(doc)` for every entry with this kept hash (SegmentHash()).
  template <typename F>
  void ForEachDoc(uint64_t kept_hash, F&& f) const {
    const uint64_t hash = Narrow(kept_hash);
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
  // Version 1: the first entry of bucket b.
  uint64_t Directory(uint64_t b) const;
  // Version 2: word w of the unary sizes, sample j, the position just past
  // `zeros` more 0 bits from `bit`, and the run of 1 bits at `bit`.
  uint64_t UnaryWord(uint64_t w) const;
  uint64_t Sample(uint64_t j) const;
  uint64_t SkipZeros(uint64_t bit, uint64_t zeros) const;
  uint64_t OnesFrom(uint64_t bit) const;
  Status CheckUnary() const;

  std::string path_;
  const unsigned char* map_ = nullptr;
  size_t size_ = 0;
  SegmentFooter footer_{};
  const unsigned char* entries_ = nullptr;
  const unsigned char* directory_ = nullptr;  // version 1
  const unsigned char* unary_ = nullptr;      // version 2
  const unsigned char* samples_ = nullptr;    // version 2
  uint64_t unary_bits_ = 0;
  uint32_t hash_bits_ = kHashBits, low_bits_ = 0, entry_bits_ = 0;
  uint64_t low_mask_ = 0;
};

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_SEGMENT_READER_H_
