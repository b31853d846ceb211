// SqliteIndex::Verify: the integrity check behind `provcheck index verify`.
#include <unordered_map>

#include "base/sha256.h"
#include "index/digest.h"
#include "index/sqlite_index.h"

namespace provcheck::index {

Status SqliteIndex::Verify() {
  PROVCHECK_RETURN_IF_ERROR(BeginSnapshot());
  struct SnapshotGuard {
    SqliteIndex* self;
    ~SnapshotGuard() { self->EndSnapshot(); }
  } guard{this};

  PROVCHECK_ASSIGN_OR_RETURN(Statement check, db_->Prepare("PRAGMA integrity_check"));
  PROVCHECK_ASSIGN_OR_RETURN(bool row, check.Step());
  if (!row || check.Text(0) != "ok") {
    return Status::Corruption(dir_ + ": database integrity check failed: " + check.Text(0));
  }

  // Postings per document, in one pass over the postings table.
  std::unordered_map<int64_t, int64_t> counts;
  PROVCHECK_ASSIGN_OR_RETURN(Statement per_doc,
                             db_->Prepare("SELECT doc, count(*) FROM postings GROUP BY doc"));
  while (true) {
    PROVCHECK_ASSIGN_OR_RETURN(bool more, per_doc.Step());
    if (!more) break;
    counts[per_doc.Int(0)] = per_doc.Int(1);
  }

  PROVCHECK_ASSIGN_OR_RETURN(Statement docs,
                             db_->Prepare("SELECT doc, id, sha256, fingerprints FROM documents"));
  PROVCHECK_ASSIGN_OR_RETURN(
      Statement has, db_->Prepare("SELECT 1 FROM postings WHERE hash = ? AND doc = ? AND pos = ?"));
  uint64_t documents = 0;
  while (true) {
    PROVCHECK_ASSIGN_OR_RETURN(bool more, docs.Step());
    if (!more) break;
    ++documents;
    const int64_t doc = docs.Int(0);
    const std::string id = docs.Text(1);
    PROVCHECK_ASSIGN_OR_RETURN(StoredDocument stored, Load(static_cast<uint32_t>(doc)));
    if (base::Sha256Hex(stored.original) != docs.Text(2)) {
      return Status::Corruption(dir_ + ": document \"" + id + "\": bytes do not match their sha256");
    }
    PROVCHECK_ASSIGN_OR_RETURN(auto fps, FingerprintsOf(stored.original, stored.format, nullptr));
    if (static_cast<int64_t>(fps.size()) != docs.Int(3)) {
      return Status::Corruption(dir_ + ": document \"" + id + "\": fingerprint count differs");
    }
    // Equal counts and every expected posting present: the sets are equal.
    int64_t distinct = 0;
    for (const auto& fp : fps) {
      has.BindInt(1, static_cast<int64_t>(fp.hash));
      has.BindInt(2, doc);
      has.BindInt(3, fp.position);
      PROVCHECK_ASSIGN_OR_RETURN(bool present, has.Step());
      has.Reset();
      if (!present) {
        return Status::Corruption(dir_ + ": document \"" + id + "\": a posting is missing");
      }
      ++distinct;
    }
    if (counts[doc] != distinct) {
      return Status::Corruption(dir_ + ": document \"" + id + "\": unexpected postings");
    }
    counts.erase(doc);
  }
  for (const auto& [doc, n] : counts) {
    if (n > 0) return Status::Corruption(dir_ + ": postings for a document that is not in the catalog");
  }
  PROVCHECK_ASSIGN_OR_RETURN(std::string digest, ComputeDigest());
  PROVCHECK_ASSIGN_OR_RETURN(IndexStats stats, Stats());
  if (digest != stats.digest) {
    return Status::Corruption(dir_ + ": digest " + stats.digest + " does not match the content (" +
                              digest + ")");
  }
  if (stats.documents != documents) {
    return Status::Corruption(dir_ + ": document count differs from the catalog");
  }
  return Status::Ok();
}

}  // namespace provcheck::index
