// PgIndex: opening, the schema and its migrations, and the read side.
#include "index/pg_index.h"

#include <xxhash.h>

#include <algorithm>
#include <random>

#include "base/hex.h"
#include "index/compression.h"
#include "index/digest.h"
#include "index/pg_schema.h"
#include "index/segment_format.h"

namespace provcheck::index::pg {
namespace {

std::string RandomId() {
  std::random_device rd;
  std::string bytes(16, '\0');
  for (char& c : bytes) c = static_cast<char>(rd() & 0xff);
  return base::HexEncode(bytes);
}

std::vector<std::string> SplitLines(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.emplace_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::vector<Migration> MigrationsFor(std::string_view role) {
  std::vector<Migration> out;
  if (role == "single") {
    out.push_back({1, role, kCatalogSchemaV1});
    out.push_back({2, role, kDataSchemaV1});
  } else if (role == "router") {
    out.push_back({1, role, kCatalogSchemaV1});
    out.push_back({2, role, kRouterSchemaV1});
  } else {
    out.push_back({2, role, kDataSchemaV1});
  }
  return out;
}

bool IsCatalogRole(std::string_view role) { return role == "single" || role == "router"; }

}  // namespace

int ShardOf(std::string_view id, int shards) {
  // Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm".
  uint64_t key = XXH3_64bits(id.data(), id.size());
  int64_t b = -1, j = 0;
  while (j < shards) {
    b = j;
    key = key * 2862933555777941757ULL + 1;
    j = static_cast<int64_t>(static_cast<double>(b + 1) * (static_cast<double>(int64_t{1} << 31) /
                                                           static_cast<double>((key >> 33) + 1)));
  }
  return static_cast<int>(b);
}

Result<std::string> RoleOf(PgConnection* c) {
  PROVCHECK_ASSIGN_OR_RETURN(
      PgResult t, c->Query("SELECT count(*) FROM pg_catalog.pg_class WHERE relname = "
                           "'provcheck_schema' AND relkind = 'r' AND pg_table_is_visible(oid)"));
  if (t.Int8(0, 0) == 0) return Status::NotFound(c->display() + ": no provcheck index here");
  PROVCHECK_ASSIGN_OR_RETURN(
      PgResult r, c->Query("SELECT role FROM provcheck_schema ORDER BY version LIMIT 1"));
  if (r.rows() == 0) return Status::NotFound(c->display() + ": no provcheck index here");
  return r.Text(0, 0);
}

Status Migrate(PgConnection* c, std::string_view role) {
  PROVCHECK_ASSIGN_OR_RETURN(Transaction t, Transaction::Begin(c));
  PROVCHECK_RETURN_IF_ERROR(
      c->Query("SELECT pg_advisory_xact_lock($1)", Params().Int8(kSchemaLockKey)).status());
  PROVCHECK_RETURN_IF_ERROR(c->Exec(kVersionTable));
  PROVCHECK_ASSIGN_OR_RETURN(
      PgResult have,
      c->Query("SELECT role, max(version)::bigint FROM provcheck_schema GROUP BY role"));
  int64_t version = 0;
  if (have.rows() > 0) {
    if (have.rows() > 1 || have.Bytes(0, 0) != role) {
      return Status::InvalidInput(c->display() + ": the database holds a provcheck " +
                                  have.Text(0, 0) + ", not a " + std::string(role));
    }
    version = have.Int8(0, 1);
  }
  for (const Migration& m : MigrationsFor(role)) {
    if (m.version <= version) continue;
    PROVCHECK_RETURN_IF_ERROR(c->Exec(std::string(m.sql)));
    PROVCHECK_RETURN_IF_ERROR(c->Query("INSERT INTO provcheck_schema(version, role) VALUES($1, $2)",
                                       Params().Int4(m.version).Text(role))
                                  .status());
    if (m.version == 1 && IsCatalogRole(role)) {
      IndexSettings defaults;
      const std::pair<const char*, std::string> rows[] = {
          {"format", kPgFormat},
          {"id", RandomId()},
          {"shingle_words", std::to_string(defaults.shingle_words)},
          {"window", std::to_string(defaults.window)},
          {"max_postings", std::to_string(defaults.max_postings)},
          {"stem_shingle_words", std::to_string(defaults.stem_shingle_words)},
          {"stem_window", std::to_string(defaults.stem_window)},
          {"digest", DigestBuilder(defaults).Finish()},
          {"documents", "0"},
          {"fingerprints", "0"},
          {"text_bytes", "0"},
      };
      for (const auto& [key, value] : rows) {
        PROVCHECK_RETURN_IF_ERROR(c->Query("INSERT INTO provcheck_meta(key, value) VALUES($1, $2) "
                                           "ON CONFLICT DO NOTHING",
                                           Params().Text(key).Text(value))
                                      .status());
      }
    }
  }
  return t.Commit();
}

Result<std::unique_ptr<Index>> PgIndex::Open(const std::string& conninfo, Mode mode) {
  std::string display = Redact(conninfo);
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn,
                             PgConnection::Connect(conninfo, display));
  Result<std::string> role = RoleOf(conn.get());
  if (!role && role.status().code() == StatusCode::kNotFound) {
    if (mode != Mode::kCreate) {
      return Status::NotFound(display +
                              ": no provcheck index in this database (create one with "
                              "`provcheck index add`)");
    }
    PROVCHECK_RETURN_IF_ERROR(Migrate(conn.get(), "single"));
    role = std::string("single");
  }
  if (!role) return role.status();
  if (*role == "shard") {
    return Status::InvalidInput(display +
                                ": a shard of a sharded provcheck index; name its router instead");
  }
  if (!IsCatalogRole(*role)) {
    return Status::Corruption(display + ": not a provcheck index (role \"" + *role + "\")");
  }
  if (mode != Mode::kReadOnly) PROVCHECK_RETURN_IF_ERROR(Migrate(conn.get(), *role));
  std::unique_ptr<PgIndex> index(new PgIndex(std::move(conn), std::move(display)));
  index->router_ = *role == "router";
  if (index->router_) {
    PROVCHECK_ASSIGN_OR_RETURN(
        PgResult shards,
        index->catalog_->Query("SELECT conninfo FROM provcheck_shards ORDER BY shard"));
    if (shards.rows() == 0) {
      return Status::InvalidInput(index->display_ +
                                  ": a router without shards (add them with "
                                  "`provcheck index shard add`)");
    }
    for (int i = 0; i < shards.rows(); ++i) {
      index->shards_.emplace_back();
      index->shards_.back().conninfo = shards.Text(i, 0);
    }
  } else {
    index->shards_.emplace_back();
    index->shards_.back().conn = index->catalog_.get();
  }
  PROVCHECK_RETURN_IF_ERROR(index->LoadMeta());
  return std::unique_ptr<Index>(std::move(index));
}

PgIndex::~PgIndex() {
  // An open batch is dropped: the servers roll back what was not committed.
  while (preparer_ && preparer_->Next()) {
  }
}

Status PgIndex::LoadMeta() {
  PROVCHECK_ASSIGN_OR_RETURN(PgResult r, catalog_->Query("SELECT key, value FROM provcheck_meta"));
  std::unordered_map<std::string, std::string> meta;
  for (int i = 0; i < r.rows(); ++i) meta[r.Text(i, 0)] = r.Text(i, 1);
  if (meta["format"] != kPgFormat) {
    return Status::Corruption(display_ + ": not a provcheck index (format \"" + meta["format"] +
                              "\", expected \"" + kPgFormat + "\")");
  }
  auto number = [&](const char* key, uint64_t* out) -> Status {
    const std::string& v = meta[key];
    if (v.empty() || !std::all_of(v.begin(), v.end(), ::isdigit) || v.size() > 18) {
      return Status::Corruption(display_ + ": damaged index: meta." + key + " is \"" + v +
                                "\", expected a number");
    }
    *out = std::stoull(v);
    return Status::Ok();
  };
  uint64_t k, w, cap, stem_k, stem_w;
  PROVCHECK_RETURN_IF_ERROR(number("shingle_words", &k));
  PROVCHECK_RETURN_IF_ERROR(number("window", &w));
  PROVCHECK_RETURN_IF_ERROR(number("max_postings", &cap));
  PROVCHECK_RETURN_IF_ERROR(number("stem_shingle_words", &stem_k));
  PROVCHECK_RETURN_IF_ERROR(number("stem_window", &stem_w));
  PROVCHECK_RETURN_IF_ERROR(number("documents", &document_count_));
  if (k == 0 || w == 0 || k > 64 || w > 1024 || stem_k > 16 || stem_w == 0 || stem_w > 1024) {
    return Status::Corruption(display_ + ": damaged index: fingerprint settings out of range");
  }
  settings_ = {static_cast<uint32_t>(k), static_cast<uint32_t>(w), static_cast<uint32_t>(cap),
               static_cast<uint32_t>(stem_k), static_cast<uint32_t>(stem_w)};
  id_ = meta["id"];
  return Status::Ok();
}

Status PgIndex::BeginSnapshot() {
  if (in_snapshot_ || writing_) return Status::Ok();
  PROVCHECK_RETURN_IF_ERROR(catalog_->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  in_snapshot_ = true;
  return LoadMeta();
}

void PgIndex::EndSnapshot() {
  if (!in_snapshot_) return;
  (void)catalog_->Exec("COMMIT");
  in_snapshot_ = false;
}

Result<IndexStats> PgIndex::Stats() {
  PROVCHECK_ASSIGN_OR_RETURN(PgResult r, catalog_->Query("SELECT key, value FROM provcheck_meta"));
  IndexStats stats;
  for (int i = 0; i < r.rows(); ++i) {
    const std::string key = r.Text(i, 0), value = r.Text(i, 1);
    if (key == "id") stats.id = value;
    if (key == "digest") stats.digest = value;
    if (key == "documents") stats.documents = std::stoull(value);
    if (key == "fingerprints") stats.fingerprints = std::stoull(value);
    if (key == "text_bytes") stats.text_bytes = std::stoull(value);
  }
  stats.settings = settings_;
  PROVCHECK_ASSIGN_OR_RETURN(PgResult size,
                             catalog_->Query("SELECT coalesce(sum(bytes), 0)::bigint FROM "
                                             "provcheck_disk_bytes()"));
  stats.disk_bytes = static_cast<uint64_t>(size.Int8(0, 0));
  return stats;
}

Result<std::vector<PgIndex::CatalogRow>> PgIndex::CatalogOf(
    const std::vector<PgConnection*>& conns) {
  std::vector<CatalogRow> out;
  for (PgConnection* c : conns) {
    PROVCHECK_ASSIGN_OR_RETURN(PgResult r,
                               c->Query("SELECT doc, id, sha256, record_sha256, bytes, "
                                        "fingerprints::bigint FROM provcheck_catalog()"));
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back(
          {r.Int8(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3), r.Int8(i, 4), r.Int8(i, 5)});
    }
  }
  // Byte order of ids, as the digest wants; an id seen twice (a document
  // copied to its new shard by a rebalance that was interrupted before it
  // deleted the old copy) counts once.
  std::sort(out.begin(), out.end(), [](const CatalogRow& a, const CatalogRow& b) {
    return a.id != b.id ? a.id < b.id : a.doc < b.doc;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const CatalogRow& a, const CatalogRow& b) { return a.id == b.id; }),
            out.end());
  return out;
}

std::string PgIndex::DigestOf(const std::vector<CatalogRow>& rows) const {
  DigestBuilder digest(settings_);
  for (const CatalogRow& r : rows) digest.AddDocument(r.id, r.sha256, r.record_sha256);
  return digest.Finish();
}

Result<std::vector<IndexedDocument>> PgIndex::List() {
  PROVCHECK_ASSIGN_OR_RETURN(
      PgResult r, catalog_->Query("SELECT doc, id, title, publisher, authors, date, url, licence, "
                                  "path, sha256, bytes, words FROM provcheck_catalog()"));
  std::vector<IndexedDocument> out;
  out.reserve(static_cast<size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) {
    IndexedDocument d;
    d.number = static_cast<uint32_t>(r.Int8(i, 0));
    d.meta.id = r.Text(i, 1);
    d.meta.title = r.Text(i, 2);
    d.meta.publisher = r.Text(i, 3);
    d.meta.authors = SplitLines(r.Bytes(i, 4));
    d.meta.date = r.Text(i, 5);
    d.meta.url = r.Text(i, 6);
    d.meta.licence = r.Text(i, 7);
    d.path = r.Text(i, 8);
    d.sha256 = r.Text(i, 9);
    d.bytes = static_cast<uint64_t>(r.Int8(i, 10));
    d.words = static_cast<uint32_t>(r.Int4(i, 11));
    out.push_back(std::move(d));
  }
  std::sort(out.begin(), out.end(), [](const IndexedDocument& a, const IndexedDocument& b) {
    return a.meta.id != b.meta.id ? a.meta.id < b.meta.id : a.number < b.number;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const IndexedDocument& a, const IndexedDocument& b) {
                          return a.meta.id == b.meta.id;
                        }),
            out.end());
  return out;
}

Status PgIndex::Lookup(const std::vector<uint64_t>& hashes, uint32_t cap,
                       std::vector<Posting>* out) {
  // The distinct kept hashes, sorted, in one bigint[]: one round trip
  // (through the router, one per shard, in parallel).
  std::vector<std::pair<uint64_t, uint32_t>> order;
  order.reserve(hashes.size());
  for (uint32_t i = 0; i < hashes.size(); ++i) order.emplace_back(SegmentHash(hashes[i]), i);
  std::sort(order.begin(), order.end());
  std::vector<int64_t> distinct;
  for (const auto& [h, q] : order) {
    if (distinct.empty() || distinct.back() != static_cast<int64_t>(h)) {
      distinct.push_back(static_cast<int64_t>(h));
    }
  }
  if (distinct.empty()) return Status::Ok();
  const int32_t limit = static_cast<int32_t>(std::min<uint32_t>(cap, INT32_MAX - 1));
  PROVCHECK_ASSIGN_OR_RETURN(PgResult r,
                             catalog_->Query("SELECT hash, doc FROM provcheck_lookup($1, $2)",
                                             Params().Int8Array(distinct).Int4(limit)));
  std::vector<std::pair<int64_t, int64_t>> hits;
  hits.reserve(static_cast<size_t>(r.rows()));
  for (int i = 0; i < r.rows(); ++i) hits.emplace_back(r.Int8(i, 0), r.Int8(i, 1));
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  size_t q = 0;  // into order
  for (size_t i = 0; i < hits.size();) {
    size_t j = i;
    while (j < hits.size() && hits[j].first == hits[i].first) ++j;
    if (j - i <= cap) {  // more: boilerplate, skipped
      const uint64_t h = static_cast<uint64_t>(hits[i].first);
      while (q < order.size() && order[q].first < h) ++q;
      for (size_t k = q; k < order.size() && order[k].first == h; ++k) {
        for (size_t m = i; m < j; ++m) {
          out->push_back({order[k].second, static_cast<uint32_t>(hits[m].second)});
        }
      }
    }
    i = j;
  }
  return Status::Ok();
}

Result<StoredDocument> PgIndex::Load(uint32_t number) {
  PROVCHECK_ASSIGN_OR_RETURN(
      PgResult r,
      catalog_->Query("SELECT doc, id, title, publisher, authors, date, url, licence, path, "
                      "format, sha256, bytes, words, content FROM provcheck_load($1)",
                      Params().Int8(number)));
  if (r.rows() == 0) {
    return Status::NotFound("document #" + std::to_string(number) + " is not in the index");
  }
  StoredDocument d;
  d.info.number = number;
  d.info.meta.id = r.Text(0, 1);
  d.info.meta.title = r.Text(0, 2);
  d.info.meta.publisher = r.Text(0, 3);
  d.info.meta.authors = SplitLines(r.Bytes(0, 4));
  d.info.meta.date = r.Text(0, 5);
  d.info.meta.url = r.Text(0, 6);
  d.info.meta.licence = r.Text(0, 7);
  d.info.path = r.Text(0, 8);
  Result<Format> format = ParseFormatName(r.Text(0, 9));
  if (!format) {
    return Status::Corruption(display_ + ": document " + d.info.meta.id + " has an unknown format");
  }
  d.format = *format;
  d.info.sha256 = r.Text(0, 10);
  d.info.bytes = static_cast<uint64_t>(r.Int8(0, 11));
  d.info.words = static_cast<uint32_t>(r.Int4(0, 12));
  Result<std::string> original = Decompress(r.Bytes(0, 13), nullptr);
  if (!original) return original.status().WithPrefix(display_ + ": document " + d.info.meta.id);
  d.original = std::move(original).value();
  return d;
}

}  // namespace provcheck::index::pg
