// The write side of SqliteIndex: add, replace, remove, commit.
//
// AddFile reads and checks a file's articles on the caller's thread and
// hands them to the DocumentPreparer's workers; prepared documents are
// stored in submission order, here and at Commit(), so many files (or the
// records of one JSON Lines file) are fingerprinted in parallel while the
// catalog is written.
#include <algorithm>
#include <thread>

#include "base/sha256.h"
#include "base/utf8.h"
#include "index/digest.h"
#include "index/sqlite_index.h"
#include "text/normalise.h"

namespace provcheck::index {
namespace {

// Documents in flight: enough to keep every worker busy while the writer
// stores, few enough to bound memory (each holds its article).
constexpr size_t kMaxPending = 512;

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back('\n');
    out += items[i];
  }
  return out;
}


}  // namespace

Status SqliteIndex::EnsureWriting() {
  if (writing_) return Status::Ok();
  if (in_snapshot_) EndSnapshot();
  // IMMEDIATE takes the write lock now: a second writer waits (busy timeout)
  // or fails here, before doing any work.
  Status s = db_->Exec("BEGIN IMMEDIATE");
  if (!s.ok()) return s.WithPrefix("cannot start writing (is another `index add` running?)");
  writing_ = true;
  PROVCHECK_RETURN_IF_ERROR(LoadMeta());  // the settings and counts of the latest commit
  if (!preparer_) {
    unsigned n = threads_ ? threads_ : std::max(1u, std::thread::hardware_concurrency());
    preparer_ = std::make_unique<DocumentPreparer>(n, FingerprintSettingsOf(settings_));
  }
  PROVCHECK_RETURN_IF_ERROR(LoadDictionary());
  // Segment files of a writer that died before its commit, or merged away.
  return postings_->RemoveOrphans();
}

Status SqliteIndex::LoadDictionary() {
  dict_ = nullptr;
  dict_id_ = 0;
  dict_samples_.clear();
  dict_sample_bytes_ = 0;
  PROVCHECK_ASSIGN_OR_RETURN(Statement q, db_->Prepare("SELECT max(id) FROM dictionaries"));
  PROVCHECK_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row || q.Int(0) == 0) return Status::Ok();
  dict_id_ = q.Int(0);
  PROVCHECK_ASSIGN_OR_RETURN(dict_, DictionaryById(dict_id_));
  return Status::Ok();
}

Status SqliteIndex::SampleForDictionary(const std::string& original) {
  // About 1,000 documents (or 8 MB) of the first batch train the
  // dictionary; documents before it are stored without one.
  constexpr size_t kSampleDocuments = 1000, kSampleBytes = 8 << 20;
  if (dict_ || dict_given_up_) return Status::Ok();
  dict_samples_.push_back(original.substr(0, 16 << 10));
  dict_sample_bytes_ += dict_samples_.back().size();
  if (dict_samples_.size() < kSampleDocuments && dict_sample_bytes_ < kSampleBytes) {
    return Status::Ok();
  }
  Result<std::shared_ptr<const CompressionDictionary>> trained =
      CompressionDictionary::Train(dict_samples_);
  dict_samples_.clear();
  dict_samples_.shrink_to_fit();
  if (!trained) {
    dict_given_up_ = true;  // unusual text: plain zstd it is
    return Status::Ok();
  }
  PROVCHECK_ASSIGN_OR_RETURN(Statement put,
                             db_->Prepare("INSERT INTO dictionaries(bytes) VALUES(?)"));
  put.BindBlob(1, (*trained)->bytes());
  PROVCHECK_RETURN_IF_ERROR(put.Run());
  dict_id_ = sqlite3_last_insert_rowid(db_->handle());
  dict_ = *trained;
  dicts_[dict_id_] = dict_;
  return Status::Ok();
}

Status SqliteIndex::Rollback(const Status& why) {
  while (preparer_ && preparer_->Next()) {
  }
  pending_ids_.clear();
  (void)db_->Exec("ROLLBACK");
  postings_->Abandon();
  writing_ = false;
  dicts_.erase(dict_id_);  // it may have been made in the rolled-back batch
  dict_ = nullptr;
  dict_id_ = 0;
  return why.WithPrefix("the batch being added was rolled back, the index is as it was");
}

Status SqliteIndex::Store(PreparedDocument& d) {
  if (!d.status.ok()) return d.status;
  if (d.stored_doc >= 0) {
    // A replaced document gets a new number; the old one's postings stay in
    // their segments, marked removed, until a merge drops them.
    PROVCHECK_ASSIGN_OR_RETURN(Statement del, db_->Prepare("DELETE FROM documents WHERE doc = ?"));
    del.BindInt(1, d.stored_doc);
    PROVCHECK_RETURN_IF_ERROR(del.Run());
    PROVCHECK_RETURN_IF_ERROR(postings_->MarkRemoved(static_cast<uint32_t>(d.stored_doc)));
  }
  const DocumentMeta& meta = d.article.meta;
  if (!insert_document_) {
    PROVCHECK_ASSIGN_OR_RETURN(
        Statement prepared,
        db_->Prepare(
            "INSERT INTO documents(id, title, publisher, authors, date, url, licence, "
            "path, format, sha256, record_sha256, bytes, words, fingerprints, content, dict) "
            "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert_document_.emplace(std::move(prepared));
  }
  Statement& ins = *insert_document_;
  ins.Reset();
  ins.BindText(1, d.id);
  ins.BindText(2, meta.title);
  ins.BindText(3, meta.publisher);
  ins.BindText(4, JoinLines(meta.authors));
  ins.BindText(5, meta.date);
  ins.BindText(6, meta.url);
  ins.BindText(7, meta.licence);
  ins.BindText(8, base::PercentEncodeInvalidUtf8(d.path));  // listed in JSON
  ins.BindText(9, FormatName(d.article.original_format));
  ins.BindText(10, d.sha256);
  ins.BindText(11, d.record_sha256);
  ins.BindInt(12, static_cast<int64_t>(d.article.original.size()));
  ins.BindInt(13, static_cast<int64_t>(d.words));
  ins.BindInt(14, static_cast<int64_t>(d.kept_hashes.size()));
  ins.BindBlob(15, d.compressed);
  ins.BindInt(16, d.dict_id);
  Status inserted = ins.Run();
  ins.Reset();  // lets go of the bound copies of the document
  PROVCHECK_RETURN_IF_ERROR(inserted);
  const int64_t doc = sqlite3_last_insert_rowid(db_->handle());
  if (doc <= 0 || doc > UINT32_MAX)
    return Status::ResourceLimit(dir_ + ": document numbers exhausted");
  return postings_->Stage(static_cast<uint32_t>(doc), d.kept_hashes);
}

Status SqliteIndex::Drain(size_t keep) {
  while (preparer_ && preparer_->pending() > keep) {
    std::unique_ptr<PreparedDocument> d = preparer_->Next();
    if (auto it = pending_ids_.find(d->id); it != pending_ids_.end() && --it->second == 0) {
      pending_ids_.erase(it);
    }
    // Only the store itself fails here (full disk, I/O): drop the batch.
    if (Status s = Store(*d); !s.ok()) return Rollback(s);
  }
  return Status::Ok();
}

Status SqliteIndex::AddFilePart(const std::string& path, std::string_view bytes, Format format,
                                const std::string& default_id, AddSummary* summary,
                                const text::FilePart& part) {
  // Read and check everything first: a file that does not read stages nothing.
  std::vector<Status> record_errors;
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<text::Article> articles,
                             text::ReadArticles(path, bytes, format, &record_errors, part,
                                                {.nul_as_space = nul_as_space_}));
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                             ArticleIds(articles, path, default_id, part));
  PROVCHECK_RETURN_IF_ERROR(EnsureWriting());
  if (!find_document_) {
    PROVCHECK_ASSIGN_OR_RETURN(
        Statement prepared,
        db_->Prepare("SELECT doc, record_sha256 FROM documents WHERE id = ?"));
    find_document_.emplace(std::move(prepared));
  }
  Statement& find = *find_document_;
  find.Reset();
  AddSummary local;
  for (size_t i = 0; i < articles.size(); ++i) {
    // The same id twice in flight: store the first before looking up the
    // second, which then replaces (or matches) it.
    if (pending_ids_.count(ids[i])) PROVCHECK_RETURN_IF_ERROR(Drain(0));
    auto d = std::make_unique<PreparedDocument>();
    d->article = std::move(articles[i]);
    d->article.meta.id = ids[i];
    d->id = ids[i];
    d->path = path;
    d->sha256 = base::Sha256Hex(d->article.original);
    d->record_sha256 = RecordSha256(d->article.meta, d->sha256);
    local.bytes += d->article.original.size();
    find.BindText(1, ids[i]);
    PROVCHECK_ASSIGN_OR_RETURN(bool exists, find.Step());
    const bool unchanged = exists && find.Text(1) == d->record_sha256;
    if (exists) d->stored_doc = find.Int(0);
    find.Reset();
    if (unchanged) {
      ++local.unchanged;
      continue;
    }
    ++(exists ? local.replaced : local.added);
    PROVCHECK_RETURN_IF_ERROR(SampleForDictionary(d->article.original));
    d->dict = dict_;
    d->dict_id = dict_id_;
    ++pending_ids_[d->id];
    preparer_->Submit(std::move(d));
    PROVCHECK_RETURN_IF_ERROR(Drain(kMaxPending));
  }
  if (summary) {
    summary->added += local.added;
    summary->replaced += local.replaced;
    summary->unchanged += local.unchanged;
    summary->bytes += local.bytes;
    for (Status& e : record_errors) summary->skipped_records.push_back(std::move(e));
  }
  return Status::Ok();
}

Status SqliteIndex::Remove(const std::string& id) {
  PROVCHECK_RETURN_IF_ERROR(EnsureWriting());
  PROVCHECK_RETURN_IF_ERROR(Drain(0));
  PROVCHECK_ASSIGN_OR_RETURN(Statement find,
                             db_->Prepare("SELECT doc FROM documents WHERE id = ?"));
  find.BindText(1, id);
  PROVCHECK_ASSIGN_OR_RETURN(bool exists, find.Step());
  if (!exists) return Status::NotFound("no document with id \"" + id + "\" in " + dir_);
  const int64_t doc = find.Int(0);
  PROVCHECK_ASSIGN_OR_RETURN(Statement del, db_->Prepare("DELETE FROM documents WHERE doc = ?"));
  del.BindInt(1, doc);
  PROVCHECK_RETURN_IF_ERROR(del.Run());
  return postings_->MarkRemoved(static_cast<uint32_t>(doc));
}

Result<std::string> SqliteIndex::ComputeDigest() {
  PROVCHECK_ASSIGN_OR_RETURN(
      Statement q, db_->Prepare("SELECT id, sha256, record_sha256 FROM documents ORDER BY id"));
  DigestBuilder digest(settings_);
  while (true) {
    PROVCHECK_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    digest.AddDocument(q.Text(0), q.Text(1), q.Text(2));
  }
  return digest.Finish();
}

Status SqliteIndex::Commit() {
  if (!writing_) return Status::Ok();
  Status s = [&]() -> Status {
    PROVCHECK_RETURN_IF_ERROR(Drain(0));
    if (!writing_) return Status::Ok();  // Drain rolled back
    PROVCHECK_RETURN_IF_ERROR(postings_->WriteStaged());
    PROVCHECK_ASSIGN_OR_RETURN(std::string digest, ComputeDigest());
    PROVCHECK_ASSIGN_OR_RETURN(
        Statement totals,
        db_->Prepare("SELECT count(*), coalesce(sum(fingerprints), 0), coalesce(sum(bytes), 0) "
                     "FROM documents"));
    PROVCHECK_ASSIGN_OR_RETURN(bool row, totals.Step());
    (void)row;
    const std::pair<const char*, std::string> rows[] = {
        {"digest", digest},
        {"documents", std::to_string(totals.Int(0))},
        {"fingerprints", std::to_string(totals.Int(1))},
        {"text_bytes", std::to_string(totals.Int(2))},
    };
    PROVCHECK_ASSIGN_OR_RETURN(Statement put,
                               db_->Prepare("UPDATE meta SET value = ? WHERE key = ?"));
    for (const auto& [key, value] : rows) {
      put.BindText(1, value);
      put.BindText(2, key);
      PROVCHECK_RETURN_IF_ERROR(put.Run());
      put.Reset();
    }
    // The ICU that made this commit's breaks (an index older than 0.3 has
    // no row for it yet).
    PROVCHECK_ASSIGN_OR_RETURN(
        Statement icu,
        db_->Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('icu_version', ?)"));
    icu.BindText(1, text::IcuVersion());
    PROVCHECK_RETURN_IF_ERROR(icu.Run());
    document_count_ = static_cast<uint64_t>(totals.Int(0));
    return db_->Exec("COMMIT");
  }();
  if (!s.ok()) {
    if (!writing_) return s;  // already rolled back
    return Rollback(s.WithPrefix("commit failed"));
  }
  writing_ = false;
  postings_->Committed();
  // Merging is housekeeping: the batch is durable already, and a failed
  // merge (a full disk) leaves the segments as they were; the next commit
  // tries again, and a real write failure shows there.
  (void)postings_->MergeSome();
  return Status::Ok();
}

}  // namespace provcheck::index
