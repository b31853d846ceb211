// The write side of SqliteIndex: add, replace, remove, commit.
#include <algorithm>

#include "base/sha256.h"
#include "base/utf8.h"
#include "index/compression.h"
#include "index/digest.h"
#include "index/sqlite_index.h"

namespace provcheck::index {
namespace {

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back('\n');
    out += items[i];
  }
  return out;
}

// Ids travel in reports and in the digest's tab-separated lines.
Status CheckId(const std::string& id, const std::string& path) {
  if (id.empty()) return Status::InvalidInput(path + ": document has an empty id");
  if (id.size() > 512) return Status::InvalidInput(path + ": document id longer than 512 bytes");
  for (unsigned char c : id) {
    if (c < 0x20 || c == 0x7f) {
      return Status::InvalidInput(path + ": document id \"" + id + "\" holds a control character");
    }
  }
  return Status::Ok();
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
  return LoadMeta();  // the settings and counts of the latest commit
}

Result<std::vector<fingerprint::Fingerprint>> SqliteIndex::FingerprintsOf(
    std::string_view original, Format format, uint32_t* words) {
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<text::Article> articles,
                             text::ReadArticles("stored document", original, format));
  if (articles.size() != 1) return Status::Corruption("stored document reads as several articles");
  return Fingerprint(articles[0].body.text(), words);
}

Result<std::vector<fingerprint::Fingerprint>> SqliteIndex::Fingerprint(std::string_view extracted,
                                                                        uint32_t* words) {
  PROVCHECK_ASSIGN_OR_RETURN(text::Normaliser * normaliser, GetNormaliser());
  fingerprint::FingerprintSettings fs = FingerprintSettingsOf();
  fingerprint::AnalysedText analysed = fingerprint::Analyse(*normaliser, extracted, fs);
  if (words) *words = static_cast<uint32_t>(analysed.tokens.size());
  if (fs.stem_shingle_words == 0) return fingerprint::CorpusFingerprints(analysed, fs);
  PROVCHECK_ASSIGN_OR_RETURN(text::WordStemmer * stemmer, GetStemmer());
  fingerprint::AddSentenceFeatures(*stemmer, extracted, analysed);
  return fingerprint::CorpusFingerprints(analysed, fs, stemmer);
}

// Staged postings above this many are flushed: bounds the writer's memory
// (16 bytes each) whatever the size of one batch.
constexpr size_t kMaxStagedPostings = size_t{4} << 20;

Status SqliteIndex::InsertPostings(int64_t doc, const std::vector<fingerprint::Fingerprint>& fps) {
  for (const fingerprint::Fingerprint& fp : fps) staged_.push_back({fp.hash, doc, fp.position});
  if (staged_.size() >= kMaxStagedPostings) return FlushPostings();
  return Status::Ok();
}

Status SqliteIndex::FlushPostings() {
  if (staged_.empty()) return Status::Ok();
  // Sorted as SQLite orders the key: hash as a signed integer, then doc, pos.
  std::sort(staged_.begin(), staged_.end(), [](const StagedPosting& a, const StagedPosting& b) {
    auto ha = static_cast<int64_t>(a.hash), hb = static_cast<int64_t>(b.hash);
    if (ha != hb) return ha < hb;
    return a.doc != b.doc ? a.doc < b.doc : a.pos < b.pos;
  });
  PROVCHECK_ASSIGN_OR_RETURN(
      Statement put, db_->Prepare("INSERT OR IGNORE INTO postings(hash, doc, pos) VALUES(?, ?, ?)"));
  for (const StagedPosting& p : staged_) {
    put.BindInt(1, static_cast<int64_t>(p.hash));
    put.BindInt(2, p.doc);
    put.BindInt(3, p.pos);
    PROVCHECK_RETURN_IF_ERROR(put.Run());
    put.Reset();
  }
  staged_.clear();
  return Status::Ok();
}

Status SqliteIndex::DeletePostings(int64_t doc, std::string_view original, Format format) {
  // Postings are keyed by hash; fingerprinting the stored bytes again gives
  // exactly the keys to delete, with no second index on doc.
  PROVCHECK_RETURN_IF_ERROR(FlushPostings());
  PROVCHECK_ASSIGN_OR_RETURN(auto fps, FingerprintsOf(original, format, nullptr));
  PROVCHECK_ASSIGN_OR_RETURN(
      Statement del, db_->Prepare("DELETE FROM postings WHERE hash = ? AND doc = ? AND pos = ?"));
  for (const fingerprint::Fingerprint& fp : fps) {
    del.BindInt(1, static_cast<int64_t>(fp.hash));
    del.BindInt(2, doc);
    del.BindInt(3, fp.position);
    PROVCHECK_RETURN_IF_ERROR(del.Run());
    del.Reset();
  }
  return Status::Ok();
}

Result<AddOutcome> SqliteIndex::Put(const text::Article& article, const std::string& id,
                                    const std::string& path) {
  DocumentMeta meta = article.meta;
  meta.id = id;
  const std::string sha = base::Sha256Hex(article.original);
  const std::string record = RecordSha256(meta, sha);

  PROVCHECK_ASSIGN_OR_RETURN(
      Statement find, db_->Prepare("SELECT doc, record_sha256 FROM documents WHERE id = ?"));
  find.BindText(1, id);
  PROVCHECK_ASSIGN_OR_RETURN(bool exists, find.Step());
  int64_t old_doc = exists ? find.Int(0) : -1;
  if (exists && find.Text(1) == record) return AddOutcome::kUnchanged;

  if (exists) {
    PROVCHECK_ASSIGN_OR_RETURN(StoredDocument old, Load(static_cast<uint32_t>(old_doc)));
    PROVCHECK_RETURN_IF_ERROR(DeletePostings(old_doc, old.original, old.format));
    PROVCHECK_ASSIGN_OR_RETURN(Statement del, db_->Prepare("DELETE FROM documents WHERE doc = ?"));
    del.BindInt(1, old_doc);
    PROVCHECK_RETURN_IF_ERROR(del.Run());
  }

  uint32_t words = 0;
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<fingerprint::Fingerprint> fps,
                             Fingerprint(article.body.text(), &words));

  PROVCHECK_ASSIGN_OR_RETURN(
      Statement ins,
      db_->Prepare("INSERT INTO documents(doc, id, title, publisher, authors, date, url, licence, "
                   "path, format, sha256, record_sha256, bytes, words, fingerprints, content) "
                   "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  if (old_doc >= 0) ins.BindInt(1, old_doc);  // keep the number; NULL picks a new one
  ins.BindText(2, id);
  ins.BindText(3, meta.title);
  ins.BindText(4, meta.publisher);
  ins.BindText(5, JoinLines(meta.authors));
  ins.BindText(6, meta.date);
  ins.BindText(7, meta.url);
  ins.BindText(8, meta.licence);
  ins.BindText(9, base::PercentEncodeInvalidUtf8(path));  // listed in JSON
  ins.BindText(10, FormatName(article.original_format));
  ins.BindText(11, sha);
  ins.BindText(12, record);
  ins.BindInt(13, static_cast<int64_t>(article.original.size()));
  ins.BindInt(14, static_cast<int64_t>(words));
  ins.BindInt(15, static_cast<int64_t>(fps.size()));
  ins.BindBlob(16, Compress(article.original));
  PROVCHECK_RETURN_IF_ERROR(ins.Run());
  int64_t doc = sqlite3_last_insert_rowid(db_->handle());
  PROVCHECK_RETURN_IF_ERROR(InsertPostings(doc, fps));
  return exists ? AddOutcome::kReplaced : AddOutcome::kAdded;
}

Status SqliteIndex::AddFile(const std::string& path, std::string_view bytes, Format format,
                            const std::string& default_id, AddSummary* summary) {
  // Read and check everything first: a file that does not read stages nothing.
  std::vector<Status> record_errors;
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<text::Article> articles,
                             text::ReadArticles(path, bytes, format, &record_errors));
  std::vector<std::string> ids;
  for (size_t i = 0; i < articles.size(); ++i) {
    std::string id = articles[i].meta.id;
    if (id.empty()) id = articles.size() == 1 ? default_id : default_id + "#" + std::to_string(i + 1);
    PROVCHECK_RETURN_IF_ERROR(CheckId(id, path));
    ids.push_back(std::move(id));
  }
  PROVCHECK_RETURN_IF_ERROR(EnsureWriting());
  AddSummary local;
  for (size_t i = 0; i < articles.size(); ++i) {
    Result<AddOutcome> outcome = Put(articles[i], ids[i], path);
    if (!outcome) {
      // Only the store itself fails here (full disk, I/O): drop the batch.
      (void)db_->Exec("ROLLBACK");
      staged_.clear();
      writing_ = false;
      return outcome.status().WithPrefix("the batch being added was rolled back");
    }
    if (*outcome == AddOutcome::kAdded) ++local.added;
    if (*outcome == AddOutcome::kReplaced) ++local.replaced;
    if (*outcome == AddOutcome::kUnchanged) ++local.unchanged;
    local.bytes += articles[i].original.size();
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
  PROVCHECK_ASSIGN_OR_RETURN(Statement find, db_->Prepare("SELECT doc FROM documents WHERE id = ?"));
  find.BindText(1, id);
  PROVCHECK_ASSIGN_OR_RETURN(bool exists, find.Step());
  if (!exists) return Status::NotFound("no document with id \"" + id + "\" in " + dir_);
  int64_t doc = find.Int(0);
  PROVCHECK_ASSIGN_OR_RETURN(StoredDocument old, Load(static_cast<uint32_t>(doc)));
  PROVCHECK_RETURN_IF_ERROR(DeletePostings(doc, old.original, old.format));
  PROVCHECK_ASSIGN_OR_RETURN(Statement del, db_->Prepare("DELETE FROM documents WHERE doc = ?"));
  del.BindInt(1, doc);
  return del.Run();
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
  if (Status s = FlushPostings(); !s.ok()) {
    staged_.clear();
    (void)db_->Exec("ROLLBACK");
    writing_ = false;
    return s.WithPrefix("commit failed, the index is as it was");
  }
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
  document_count_ = static_cast<uint64_t>(totals.Int(0));
  Status s = db_->Exec("COMMIT");
  if (!s.ok()) {
    (void)db_->Exec("ROLLBACK");
    writing_ = false;
    return s.WithPrefix("commit failed, the index is as it was");
  }
  writing_ = false;
  return Status::Ok();
}

}  // namespace provcheck::index
