// PostingStore: the postings of an index as immutable segment files in
// DIR/segments/, listed in the catalog's `segments` table (LSM style).
//
// Owns: staging a batch's postings and writing them as one sorted segment
// inside the writer's transaction; merging segments (newest first, so each
// posting is rewritten O(log n) times); the numbers of removed documents,
// whose postings stay in old segments until a merge drops them; lookups
// across the live segments of one snapshot.
//
// Crash safety: a segment file is complete and fsynced before the catalog
// lists it; files the catalog does not list (a crash between the two) are
// never read and are removed by the next writer. Merged-away files are
// removed only after the merge commits; a reader that mapped them keeps
// reading its snapshot.
//
// Thread-safety: none; one per SqliteIndex.
#ifndef PROVCHECK_SRC_INDEX_POSTING_STORE_H_
#define PROVCHECK_SRC_INDEX_POSTING_STORE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "base/file_system.h"
#include "index/segment_reader.h"
#include "index/segment_writer.h"
#include "index/sqlite_db.h"
#include "provcheck/index.h"

namespace provcheck::index {

class PostingStore {
 public:
  PostingStore(std::string dir, Database* db, base::FileSystem* fs)
      : dir_(std::move(dir)), folder_(dir_ + "/segments"), db_(db), fs_(fs) {}

  // --- Reading, inside the caller's read transaction.
  // Maps the segments the catalog lists (keeping those already mapped) and
  // reads the removed documents. kNotFound when a listed file is gone: a
  // merge committed after this snapshot began; start a new snapshot.
  Status Load();
  // Appends the postings of each hash met in at most `cap` live documents.
  Status Lookup(const std::vector<uint64_t>& hashes, uint32_t cap, std::vector<Posting>* out) const;
  uint64_t DiskBytes() const;

  // --- Writing, inside the writer's transaction.
  // Stages a document's kept hashes (sorted, distinct).
  Status Stage(uint32_t doc, const std::vector<uint64_t>& kept_hashes);
  // The document's postings no longer count (removed or replaced).
  Status MarkRemoved(uint32_t doc);
  // Writes staged postings as a segment and lists it in the catalog.
  Status WriteStaged();
  // After a rollback: forgets staged postings, removes files written for it.
  void Abandon();
  // After a commit: the files written are now the catalog's.
  void Committed() { written_.clear(); }
  // Removes segment files the catalog does not list (holds the write lock).
  Status RemoveOrphans();
  // Merges the newest segments while they hold at least half as many
  // entries as the segment before them; its own transaction per merge.
  Status MergeSome();

  // --- Checking: every segment's checksum, bounds and order.
  Status VerifySegments();
  // Appends every live (hash, doc) with doc in [first, last], the hash
  // narrowed to kVerifyHashBits (the bits every segment version holds).
  static constexpr uint32_t kVerifyHashBits = kSegmentHashBits;
  Status Collect(uint32_t first, uint32_t last,
                 std::vector<std::pair<uint64_t, uint32_t>>* out) const;
  const std::unordered_set<uint32_t>& removed() const { return removed_; }

 private:
  struct Listed {
    SegmentInfo info;
    std::shared_ptr<SegmentReader> reader;
  };
  Result<std::vector<SegmentInfo>> ListCatalog();
  Result<std::string> NextName();
  Status Insert(const SegmentInfo& info);
  Status MergeTail(const std::vector<SegmentInfo>& tail);
  // The hash bits of a loaded segment (40 when it is not loaded).
  uint32_t HashBitsOf(const std::string& name) const;

  std::string dir_, folder_;
  Database* db_;
  base::FileSystem* fs_;
  std::vector<Listed> segments_;  // oldest first
  std::unordered_set<uint32_t> removed_;
  // Staged postings, each (hash << 32 | doc) with the hash narrowed to
  // kSegmentHashBits: half the memory of a pair, and sorted as one number.
  std::vector<uint64_t> staged_;
  std::vector<std::string> written_;  // files of the open transaction
};

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_POSTING_STORE_H_
