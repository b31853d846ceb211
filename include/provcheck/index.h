// Index: the embedded corpus store, one folder holding a SQLite catalog in
// WAL mode and immutable postings segment files (docs/index-format.md).
//
// Owns: the catalog (metadata), each document's original bytes (what
// alignment needs), the postings (fingerprint hash -> document, position),
// the settings the fingerprints were made with, a stable id and a content
// digest. Knows nothing of drafts, alignment or reports.
//
// Crash safety: every change happens inside a SQLite transaction with
// synchronous=FULL, and a segment file is fsynced before the catalog lists
// it; a batch of documents is in or it is not, whatever happens to the
// process or the machine. Readers never block on a writer
// (WAL); a second writer waits up to a timeout, then fails cleanly.
//
// Thread-safety: an Index is not thread-safe; open one per thread.
#ifndef PROVCHECK_INCLUDE_PROVCHECK_INDEX_H_
#define PROVCHECK_INCLUDE_PROVCHECK_INDEX_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/document.h"
#include "provcheck/result.h"

namespace provcheck {

struct IndexSettings {
  uint32_t shingle_words = 5;
  uint32_t window = 6;
  uint32_t max_postings = 256;
  uint32_t stem_shingle_words = 3;  // 0: no stem shingles
  uint32_t stem_window = 4;         // winnowing window of stem shingles
};

struct IndexStats {
  std::string id;      // random at creation, never changes
  std::string digest;  // "sha256:<hex>" over settings and (id, content sha256) pairs
  uint64_t documents = 0;
  uint64_t fingerprints = 0;  // postings
  uint64_t text_bytes = 0;    // original bytes of all documents
  uint64_t disk_bytes = 0;    // the folder's files
  // The ICU version whose word breaks (Thai, Lao, Khmer, Burmese dictionaries)
  // the last commit fingerprinted with; another version may split such text
  // differently. Empty: not recorded (an index written before 0.3).
  std::string icu_version;
  IndexSettings settings;
};

struct IndexedDocument {
  uint32_t number = 0;  // internal document number used by postings
  DocumentMeta meta;
  std::string path;    // where it was read from
  std::string sha256;  // of its original bytes
  uint64_t bytes = 0;
  uint32_t words = 0;
};

// A document with its original bytes, for alignment and snippets.
struct StoredDocument {
  IndexedDocument info;
  std::string original;
  Format format = Format::kText;
};

// A document holding a looked-up hash.
struct Posting {
  uint32_t query = 0;     // index into the looked-up hashes
  uint32_t document = 0;  // IndexedDocument::number
};

enum class AddOutcome { kAdded, kReplaced, kUnchanged };

struct AddSummary {
  uint64_t added = 0, replaced = 0, unchanged = 0, bytes = 0;
  // Bad JSON Lines records that were skipped (the rest of their file was
  // added), one error each, naming file and line.
  std::vector<Status> skipped_records;
};

class Index {
 public:
  enum class Mode { kReadOnly, kReadWrite, kCreate };

  // Opens the index in folder `dir`, or, when `dir` is a PostgreSQL
  // connection URI (postgresql://, postgres://) or libpq key=value
  // conninfo (service=, host=, dbname=, ...), the PostgreSQL index there
  // (docs/postgresql-index.md; credentials and TLS settings from libpq's own
  // sources). kCreate makes the folder and an empty
  // index when the folder is missing or empty (a database: the schema). Fails with kNotFound when there
  // is no index (naming `dir`), kCorruption when the folder holds something
  // that is not a provcheck index or a damaged one, kIOError otherwise.
  static Result<std::unique_ptr<Index>> Open(const std::string& dir, Mode mode);
  virtual ~Index() = default;

  // --- Writing. Changes are staged until Commit(); a crash before Commit()
  // leaves the index as it was at the last Commit().

  // Reads `bytes` (the file at `path`, in `format`) and adds its articles.
  // An article without an id gets `default_id` (with "#N" for the Nth of
  // several). Same id and same content: unchanged. Same id, other content:
  // replaced. Fails with kInvalidInput naming the file on unreadable input;
  // nothing of that file is staged then. A bad record of a JSON Lines file is
  // skipped and listed in summary->skipped_records instead.
  // Documents are fingerprinted on worker threads; a failure to store them
  // (I/O) may surface at a later AddFile or at Commit().
  // (provcheck/corpus_feed.h adds whole files and folders in batches.)
  virtual Status AddFile(const std::string& path, std::string_view bytes, Format format,
                         const std::string& default_id, AddSummary* summary) = 0;
  // Worker threads for fingerprinting; 0 (the default) uses every core.
  virtual void SetThreads(unsigned threads) = 0;
  // Reads each NUL byte of the files added from now on as a space (--text),
  // instead of refusing them as binary. The document is stored as read:
  // with the spaces, its sha256 that of the spaced bytes.
  virtual void SetNulAsSpace(bool on) = 0;
  // Removes the document with this id. kNotFound if absent.
  virtual Status Remove(const std::string& id) = 0;
  // Makes every staged change durable at once and updates the digest.
  virtual Status Commit() = 0;

  // --- Reading. A snapshot pins one committed state for a whole scan.
  virtual Status BeginSnapshot() = 0;
  virtual void EndSnapshot() = 0;

  virtual Result<IndexStats> Stats() = 0;
  virtual Result<std::vector<IndexedDocument>> List() = 0;
  virtual const IndexSettings& settings() const = 0;
  virtual uint64_t document_count() const = 0;

  // Appends to `out` the documents holding each of `hashes`, for hashes in
  // at most `cap` documents (more: boilerplate, skipped). Hashes compare on
  // their top 40 bits, so a rare false hit is possible; alignment drops it.
  virtual Status Lookup(const std::vector<uint64_t>& hashes, uint32_t cap,
                        std::vector<Posting>* out) = 0;
  virtual Result<StoredDocument> Load(uint32_t number) = 0;

  // Checks everything: SQLite integrity, each document's bytes against its
  // sha256, its postings against a fresh fingerprinting, and the digest.
  // kCorruption naming what is wrong.
  virtual Status Verify() = 0;
};

// Whether Index::Open reads `name` as a PostgreSQL connection, not a folder.
bool IsDatabaseIndexName(std::string_view name);
// `name` safe to print: a PostgreSQL conninfo with any password as "***";
// a folder as it is.
std::string IndexDisplayName(std::string_view name);

}  // namespace provcheck

#endif  // PROVCHECK_INCLUDE_PROVCHECK_INDEX_H_
