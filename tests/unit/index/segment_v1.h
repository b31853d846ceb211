// The bytes of a version 1 postings segment ("PCSEG001": 40-bit hashes, a
// u32 first entry per bucket, about eight entries a bucket), as provcheck
// 0.1 to 0.3 wrote them; tests of reading and keeping old indexes.
#ifndef PROVCHECK_TESTS_UNIT_INDEX_SEGMENT_V1_H_
#define PROVCHECK_TESTS_UNIT_INDEX_SEGMENT_V1_H_

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "index/segment_format.h"

namespace provcheck::index::legacy {

// REQUIRES: entries sorted and distinct, hashes below 2^40, docs in
// [min_doc, max_doc].
inline std::string Version1SegmentBytes(const std::vector<std::pair<uint64_t, uint32_t>>& entries,
                                        uint32_t min_doc, uint32_t max_doc) {
  SegmentFooter f{};
  std::memcpy(f.magic, kSegmentMagicV1, sizeof f.magic);
  f.count = entries.size();
  f.min_doc = min_doc;
  f.max_doc = max_doc;
  f.doc_bits = static_cast<uint32_t>(std::bit_width(max_doc - min_doc));
  f.bucket_bits = entries.size() > 8 ? std::bit_width((entries.size() - 1) / 8) : 0;
  f.bucket_bits = std::max(f.bucket_bits, kHashBits + f.doc_bits > kMaxEntryBits
                                              ? kHashBits + f.doc_bits - kMaxEntryBits
                                              : 0u);
  const uint32_t low_bits = LowBits(f), entry_bits = low_bits + f.doc_bits;
  std::string bytes(PackedBytes(f.count, entry_bits), '\0');
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto [h, doc] = entries[i];
    const uint64_t entry = (h & ((uint64_t{1} << low_bits) - 1)) |
                           static_cast<uint64_t>(doc - min_doc) << low_bits;
    for (uint32_t b = 0; b < entry_bits; ++b) {
      const uint64_t bit = i * entry_bits + b;
      if ((entry >> b) & 1) bytes[bit / 8] = static_cast<char>(bytes[bit / 8] | (1 << (bit % 8)));
    }
  }
  std::vector<uint32_t> dir((size_t{1} << f.bucket_bits) + 1, 0);
  for (size_t b = 0, i = 0; b < dir.size(); ++b) {
    while (i < entries.size() && (entries[i].first >> low_bits) < b) ++i;
    dir[b] = static_cast<uint32_t>(i);
  }
  dir.back() = static_cast<uint32_t>(entries.size());
  f.dir_offset = bytes.size();
  bytes.append(reinterpret_cast<const char*>(dir.data()), dir.size() * 4);
  bytes.append(reinterpret_cast<const char*>(&f), sizeof f);
  return bytes;
}

}  // namespace provcheck::index::legacy

#endif  // PROVCHECK_TESTS_UNIT_INDEX_SEGMENT_V1_H_
