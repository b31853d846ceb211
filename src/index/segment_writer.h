// SegmentWriter: writes one postings segment file (segment_format.h) from
// entries given in sorted order, streaming, so a merge of many gigabytes
// needs only its directory (about two bits an entry) in memory. It writes
// version 2 (segment_format.h).
//
// Crash safety: the file is written as NAME.tmp, fsynced, then renamed to
// NAME; until the catalog lists it, an index never reads it.
#ifndef PROVCHECK_SRC_INDEX_SEGMENT_WRITER_H_
#define PROVCHECK_SRC_INDEX_SEGMENT_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "base/sha256.h"
#include "index/segment_format.h"
#include "provcheck/result.h"

namespace provcheck::index {

struct SegmentInfo {
  std::string name;  // file name inside the segments folder
  uint64_t count = 0;
  uint64_t bytes = 0;
  uint32_t min_doc = 0, max_doc = 0;
  std::string sha256;  // hex, of the whole file
};

class SegmentWriter {
 public:
  // `max_count` bounds the entries to come (it sizes the directory);
  // every document number lies in [min_doc, max_doc]; hashes have
  // `hash_bits` bits (kSegmentHashBits; a merge of version 1 segments keeps
  // their 40).
  static Result<std::unique_ptr<SegmentWriter>> Create(base::FileSystem& fs, std::string folder,
                                                       std::string name, uint64_t max_count,
                                                       uint32_t min_doc, uint32_t max_doc,
                                                       uint32_t hash_bits = kSegmentHashBits);

  // REQUIRES: (hash, doc) ascending and distinct; hash < 2^hash_bits.
  Status Add(uint64_t hash, uint32_t doc);
  // Writes directory and footer, syncs, renames into place.
  Result<SegmentInfo> Finish();

 private:
  SegmentWriter() = default;
  Status Flush(bool all);
  // Closes buckets bucket_ .. bucket - 1 (one 0 bit each); `bucket` opens.
  void CloseBucketsBelow(uint64_t bucket);

  base::FileSystem* fs_ = nullptr;
  std::string folder_, name_;
  std::unique_ptr<base::WritableFile> file_;
  base::Sha256 sha_;
  SegmentFooter footer_{};
  uint32_t entry_bits_ = 0;
  uint64_t bytes_ = 0;
  // The unary bucket sizes (a 1 per entry, a 0 closing each bucket), its
  // length in bits, and the start of every kSampleBuckets-th bucket.
  std::vector<uint64_t> unary_;
  uint64_t unary_bit_ = 0;
  std::vector<uint64_t> samples_;
  uint64_t bucket_ = 0;  // the open bucket: those below it are closed
  std::vector<uint64_t> words_;  // packed entries not yet written
  uint64_t bit_ = 0;             // bits used in words_
};

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_SEGMENT_WRITER_H_
