// PgIndex: the Index (include/provcheck/index.h) kept in PostgreSQL
// (docs/postgresql-index.md): one server, or a router database whose
// PL/Proxy functions run on every shard, documents partitioned over the
// shards by a hash of their id.
//
// Owns: the connection to the server or router, and while writing one
// connection per shard; the staged batch (COPY rows); the workers that
// fingerprint documents (DocumentPreparer, shared with the embedded index).
// Knows nothing of drafts or alignment. The digest is the embedded index's
// (index/digest.h): same content and settings, same digest.
//
// Transactions: a batch is one transaction per server (READ COMMITTED);
// Commit() takes an advisory lock, computes the digest from the tables
// (its own rows and every other writer's committed ones) and commits, so
// concurrent writers all land. A scan's snapshot is one REPEATABLE READ
// transaction. A killed writer's open transaction is rolled back by the
// server. Over shards, a batch commits shard by shard: a writer killed
// between two shard commits leaves part of that batch, which the next
// commit's digest includes (docs/postgresql-index.md, "Limits").
//
// Thread-safety: none; one PgIndex per thread.
#ifndef PROVCHECK_SRC_INDEX_PG_INDEX_H_
#define PROVCHECK_SRC_INDEX_PG_INDEX_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "fingerprint/analysis.h"
#include "index/document_preparer.h"
#include "index/partwise_index.h"
#include "index/pg_conn.h"
#include "provcheck/index.h"
#include "text/normalise.h"
#include "text/stemmer.h"

namespace provcheck::index::pg {

// A document's shard among `shards`: jump consistent hashing of the XXH3
// of its id, so adding a shard moves only the documents the new one takes.
int ShardOf(std::string_view id, int shards);

// The migrations that bring a database of `role` to the current schema,
// under an advisory lock; creates the version table when missing.
// REQUIRES: no transaction open on `c`.
Status Migrate(PgConnection* c, std::string_view role);
// The role recorded in the version table; kNotFound when it has none.
Result<std::string> RoleOf(PgConnection* c);

class PgIndex final : public PartwiseIndex {
 public:
  // Opens the index at `conninfo` (a URI or key=value conninfo). kCreate
  // makes the schema of a new one-server index in an empty database.
  static Result<std::unique_ptr<Index>> Open(const std::string& conninfo, Mode mode);
  ~PgIndex() override;

  Status AddFilePart(const std::string& path, std::string_view bytes, Format format,
                     const std::string& default_id, AddSummary* summary,
                     const text::FilePart& part) override;
  void SetThreads(unsigned threads) override { threads_ = threads; }
  void SetNulAsSpace(bool on) override { nul_as_space_ = on; }
  Status Remove(const std::string& id) override;
  Status Commit() override;

  Status BeginSnapshot() override;
  void EndSnapshot() override;
  Result<IndexStats> Stats() override;
  Result<std::vector<IndexedDocument>> List() override;
  const IndexSettings& settings() const override { return settings_; }
  uint64_t document_count() const override { return document_count_; }
  Status Lookup(const std::vector<uint64_t>& hashes, uint32_t cap,
                std::vector<Posting>* out) override;
  Result<StoredDocument> Load(uint32_t number) override;
  Status Verify() override;

 private:
  // A server holding documents: the one server, or a shard while writing.
  struct Shard {
    std::string conninfo;
    PgConnection* conn = nullptr;  // == catalog_ for one server
    std::unique_ptr<PgConnection> owned;
    bool writing = false;  // a transaction is open
    CopyRows documents, postings;
    std::unordered_set<std::string> staged_ids;  // in the COPY rows, not yet sent
  };

  PgIndex(std::unique_ptr<PgConnection> catalog, std::string display)
      : catalog_(std::move(catalog)), display_(std::move(display)) {}

  Status LoadMeta();
  Status EnsureWriting();
  Status BeginShard(Shard& s);
  Status Flush(Shard& s);
  // Sends every shard's rows, the shards in parallel (one thread each).
  Status FlushAll();
  size_t StagedBytes() const;
  Status Rollback(const Status& why);
  Status Drain(size_t keep);
  Status Store(PreparedDocument& d);
  // Deletes document `doc` and its postings from shard `s`.
  Status DeleteDocument(Shard& s, int64_t doc);
  Result<int64_t> NextDocNumber();
  // The catalog rows of every document, sorted by id (bytes), from `conns`.
  struct CatalogRow {
    int64_t doc;
    std::string id, sha256, record_sha256;
    int64_t bytes, fingerprints;
  };
  Result<std::vector<CatalogRow>> CatalogOf(const std::vector<PgConnection*>& conns);
  std::string DigestOf(const std::vector<CatalogRow>& rows) const;
  Shard& ShardFor(const std::string& id);

  std::unique_ptr<PgConnection> catalog_;  // the one server, or the router
  std::string display_;                    // the conninfo, password redacted
  bool router_ = false;
  std::vector<Shard> shards_;
  IndexSettings settings_;
  std::string id_;
  uint64_t document_count_ = 0;
  unsigned threads_ = 0;
  bool nul_as_space_ = false;
  bool writing_ = false, in_snapshot_ = false;
  std::unique_ptr<DocumentPreparer> preparer_;
  std::unordered_map<std::string, size_t> pending_ids_;  // submitted, not stored
  std::vector<int64_t> numbers_;                         // reserved document numbers
  StoredDocumentHasher hasher_;  // verification (and removal) fingerprint stored bytes again
};

}  // namespace provcheck::index::pg

#endif  // PROVCHECK_SRC_INDEX_PG_INDEX_H_
