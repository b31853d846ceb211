// Preparing documents for the index on worker threads: fingerprints (the costly part: normalising,
// stemming, hashing, winnowing) and compression. The writer thread only reads input and writes the
// catalog, so indexing uses every core it is given.
//
// Thread-safety: Submit/Next from one thread (the writer); each worker has
// its own Normaliser and WordStemmer.
#ifndef PROVCHECK_SRC_INDEX_DOCUMENT_PREPARER_H_
#define PROVCHECK_SRC_INDEX_DOCUMENT_PREPARER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/mutex.h"
#include "base/thread_annotations.h"
#include "fingerprint/analysis.h"
#include "index/compression.h"
#include "provcheck/index.h"
#include "text/normalise.h"
#include "text/reader.h"
#include "text/stemmer.h"

namespace provcheck::index {

struct PreparedDocument {
  // In: the article, its id and checksums, where it came from, and the
  // number of the document it replaces (-1: none).
  text::Article article;
  std::string id, path;
  std::string sha256, record_sha256;
  int64_t stored_doc = -1;
  std::shared_ptr<const CompressionDictionary> dict;  // null: none
  int64_t dict_id = 0;
  // Out.
  Status status;
  uint32_t words = 0;
  std::vector<uint64_t> kept_hashes;  // SegmentHash()es, sorted, distinct
  std::string compressed;
};

// Sorts kept hashes (below 2^kHashBits, uniformly spread) ascending.
void SortUniformHashes(std::vector<uint64_t>& hashes);

// The kept hashes (sorted, distinct) of an extracted text: what the index
// stores for a document, and what verification recomputes.
std::vector<uint64_t> KeptHashes(text::Normaliser& normaliser, text::WordStemmer& stemmer,
                                 std::string_view extracted,
                                 const fingerprint::FingerprintSettings& settings, uint32_t* words);

// The fingerprint settings an index's settings stand for.
fingerprint::FingerprintSettings FingerprintSettingsOf(const IndexSettings& settings);

// Fingerprints stored documents again (verification; removal from
// PostgreSQL), with a normaliser and a stemmer made on first use and kept.
// Thread-safety: one per thread.
class StoredDocumentHasher {
 public:
  // The kept hashes of a stored document's bytes, read in `format`; kCorruption
  // when they read as several articles.
  Result<std::vector<uint64_t>> KeptHashesOf(std::string_view original, Format format,
                                             const IndexSettings& settings);

 private:
  std::unique_ptr<text::Normaliser> normaliser_;
  std::unique_ptr<text::WordStemmer> stemmer_;
};

// The ids of the articles read from the file at `path`: each article's own,
// else `default_id` (with "#N" for the Nth of several, counting the records
// of earlier parts of the file). Fails with kInvalidInput naming `path` on
// an id that is empty, longer than 512 bytes or holds a control character
// (ids travel in reports and in the digest's tab-separated lines).
Result<std::vector<std::string>> ArticleIds(const std::vector<text::Article>& articles,
                                            const std::string& path, const std::string& default_id,
                                            const text::FilePart& part);

class DocumentPreparer {
 public:
  DocumentPreparer(unsigned threads, fingerprint::FingerprintSettings settings);
  ~DocumentPreparer();
  DocumentPreparer(const DocumentPreparer&) = delete;
  DocumentPreparer& operator=(const DocumentPreparer&) = delete;

  void Submit(std::unique_ptr<PreparedDocument> doc) EXCLUDES(mu_);
  // The oldest submitted document once prepared; nullptr when none is pending.
  std::unique_ptr<PreparedDocument> Next() EXCLUDES(mu_);
  size_t pending() EXCLUDES(mu_) {
    base::MutexLock lock(&mu_);
    return queue_.size();
  }

 private:
  // A document in the queue; `doc` belongs to the worker that started it
  // until `done`, then to the writer.
  struct Slot {
    std::unique_ptr<PreparedDocument> doc;
    bool done = false;  // guarded by mu_
  };
  void Work() EXCLUDES(mu_);

  const fingerprint::FingerprintSettings settings_;
  base::Mutex mu_;
  base::CondVar work_ready_, work_done_;
  std::deque<std::shared_ptr<Slot>> queue_ GUARDED_BY(mu_);  // submission order
  // Workers take slots in order: queue_[0, started_) are started.
  size_t started_ GUARDED_BY(mu_) = 0;
  bool stopping_ GUARDED_BY(mu_) = false;
  std::vector<std::thread> workers_;
};

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_DOCUMENT_PREPARER_H_
