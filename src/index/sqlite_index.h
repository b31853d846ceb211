// SqliteIndex: the embedded Index implementation (include/provcheck/index.h).
//
// Owns: the SQLite connection (catalog and document bytes), the staged
// transaction, the postings (PostingStore: segment files), the workers that
// prepare documents on their way in.
// Knows nothing of drafts or alignment.
//
// Thread-safety: none; one SqliteIndex per thread.
#ifndef PROVCHECK_SRC_INDEX_SQLITE_INDEX_H_
#define PROVCHECK_SRC_INDEX_SQLITE_INDEX_H_

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "fingerprint/analysis.h"
#include "index/compression.h"
#include "index/document_preparer.h"
#include "index/partwise_index.h"
#include "index/posting_store.h"
#include "index/sqlite_db.h"
#include "provcheck/index.h"
#include "text/normalise.h"
#include "text/reader.h"

namespace provcheck::index {

class SqliteIndex final : public PartwiseIndex {
 public:
  // `fs` writes the segment files: tests pass a fault-injecting one.
  static Result<std::unique_ptr<Index>> OpenDir(
      const std::string& dir, Mode mode, base::FileSystem* fs = &base::FileSystem::Default());

  Status AddFilePart(const std::string& path, std::string_view bytes, Format format,
                     const std::string& default_id, AddSummary* summary,
                     const text::FilePart& part) override;
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
  void SetThreads(unsigned threads) override { threads_ = threads; }
  void SetNulAsSpace(bool on) override { nul_as_space_ = on; }

 private:
  SqliteIndex(std::string dir, std::unique_ptr<Database> db, base::FileSystem* fs)
      : dir_(std::move(dir)),
        db_(std::move(db)),
        postings_(std::make_unique<PostingStore>(dir_, db_.get(), fs)) {}

  // Creates the catalog of a new index in `dir` unless another process has
  // (concurrent creators wait for each other and then share one index).
  static Status CreateUnlessPresent(const std::string& dir, base::FileSystem* fs);
  // A new, empty index's catalog, created whole or not at all.
  static Status CreateCatalog(const std::string& dir, base::FileSystem* fs);
  Status Initialise();     // a fresh database: schema and meta
  Status LoadMeta();       // settings, id, counts; kCorruption if not an index
  Status EnsureWriting();  // BEGIN IMMEDIATE once per batch
  Status LoadSegments();   // the snapshot's segments (retries after a merge)
  Status Rollback(const Status& why);
  // Writes a prepared document to the catalog and stages its postings.
  Status Store(PreparedDocument& d);
  // Stores prepared documents, oldest first, until at most `keep` are pending.
  Status Drain(size_t keep);
  Result<std::string> ComputeDigest();
  // The dictionary new documents are compressed with; trains one from the
  // first documents of an index that has none.
  Status LoadDictionary();
  Status SampleForDictionary(const std::string& original);
  Result<std::shared_ptr<const CompressionDictionary>> DictionaryById(int64_t id);
  Status VerifyPostings();

  std::string dir_;
  std::unique_ptr<Database> db_;
  StoredDocumentHasher hasher_;  // verification (and removal) fingerprint stored bytes again
  IndexSettings settings_;
  std::string id_;
  uint64_t document_count_ = 0;
  unsigned threads_ = 0;  // 0: every core
  bool nul_as_space_ = false;
  std::unique_ptr<PostingStore> postings_;
  std::unique_ptr<DocumentPreparer> preparer_;
  std::unordered_map<std::string, size_t> pending_ids_;  // submitted, not stored
  std::shared_ptr<const CompressionDictionary> dict_;    // for writing
  int64_t dict_id_ = 0;
  bool dict_given_up_ = false;
  std::vector<std::string> dict_samples_;
  size_t dict_sample_bytes_ = 0;
  std::unordered_map<int64_t, std::shared_ptr<const CompressionDictionary>> dicts_;  // for reading
  bool writing_ = false;
  bool in_snapshot_ = false;
  // The statements of storing a document, prepared once: preparing one per
  // document cost 7% of indexing. Declared after db_, so finalized before it
  // closes.
  std::optional<Statement> insert_document_, find_document_;
};

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_SQLITE_INDEX_H_
