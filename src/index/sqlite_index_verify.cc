// SqliteIndex::Verify: the integrity check behind `provcheck index verify`.
#include <algorithm>
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

  PROVCHECK_ASSIGN_OR_RETURN(Statement docs,
                             db_->Prepare("SELECT doc, id, sha256 FROM documents ORDER BY doc"));
  uint64_t documents = 0;
  while (true) {
    PROVCHECK_ASSIGN_OR_RETURN(bool more, docs.Step());
    if (!more) break;
    ++documents;
    PROVCHECK_ASSIGN_OR_RETURN(StoredDocument stored, Load(static_cast<uint32_t>(docs.Int(0))));
    if (base::Sha256Hex(stored.original) != docs.Text(2)) {
      return Status::Corruption(dir_ + ": document \"" + docs.Text(1) +
                                "\": bytes do not match their sha256");
    }
  }
  PROVCHECK_RETURN_IF_ERROR(VerifyPostings());
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

Status SqliteIndex::VerifyPostings() {
  PROVCHECK_RETURN_IF_ERROR(postings_->VerifySegments());
  // Documents in number ranges of a bounded count of postings: the
  // fingerprints each should have, against what the segments hold.
  constexpr int64_t kPostingsPerPass = int64_t{16} << 20;
  PROVCHECK_ASSIGN_OR_RETURN(
      Statement docs, db_->Prepare("SELECT doc, id, fingerprints FROM documents ORDER BY doc"));
  std::vector<std::pair<uint64_t, uint32_t>> expected, actual;
  std::unordered_map<uint32_t, std::string> ids;
  bool more = true;
  uint32_t first = 0;
  while (more) {
    expected.clear();
    actual.clear();
    ids.clear();
    uint32_t last = first;
    int64_t postings = 0;
    while (postings < kPostingsPerPass) {
      PROVCHECK_ASSIGN_OR_RETURN(more, docs.Step());
      if (!more) break;
      const uint32_t doc = static_cast<uint32_t>(docs.Int(0));
      PROVCHECK_ASSIGN_OR_RETURN(StoredDocument stored, Load(doc));
      PROVCHECK_ASSIGN_OR_RETURN(std::vector<uint64_t> kept,
                                 hasher_.KeptHashesOf(stored.original, stored.format, settings_));
      if (static_cast<int64_t>(kept.size()) != docs.Int(2)) {
        return Status::Corruption(dir_ + ": document \"" + docs.Text(1) +
                                  "\": fingerprint count differs");
      }
      if (postings_->removed().count(doc)) {
        return Status::Corruption(dir_ + ": document \"" + docs.Text(1) + "\" is marked removed");
      }
      // Segments hold at least the top kVerifyHashBits bits of each.
      for (uint64_t h : kept) {
        expected.emplace_back(h >> (kHashBits - PostingStore::kVerifyHashBits), doc);
      }
      ids[doc] = docs.Text(1);
      postings += docs.Int(2);
      last = doc;
    }
    // Postings of numbers in [first, last] that no document has are strays.
    const uint32_t upper = more ? last : UINT32_MAX;
    PROVCHECK_RETURN_IF_ERROR(postings_->Collect(first, upper, &actual));
    std::sort(expected.begin(), expected.end());
    std::sort(actual.begin(), actual.end());
    // Kept hashes of a document sharing their top bits are one posting in
    // a version 2 segment (and two in a version 1 one).
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    actual.erase(std::unique(actual.begin(), actual.end()), actual.end());
    if (expected != actual) {
      auto [e, a] = std::mismatch(expected.begin(), expected.end(), actual.begin(), actual.end());
      const uint32_t doc = e != expected.end() ? e->second : a->second;
      if (ids.count(doc)) {
        return Status::Corruption(dir_ + ": document \"" + ids[doc] + "\": postings differ");
      }
      return Status::Corruption(dir_ + ": postings for a document that is not in the catalog");
    }
    if (upper == UINT32_MAX) break;
    first = upper + 1;
  }
  return Status::Ok();
}

}  // namespace provcheck::index
