// The postings segment file format (docs/index-format.md, "Segments").
//
// A segment is an immutable, sorted, bit-packed list of (hash, document)
// pairs: the top kHashBits bits of a shingle's XXH3-64 and the document's
// number. It is split into 2^bucket_bits buckets by the top bits of the
// hash; a directory gives each bucket's first entry, so a lookup reads one
// small run of entries. An entry packs the hash's remaining bits (low) and
// the document number less min_doc above them, in a fixed number of bits.
//
//   [entries][directory: (2^bucket_bits + 1) x u32 entry indexes][footer]
//
// Entries are little-endian 64-bit words, followed by 8 zero bytes so a
// reader may load any entry with one unaligned 64-bit read; an entry is at
// most kMaxEntryBits wide.
#ifndef PROVCHECK_SRC_INDEX_SEGMENT_FORMAT_H_
#define PROVCHECK_SRC_INDEX_SEGMENT_FORMAT_H_

#include <cstdint>
#include <cstring>

namespace provcheck::index {

// 40 bits: a draft's 1,000 lookups against 500 M postings meet about one
// false hit, which alignment then rejects; 24 bits per posting saved.
inline constexpr uint32_t kHashBits = 40;
inline constexpr uint64_t kHashMask = (uint64_t{1} << kHashBits) - 1;
inline constexpr char kSegmentMagic[8] = {'P', 'C', 'S', 'E', 'G', '0', '0', '1'};
inline constexpr char kSegmentSuffix[] = ".seg";

// The kept part of a 64-bit shingle hash.
inline uint64_t SegmentHash(uint64_t hash) { return hash >> (64 - kHashBits); }

struct SegmentFooter {
  char magic[8];
  uint64_t count;        // entries
  uint32_t bucket_bits;  // directory has 2^bucket_bits + 1 entries
  uint32_t doc_bits;     // bits per (doc - min_doc)
  uint32_t min_doc;
  uint32_t max_doc;
  uint64_t entries_offset;  // byte offsets of the two parts
  uint64_t dir_offset;
  uint64_t reserved[2];
};
static_assert(sizeof(SegmentFooter) == 64);

inline constexpr uint32_t kMaxEntryBits = 57;
inline constexpr uint32_t kMaxBucketBits = 32;

inline uint32_t LowBits(const SegmentFooter& f) { return kHashBits - f.bucket_bits; }

// Bytes of a packed array of `count` values of `bits` bits, with its padding.
inline uint64_t PackedBytes(uint64_t count, uint32_t bits) {
  return (count * bits + 63) / 64 * 8 + 8;
}

// The value at `i` of a packed array; bits <= 57.
inline uint64_t ReadPacked(const unsigned char* base, uint64_t i, uint32_t bits) {
  if (bits == 0) return 0;
  const uint64_t bit = i * bits;
  uint64_t word;
  std::memcpy(&word, base + bit / 8, 8);
  return (word >> (bit % 8)) & ((uint64_t{1} << bits) - 1);
}

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_SEGMENT_FORMAT_H_
