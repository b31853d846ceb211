// PgIndex: add, replace, remove, commit, verify.
//
// Documents are fingerprinted on the DocumentPreparer's workers (as in the
// embedded index) and written with COPY ... (FORMAT binary): the document
// rows and their postings are collected per server and sent in large
// pieces, within the batch's transaction.
#include <algorithm>
#include <thread>
#include <unordered_map>

#include "base/sha256.h"
#include "base/utf8.h"
#include "index/compression.h"
#include "index/digest.h"
#include "index/pg_index.h"
#include "index/pg_schema.h"
#include "text/reader.h"

namespace provcheck::index::pg {
namespace {

constexpr size_t kMaxPending = 512;          // documents being fingerprinted
constexpr size_t kFlushBytes = 32u << 20;    // COPY rows sent past this
constexpr int kNumbersPerReservation = 256;  // document numbers fetched at once

constexpr char kDocumentColumns[] =
    "provcheck_documents (doc, id, title, publisher, authors, date, url, licence, path, format, "
    "sha256, record_sha256, bytes, words, fingerprints, content)";
constexpr char kPostingColumns[] = "provcheck_postings (hash, doc)";

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out.push_back('\n');
    out += items[i];
  }
  return out;
}

// The postings' per-document check values (provcheck_posting_sums).
struct PostingSums {
  int64_t n = 0, total = 0, mix = 0;
  bool operator==(const PostingSums&) const = default;
};

PostingSums SumsOf(const std::vector<uint64_t>& kept) {
  PostingSums s;
  for (uint64_t h : kept) {
    ++s.n;
    s.total += static_cast<int64_t>(h);
    s.mix ^= static_cast<int64_t>(h ^ (h << 23));
  }
  return s;
}

}  // namespace

PgIndex::Shard& PgIndex::ShardFor(const std::string& id) {
  return shards_.size() == 1 ? shards_[0] : shards_[ShardOf(id, static_cast<int>(shards_.size()))];
}

Status PgIndex::BeginShard(Shard& s) {
  if (s.writing) return Status::Ok();
  if (!s.conn) {
    PROVCHECK_ASSIGN_OR_RETURN(s.owned, PgConnection::Connect(s.conninfo, Redact(s.conninfo)));
    s.conn = s.owned.get();
  }
  PROVCHECK_RETURN_IF_ERROR(s.conn->Exec("BEGIN"));
  s.writing = true;
  return Status::Ok();
}

Status PgIndex::EnsureWriting() {
  if (writing_) return Status::Ok();
  if (in_snapshot_) EndSnapshot();
  PROVCHECK_RETURN_IF_ERROR(catalog_->Exec("BEGIN"));
  writing_ = true;
  if (!router_) shards_[0].writing = true;  // the one server's transaction is the catalog's
  PROVCHECK_RETURN_IF_ERROR(LoadMeta());
  if (!preparer_) {
    unsigned n = threads_ ? threads_ : std::max(1u, std::thread::hardware_concurrency());
    preparer_ = std::make_unique<DocumentPreparer>(n, FingerprintSettingsOf(settings_));
  }
  return Status::Ok();
}

Status PgIndex::Rollback(const Status& why) {
  while (preparer_ && preparer_->Next()) {
  }
  pending_ids_.clear();
  numbers_.clear();
  for (Shard& s : shards_) {
    if (s.writing && s.conn != catalog_.get()) (void)s.conn->Exec("ROLLBACK");
    s.writing = false;
    s.documents = CopyRows();
    s.postings = CopyRows();
    s.staged_ids.clear();
  }
  (void)catalog_->Exec("ROLLBACK");
  writing_ = false;
  return why.WithPrefix("the batch being added was rolled back, the index is as it was");
}

Status PgIndex::Flush(Shard& s) {
  if (s.documents.empty() && s.postings.empty()) return Status::Ok();
  PROVCHECK_RETURN_IF_ERROR(BeginShard(s));
  PROVCHECK_RETURN_IF_ERROR(s.conn->Copy(kDocumentColumns, s.documents));
  PROVCHECK_RETURN_IF_ERROR(s.conn->Copy(kPostingColumns, s.postings));
  s.staged_ids.clear();
  return Status::Ok();
}

Status PgIndex::FlushAll() {
  if (shards_.size() == 1) return Flush(shards_[0]);
  // Each shard has its own connection: the shards take their rows at once.
  std::vector<Status> results(shards_.size());
  std::vector<std::thread> senders;
  for (size_t i = 0; i < shards_.size(); ++i) {
    senders.emplace_back([this, i, &results] { results[i] = Flush(shards_[i]); });
  }
  for (std::thread& t : senders) t.join();
  for (Status& s : results) PROVCHECK_RETURN_IF_ERROR(s);
  return Status::Ok();
}

size_t PgIndex::StagedBytes() const {
  size_t total = 0;
  for (const Shard& s : shards_) total += s.documents.bytes() + s.postings.bytes();
  return total;
}

Result<int64_t> PgIndex::NextDocNumber() {
  if (numbers_.empty()) {
    PROVCHECK_ASSIGN_OR_RETURN(
        PgResult r,
        catalog_->Query("SELECT nextval('provcheck_doc_seq') FROM generate_series(1, $1)",
                        Params().Int4(kNumbersPerReservation)));
    for (int i = r.rows() - 1; i >= 0; --i) numbers_.push_back(r.Int8(i, 0));
    std::sort(numbers_.rbegin(), numbers_.rend());  // smallest last: taken first
  }
  const int64_t n = numbers_.back();
  numbers_.pop_back();
  if (n <= 0 || n > UINT32_MAX)
    return Status::ResourceLimit(display_ + ": document numbers exhausted");
  return n;
}

Status PgIndex::DeleteDocument(Shard& s, int64_t doc) {
  // Its postings are found through the hash btree: the document's own
  // hashes, fingerprinted again from its stored bytes.
  PROVCHECK_RETURN_IF_ERROR(BeginShard(s));
  PROVCHECK_ASSIGN_OR_RETURN(
      PgResult r, s.conn->Query("SELECT content, format FROM provcheck_documents WHERE doc = $1",
                                Params().Int8(doc)));
  if (r.rows() == 0) return Status::Ok();
  PROVCHECK_ASSIGN_OR_RETURN(std::string original, Decompress(r.Bytes(0, 0), nullptr));
  PROVCHECK_ASSIGN_OR_RETURN(Format format, ParseFormatName(r.Text(0, 1)));
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<uint64_t> kept,
                             hasher_.KeptHashesOf(original, format, settings_));
  std::vector<int64_t> hashes(kept.begin(), kept.end());
  PROVCHECK_RETURN_IF_ERROR(
      s.conn
          ->Query("DELETE FROM provcheck_postings WHERE hash = ANY($1) AND doc = $2",
                  Params().Int8Array(hashes).Int8(doc))
          .status());
  return s.conn->Query("DELETE FROM provcheck_documents WHERE doc = $1", Params().Int8(doc))
      .status();
}

Status PgIndex::Store(PreparedDocument& d) {
  if (!d.status.ok()) return d.status;
  Shard& s = ShardFor(d.id);
  if (d.stored_doc >= 0) PROVCHECK_RETURN_IF_ERROR(DeleteDocument(s, d.stored_doc));
  PROVCHECK_ASSIGN_OR_RETURN(int64_t doc, NextDocNumber());
  const DocumentMeta& meta = d.article.meta;
  s.documents.BeginRow(16);
  s.documents.Int8(doc);
  s.documents.Bytes(d.id);
  s.documents.Bytes(meta.title);
  s.documents.Bytes(meta.publisher);
  s.documents.Bytes(JoinLines(meta.authors));
  s.documents.Bytes(meta.date);
  s.documents.Bytes(meta.url);
  s.documents.Bytes(meta.licence);
  s.documents.Bytes(base::PercentEncodeInvalidUtf8(d.path));
  s.documents.Bytes(FormatName(d.article.original_format));
  s.documents.Bytes(d.sha256);
  s.documents.Bytes(d.record_sha256);
  s.documents.Int8(static_cast<int64_t>(d.article.original.size()));
  s.documents.Int4(static_cast<int32_t>(d.words));
  s.documents.Int4(static_cast<int32_t>(d.kept_hashes.size()));
  s.documents.Bytes(d.compressed);
  for (uint64_t h : d.kept_hashes) {
    s.postings.BeginRow(2);
    s.postings.Int8(static_cast<int64_t>(h));
    s.postings.Int8(doc);
  }
  s.staged_ids.insert(d.id);
  // Sent when the shards together hold this much (all shards at once).
  if (StagedBytes() >= kFlushBytes * shards_.size()) return FlushAll();
  return Status::Ok();
}

Status PgIndex::Drain(size_t keep) {
  while (preparer_ && preparer_->pending() > keep) {
    std::unique_ptr<PreparedDocument> d = preparer_->Next();
    if (auto it = pending_ids_.find(d->id); it != pending_ids_.end() && --it->second == 0) {
      pending_ids_.erase(it);
    }
    if (Status s = Store(*d); !s.ok()) return Rollback(s);
  }
  return Status::Ok();
}

Status PgIndex::AddFilePart(const std::string& path, std::string_view bytes, Format format,
                            const std::string& default_id, AddSummary* summary,
                            const text::FilePart& part) {
  std::vector<Status> record_errors;
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<text::Article> articles,
                             text::ReadArticles(path, bytes, format, &record_errors, part,
                                                {.nul_as_space = nul_as_space_}));
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<std::string> ids,
                             ArticleIds(articles, path, default_id, part));
  PROVCHECK_RETURN_IF_ERROR(EnsureWriting());
  AddSummary local;
  for (size_t i = 0; i < articles.size(); ++i) {
    Shard& shard = ShardFor(ids[i]);
    // The same id twice in flight: store and send the first before looking
    // up the second, which then replaces (or matches) it.
    if (pending_ids_.count(ids[i]) || shard.staged_ids.count(ids[i])) {
      PROVCHECK_RETURN_IF_ERROR(Drain(0));
      if (!writing_) return Status::IOError(display_ + ": the batch was rolled back");
      if (Status s = Flush(shard); !s.ok()) return Rollback(s);
    }
    auto d = std::make_unique<PreparedDocument>();
    d->article = std::move(articles[i]);
    d->article.meta.id = ids[i];
    d->id = ids[i];
    d->path = path;
    d->sha256 = base::Sha256Hex(d->article.original);
    d->record_sha256 = RecordSha256(d->article.meta, d->sha256);
    local.bytes += d->article.original.size();
    if (Status s = BeginShard(shard); !s.ok()) return Rollback(s);
    Result<PgResult> found = shard.conn->Query(
        "SELECT doc, record_sha256 FROM provcheck_documents WHERE id = $1", Params().Text(ids[i]));
    if (!found) return Rollback(found.status());
    const bool exists = found->rows() > 0;
    if (exists && found->Bytes(0, 1) == d->record_sha256) {
      ++local.unchanged;
      continue;
    }
    if (exists) d->stored_doc = found->Int8(0, 0);
    ++(exists ? local.replaced : local.added);
    ++pending_ids_[d->id];
    preparer_->Submit(std::move(d));
    PROVCHECK_RETURN_IF_ERROR(Drain(kMaxPending));
    if (!writing_) return Status::IOError(display_ + ": the batch was rolled back");
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

Status PgIndex::Remove(const std::string& id) {
  PROVCHECK_RETURN_IF_ERROR(EnsureWriting());
  PROVCHECK_RETURN_IF_ERROR(Drain(0));
  Shard& shard = ShardFor(id);
  if (Status s = Flush(shard); !s.ok()) return Rollback(s);
  if (Status s = BeginShard(shard); !s.ok()) return Rollback(s);
  PROVCHECK_ASSIGN_OR_RETURN(
      PgResult found,
      shard.conn->Query("SELECT doc FROM provcheck_documents WHERE id = $1", Params().Text(id)));
  if (found.rows() == 0) {
    return Status::NotFound("no document with id \"" + id + "\" in " + display_);
  }
  return DeleteDocument(shard, found.Int8(0, 0));
}

Status PgIndex::Commit() {
  if (!writing_) return Status::Ok();
  Status s = [&]() -> Status {
    PROVCHECK_RETURN_IF_ERROR(Drain(0));
    if (!writing_) return Status::IOError(display_ + ": the batch was rolled back");
    PROVCHECK_RETURN_IF_ERROR(FlushAll());
    // One committer at a time computes the digest from the tables: its own
    // rows and every other writer's committed ones (READ COMMITTED).
    PROVCHECK_RETURN_IF_ERROR(
        catalog_->Query("SELECT pg_advisory_xact_lock($1)", Params().Int8(kCommitLockKey))
            .status());
    if (router_) {
      // Shards added since this writer opened the index: its documents may
      // have gone to the wrong ones.
      PROVCHECK_ASSIGN_OR_RETURN(PgResult n,
                                 catalog_->Query("SELECT count(*) FROM provcheck_shards"));
      if (n.Int8(0, 0) != static_cast<int64_t>(shards_.size())) {
        return Status::IOError(display_ +
                               ": shards were added during this batch; run the command again");
      }
    }
    std::vector<PgConnection*> conns;
    for (Shard& shard : shards_) {
      if (!shard.conn) {
        PROVCHECK_ASSIGN_OR_RETURN(shard.owned,
                                   PgConnection::Connect(shard.conninfo, Redact(shard.conninfo)));
        shard.conn = shard.owned.get();
      }
      conns.push_back(shard.conn);
    }
    PROVCHECK_ASSIGN_OR_RETURN(std::vector<CatalogRow> rows, CatalogOf(conns));
    int64_t fingerprints = 0, text_bytes = 0;
    for (const CatalogRow& r : rows) {
      fingerprints += r.fingerprints;
      text_bytes += r.bytes;
    }
    const std::pair<const char*, std::string> meta[] = {
        {"digest", DigestOf(rows)},
        {"documents", std::to_string(rows.size())},
        {"fingerprints", std::to_string(fingerprints)},
        {"text_bytes", std::to_string(text_bytes)},
    };
    for (const auto& [key, value] : meta) {
      PROVCHECK_RETURN_IF_ERROR(catalog_
                                    ->Query("UPDATE provcheck_meta SET value = $1 WHERE key = $2",
                                            Params().Text(value).Text(key))
                                    .status());
    }
    for (Shard& shard : shards_) {
      if (shard.writing && shard.conn != catalog_.get()) {
        PROVCHECK_RETURN_IF_ERROR(shard.conn->Exec("COMMIT"));
        shard.writing = false;
      }
    }
    PROVCHECK_RETURN_IF_ERROR(catalog_->Exec("COMMIT"));
    document_count_ = rows.size();
    return Status::Ok();
  }();
  if (!s.ok()) {
    if (!writing_) return s;
    return Rollback(s.WithPrefix("commit failed"));
  }
  writing_ = false;
  for (Shard& shard : shards_) shard.writing = false;
  numbers_.clear();
  return Status::Ok();
}

Status PgIndex::Verify() {
  PROVCHECK_RETURN_IF_ERROR(BeginSnapshot());
  struct SnapshotGuard {
    PgIndex* self;
    ~SnapshotGuard() { self->EndSnapshot(); }
  } guard{this};
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<CatalogRow> rows, CatalogOf({catalog_.get()}));
  PROVCHECK_ASSIGN_OR_RETURN(
      PgResult sums_result,
      catalog_->Query("SELECT doc, n, total, mix FROM provcheck_posting_sums()"));
  std::unordered_map<int64_t, PostingSums> sums;
  for (int i = 0; i < sums_result.rows(); ++i) {
    PostingSums& s = sums[sums_result.Int8(i, 0)];
    // A document on two shards (an interrupted rebalance) is checked once.
    s = {sums_result.Int8(i, 1), sums_result.Int8(i, 2), sums_result.Int8(i, 3)};
  }
  for (const CatalogRow& row : rows) {
    PROVCHECK_ASSIGN_OR_RETURN(StoredDocument stored, Load(static_cast<uint32_t>(row.doc)));
    if (base::Sha256Hex(stored.original) != row.sha256) {
      return Status::Corruption(display_ + ": document \"" + row.id +
                                "\": bytes do not match their sha256");
    }
    PROVCHECK_ASSIGN_OR_RETURN(std::vector<uint64_t> kept,
                               hasher_.KeptHashesOf(stored.original, stored.format, settings_));
    if (static_cast<int64_t>(kept.size()) != row.fingerprints) {
      return Status::Corruption(display_ + ": document \"" + row.id +
                                "\": fingerprint count differs");
    }
    auto it = sums.find(row.doc);
    const PostingSums want = SumsOf(kept);
    if ((it == sums.end() && want.n != 0) || (it != sums.end() && !(it->second == want))) {
      return Status::Corruption(display_ + ": document \"" + row.id + "\": postings differ");
    }
    if (it != sums.end()) sums.erase(it);
  }
  if (!sums.empty()) {
    return Status::Corruption(display_ + ": postings for a document that is not in the catalog (#" +
                              std::to_string(sums.begin()->first) + ")");
  }
  PROVCHECK_ASSIGN_OR_RETURN(IndexStats stats, Stats());
  const std::string digest = DigestOf(rows);
  if (digest != stats.digest) {
    return Status::Corruption(display_ + ": digest " + stats.digest +
                              " does not match the content (" + digest + ")");
  }
  if (stats.documents != rows.size()) {
    return Status::Corruption(display_ + ": document count differs from the catalog");
  }
  return Status::Ok();
}

}  // namespace provcheck::index::pg
