// SqliteIndex: the embedded Index implementation (include/provcheck/index.h).
//
// Owns: the SQLite connection, the staged transaction, the normaliser used to
// fingerprint documents on their way in (and out, on replace and remove).
// Knows nothing of drafts or alignment.
//
// Thread-safety: none; one SqliteIndex per thread.
#ifndef PROVCHECK_SRC_INDEX_SQLITE_INDEX_H_
#define PROVCHECK_SRC_INDEX_SQLITE_INDEX_H_

#include <memory>
#include <string>
#include <vector>

#include "fingerprint/analysis.h"
#include "index/sqlite_db.h"
#include "provcheck/index.h"
#include "text/normalise.h"
#include "text/reader.h"

namespace provcheck::index {

class SqliteIndex final : public Index {
 public:
  static Result<std::unique_ptr<Index>> OpenDir(const std::string& dir, Mode mode);

  Status AddFile(const std::string& path, std::string_view bytes, Format format,
                 const std::string& default_id, AddSummary* summary) override;
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
  SqliteIndex(std::string dir, std::unique_ptr<Database> db)
      : dir_(std::move(dir)), db_(std::move(db)) {}

  Status Initialise();    // a fresh database: schema and meta
  Status LoadMeta();      // settings, id, counts; kCorruption if not an index
  Status EnsureWriting(); // BEGIN IMMEDIATE once per batch
  Result<text::Normaliser*> GetNormaliser();
  Result<text::WordStemmer*> GetStemmer();
  // Word and stem fingerprints of an article's extracted text.
  Result<std::vector<fingerprint::Fingerprint>> Fingerprint(std::string_view extracted,
                                                             uint32_t* words);
  fingerprint::FingerprintSettings FingerprintSettingsOf() const;

  // The winnowed fingerprints of a document's original bytes.
  Result<std::vector<fingerprint::Fingerprint>> FingerprintsOf(std::string_view original,
                                                               Format format, uint32_t* words);
  Result<AddOutcome> Put(const text::Article& article, const std::string& id,
                         const std::string& path);
  // Postings are staged and written sorted by hash at FlushPostings: the
  // b-tree then fills in order instead of at random places, several times
  // faster. Staged postings are always flushed before any delete.
  Status InsertPostings(int64_t doc, const std::vector<fingerprint::Fingerprint>& fps);
  Status FlushPostings();
  Status DeletePostings(int64_t doc, std::string_view original, Format format);
  Result<std::string> ComputeDigest();

  std::string dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<text::Normaliser> normaliser_;
  std::unique_ptr<text::WordStemmer> stemmer_;
  IndexSettings settings_;
  std::string id_;
  uint64_t document_count_ = 0;
  struct StagedPosting {
    uint64_t hash;
    int64_t doc;
    uint32_t pos;
  };
  std::vector<StagedPosting> staged_;
  bool writing_ = false;
  bool in_snapshot_ = false;
};

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_SQLITE_INDEX_H_
