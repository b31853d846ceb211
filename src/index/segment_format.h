// The postings segment file format (docs/index-format.md, "Segments").
//
// A segment is an immutable, sorted, bit-packed list of (hash, document)
// pairs: the top hash_bits bits of a shingle's XXH3-64 and the document's
// number. It is split into 2^bucket_bits buckets by the top bits of the
// hash; a directory gives each bucket's first entry, so a lookup reads one
// small run of entries. An entry packs the hash's remaining bits (low) and
// the document number less min_doc above them, in a fixed number of bits.
//
//   [entries][directory][footer]
//
// Entries are little-endian 64-bit words, followed by 8 zero bytes so a
// reader may load any entry with one unaligned 64-bit read; an entry is at
// most kMaxEntryBits wide.
//
// Version 2 ("PCSEG002", written since 0.4) stores 32-bit hashes and its
// directory as bucket sizes in unary (a 1 bit per entry, a 0 bit closing
// each bucket: count + 2^bucket_bits bits) with the bit position of every
// 128th bucket, so buckets hold one or two entries and the directory costs
// about two bits per entry. Version 1 ("PCSEG001") stores 40-bit hashes and
// a u32 first-entry per bucket (about eight entries per bucket); it is
// still read, and merged only with its own kind.
#ifndef PROVCHECK_SRC_INDEX_SEGMENT_FORMAT_H_
#define PROVCHECK_SRC_INDEX_SEGMENT_FORMAT_H_

#include <cstdint>
#include <cstring>

namespace provcheck::index {

// A kept hash is the top 40 bits of a shingle's hash: documents' counts of
// distinct fingerprints and the lookups of a scan are in these.
inline constexpr uint32_t kHashBits = 40;
inline constexpr uint64_t kHashMask = (uint64_t{1} << kHashBits) - 1;
// What a version 2 segment stores of it: a 1,000-shingle draft against 500 M
// postings meets about a hundred false hits, scattered over documents (two
// on one document among a million about once in a hundred scans), which
// candidate selection and alignment then pass over; 8 bits per posting saved.
inline constexpr uint32_t kSegmentHashBits = 32;
inline constexpr char kSegmentMagicV1[8] = {'P', 'C', 'S', 'E', 'G', '0', '0', '1'};
inline constexpr char kSegmentMagic[8] = {'P', 'C', 'S', 'E', 'G', '0', '0', '2'};
inline constexpr char kSegmentSuffix[] = ".seg";
// Version 2: the bit position of bucket j * kSampleBuckets is stored (half
// a bit a bucket); a lookup then counts through about two words.
inline constexpr uint64_t kSampleBuckets = 128;

// The kept part of a 64-bit shingle hash.
inline uint64_t SegmentHash(uint64_t hash) { return hash >> (64 - kHashBits); }

struct SegmentFooter {
  char magic[8];
  uint64_t count;        // entries
  uint32_t bucket_bits;  // 2^bucket_bits buckets
  uint32_t doc_bits;     // bits per (doc - min_doc)
  uint32_t min_doc;
  uint32_t max_doc;
  uint64_t entries_offset;  // byte offsets of the parts
  uint64_t dir_offset;      // v1: the u32 directory; v2: the unary bucket sizes
  uint32_t hash_bits;       // v2 (v1: 0, meaning 40)
  uint32_t sample_buckets;  // v2: kSampleBuckets (v1: 0)
  uint64_t samples_offset;  // v2: the u64 bit positions of every 128th bucket
};
static_assert(sizeof(SegmentFooter) == 64);

inline constexpr uint32_t kMaxEntryBits = 57;
inline constexpr uint32_t kMaxBucketBits = 32;

inline uint32_t HashBitsOf(const SegmentFooter& f) {
  return f.hash_bits == 0 ? kHashBits : f.hash_bits;
}
inline uint32_t LowBits(const SegmentFooter& f) { return HashBitsOf(f) - f.bucket_bits; }

// Version 2: bytes of the unary bucket sizes (with a zero word of padding)
// and of the samples.
inline uint64_t UnaryBits(uint64_t count, uint32_t bucket_bits) {
  return count + (uint64_t{1} << bucket_bits);
}
inline uint64_t UnaryBytes(uint64_t count, uint32_t bucket_bits) {
  return ((UnaryBits(count, bucket_bits) + 63) / 64 + 1) * 8;
}
inline uint64_t SampleCount(uint32_t bucket_bits) {
  return ((uint64_t{1} << bucket_bits) + kSampleBuckets - 1) / kSampleBuckets;
}

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
