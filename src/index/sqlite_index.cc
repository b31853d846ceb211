#include "index/sqlite_index.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>
#include <unordered_map>

#include "base/file_system.h"
#include "base/hex.h"
#include "index/compression.h"
#include "index/digest.h"
#include "index/pg_conn.h"
#include "index/pg_index.h"
#include "index/schema.h"

namespace provcheck {

Result<std::unique_ptr<Index>> Index::Open(const std::string& dir, Mode mode) {
  if (index::pg::IsConninfo(dir)) return index::pg::PgIndex::Open(dir, mode);
  return index::SqliteIndex::OpenDir(dir, mode);
}

bool IsDatabaseIndexName(std::string_view name) { return index::pg::IsConninfo(name); }

std::string IndexDisplayName(std::string_view name) {
  return index::pg::IsConninfo(name) ? index::pg::Redact(name) : std::string(name);
}

namespace index {
namespace {

std::string RandomId() {
  std::random_device rd;  // reads the kernel's random source on Linux
  std::string bytes(16, '\0');
  for (char& c : bytes) c = static_cast<char>(rd() & 0xff);
  return base::HexEncode(bytes);
}

// A new catalog is made under this prefix and linked into place whole: a
// kill while creating never leaves an index.db without its tables.
constexpr char kCreatingPrefix[] = "index.db.creating-";

bool IsCreationLeftover(const std::string& name) { return name.rfind(kCreatingPrefix, 0) == 0; }

// Empty but for the leftovers of an interrupted creation, which it removes.
// REQUIRES: the caller holds the folder's creation lock.
bool FolderIsEmpty(base::FileSystem& fs, const std::string& dir) {
  auto names = fs.ListFolder(dir);
  if (!names) return false;
  for (const std::string& name : *names) {
    if (!IsCreationLeftover(name)) return false;
  }
  for (const std::string& name : *names) (void)fs.RemoveFile(dir + "/" + name);
  return true;
}

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<Index>> SqliteIndex::OpenDir(const std::string& dir, Mode mode,
                                                    base::FileSystem* file_system) {
  base::FileSystem& fs = *file_system;
  const std::string db_path = dir + "/" + kDatabaseFile;
  base::PathKind kind = fs.Kind(dir);
  if (kind == base::PathKind::kMissing) {
    if (mode != Mode::kCreate) {
      return Status::NotFound(dir + ": no index here (create one with `provcheck index add`)");
    }
    PROVCHECK_RETURN_IF_ERROR(fs.CreateDirectories(dir));
  } else if (kind != base::PathKind::kDirectory) {
    return Status::InvalidInput(dir + ": not a folder, expected an index folder");
  }
  if (fs.Kind(db_path) == base::PathKind::kMissing) {
    if (mode != Mode::kCreate) {
      return Status::NotFound(dir + ": no index here (create one with `provcheck index add`)");
    }
    PROVCHECK_RETURN_IF_ERROR(CreateUnlessPresent(dir, file_system));
  }
  const bool read_only = mode == Mode::kReadOnly;
  PROVCHECK_ASSIGN_OR_RETURN(auto db, Database::Open(db_path, read_only, false));
  std::unique_ptr<SqliteIndex> index(new SqliteIndex(dir, std::move(db), file_system));
  Status s = index->LoadMeta();
  if (!s.ok()) return s;
  if (!read_only) {
    // FULL: a committed batch survives power loss, not only a killed process.
    PROVCHECK_RETURN_IF_ERROR(index->db_->Exec("PRAGMA synchronous=FULL"));
  }
  return std::unique_ptr<Index>(std::move(index));
}

Status SqliteIndex::CreateUnlessPresent(const std::string& dir, base::FileSystem* fs) {
  // Creators take turns under an exclusive flock(2) of the folder: the
  // first creates, the others wait, then find index.db and join it. So an
  // index.db.creating-* file seen under the lock is a dead creator's
  // leftover, never a live one's catalog in the making (removing that one
  // failed the racing creator with "disk I/O error").
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return Status::IOError(dir + ": cannot open the folder: " + std::strerror(errno));
  int locked;
  while ((locked = ::flock(dfd, LOCK_EX)) != 0 && errno == EINTR) {
  }
  Status s;
  if (locked != 0) {
    s = Status::IOError(dir + ": cannot lock the folder: " + std::strerror(errno));
  } else if (fs->Kind(dir + "/" + kDatabaseFile) != base::PathKind::kMissing) {
    // Another creator finished first: join its index.
  } else if (!FolderIsEmpty(*fs, dir)) {
    s = Status::InvalidInput(dir + ": folder is not empty and holds no provcheck index");
  } else {
    s = CreateCatalog(dir, fs);
  }
  ::close(dfd);  // releases the lock
  return s;
}

Status SqliteIndex::CreateCatalog(const std::string& dir, base::FileSystem* fs) {
  // Made whole under a private name, then linked to index.db unless another
  // `index add` got there first (then both use that one).
  std::random_device rd;
  const std::string tmp =
      dir + "/" + kCreatingPrefix + std::to_string(::getpid()) + "-" + std::to_string(rd());
  Status s = [&]() -> Status {
    PROVCHECK_ASSIGN_OR_RETURN(auto db, Database::Open(tmp, false, true));
    SqliteIndex creating(dir, std::move(db), fs);
    return creating.Initialise();  // closed (and checkpointed) on return
  }();
  if (s.ok() && ::link(tmp.c_str(), (dir + "/" + kDatabaseFile).c_str()) != 0 && errno != EEXIST) {
    s = Status::IOError(dir + "/" + kDatabaseFile + ": cannot create: " + std::strerror(errno));
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) (void)fs->RemoveFile(tmp + suffix);
  base::SyncParentFolder(dir + "/" + kDatabaseFile);
  return s;
}

Status SqliteIndex::Initialise() {
  // Two `index add` runs may create the same new index at once: the schema
  // and meta rows are written only if absent, under the write lock.
  // Large pages: a document row (its compressed bytes, about 3 KB for a
  // news article) leaves a 4 KB page a third empty; 64 KB pages waste ~2%.
  // (Takes effect only on a database that is still empty.)
  PROVCHECK_RETURN_IF_ERROR(db_->Exec("PRAGMA page_size=65536"));
  PROVCHECK_RETURN_IF_ERROR(db_->Exec("PRAGMA journal_mode=WAL"));
  PROVCHECK_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  PROVCHECK_RETURN_IF_ERROR(db_->Exec(kCreateSchema));
  PROVCHECK_ASSIGN_OR_RETURN(Statement put,
                             db_->Prepare("INSERT OR IGNORE INTO meta(key, value) VALUES(?, ?)"));
  IndexSettings defaults;
  const std::pair<const char*, std::string> rows[] = {
      {"format", kFormatName},
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
      {"icu_version", text::IcuVersion()},
  };
  for (const auto& [key, value] : rows) {
    put.BindText(1, key);
    put.BindText(2, value);
    PROVCHECK_RETURN_IF_ERROR(put.Run());
    put.Reset();
  }
  return db_->Exec("COMMIT");
}

Status SqliteIndex::LoadMeta() {
  Result<Statement> get = db_->Prepare("SELECT key, value FROM meta");
  if (!get) {
    return Status::Corruption(dir_ + ": not a provcheck index (" + get.status().message() + ")");
  }
  std::unordered_map<std::string, std::string> meta;
  while (true) {
    Result<bool> row = get->Step();
    if (!row)
      return Status::Corruption(dir_ + ": not a provcheck index (" + row.status().message() + ")");
    if (!*row) break;
    meta[get->Text(0)] = get->Text(1);
  }
  if (meta["format"].rfind("provcheck.index/", 0) == 0 && meta["format"] != kFormatName) {
    return Status::InvalidInput(dir_ + ": an index in format \"" + meta["format"] +
                                "\" (an earlier provcheck); this version reads \"" + kFormatName +
                                "\": index the corpus again into a new folder");
  }
  if (meta["format"] != kFormatName) {
    return Status::Corruption(dir_ + ": not a provcheck index (format \"" + meta["format"] +
                              "\", expected \"" + kFormatName + "\")");
  }
  auto number = [&meta, this](const char* key, uint64_t* out) -> Status {
    const std::string& v = meta[key];
    if (v.empty() || !std::all_of(v.begin(), v.end(), ::isdigit)) {
      return Status::Corruption(dir_ + ": damaged index: meta." + key + " is \"" + v +
                                "\", expected a number");
    }
    *out = std::stoull(v);
    return Status::Ok();
  };
  uint64_t k = 0, w = 0, cap = 0;
  PROVCHECK_RETURN_IF_ERROR(number("shingle_words", &k));
  PROVCHECK_RETURN_IF_ERROR(number("window", &w));
  PROVCHECK_RETURN_IF_ERROR(number("max_postings", &cap));
  PROVCHECK_RETURN_IF_ERROR(number("documents", &document_count_));
  if (k == 0 || w == 0 || k > 64 || w > 1024) {
    return Status::Corruption(dir_ + ": damaged index: fingerprint settings out of range");
  }
  uint64_t stem_k = 0, stem_w = 0;
  PROVCHECK_RETURN_IF_ERROR(number("stem_shingle_words", &stem_k));
  PROVCHECK_RETURN_IF_ERROR(number("stem_window", &stem_w));
  if (stem_k > 16 || stem_w == 0 || stem_w > 1024) {
    return Status::Corruption(dir_ + ": damaged index: stem shingle settings out of range");
  }
  settings_ = {static_cast<uint32_t>(k), static_cast<uint32_t>(w), static_cast<uint32_t>(cap),
               static_cast<uint32_t>(stem_k), static_cast<uint32_t>(stem_w)};
  id_ = meta["id"];
  return Status::Ok();
}

Status SqliteIndex::BeginSnapshot() {
  if (in_snapshot_ || writing_) return Status::Ok();
  PROVCHECK_RETURN_IF_ERROR(db_->Exec("BEGIN DEFERRED"));
  // The first read pins the snapshot; meta may have moved since Open.
  in_snapshot_ = true;
  PROVCHECK_RETURN_IF_ERROR(LoadMeta());
  return LoadSegments();
}

Status SqliteIndex::LoadSegments() {
  Status s;
  for (int attempt = 0; attempt < 8; ++attempt) {
    s = postings_->Load();
    if (s.code() != StatusCode::kNotFound) return s;
    // A merge committed and removed a file this snapshot lists: the catalog
    // has moved on, so read it again in a new snapshot.
    if (in_snapshot_) {
      (void)db_->Exec("COMMIT");
      PROVCHECK_RETURN_IF_ERROR(db_->Exec("BEGIN DEFERRED"));
      PROVCHECK_RETURN_IF_ERROR(LoadMeta());
    }
  }
  return s;
}

void SqliteIndex::EndSnapshot() {
  if (!in_snapshot_) return;
  (void)db_->Exec("COMMIT");
  in_snapshot_ = false;
}

Result<IndexStats> SqliteIndex::Stats() {
  IndexStats stats;
  PROVCHECK_ASSIGN_OR_RETURN(Statement get, db_->Prepare("SELECT key, value FROM meta"));
  while (true) {
    PROVCHECK_ASSIGN_OR_RETURN(bool row, get.Step());
    if (!row) break;
    std::string key = get.Text(0), value = get.Text(1);
    if (key == "id") stats.id = value;
    if (key == "digest") stats.digest = value;
    if (key == "documents") stats.documents = std::stoull(value);
    if (key == "fingerprints") stats.fingerprints = std::stoull(value);
    if (key == "text_bytes") stats.text_bytes = std::stoull(value);
    if (key == "icu_version") stats.icu_version = value;
  }
  stats.settings = settings_;
  std::vector<std::string> files;
  for (const char* suffix : {"", "-wal", "-shm"})
    files.push_back(dir_ + "/" + kDatabaseFile + suffix);
  if (auto segments = base::FileSystem::Default().ListFolder(dir_ + "/segments")) {
    for (const std::string& name : *segments) files.push_back(dir_ + "/segments/" + name);
  }
  for (const std::string& p : files) {
    struct stat st;
    if (::stat(p.c_str(), &st) == 0) stats.disk_bytes += static_cast<uint64_t>(st.st_size);
  }
  return stats;
}

Result<std::vector<IndexedDocument>> SqliteIndex::List() {
  PROVCHECK_ASSIGN_OR_RETURN(
      Statement q, db_->Prepare("SELECT doc, id, title, publisher, authors, date, url, licence, "
                                "path, sha256, bytes, words FROM documents ORDER BY id"));
  std::vector<IndexedDocument> out;
  while (true) {
    PROVCHECK_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    IndexedDocument d;
    d.number = static_cast<uint32_t>(q.Int(0));
    d.meta.id = q.Text(1);
    d.meta.title = q.Text(2);
    d.meta.publisher = q.Text(3);
    d.meta.authors = SplitLines(q.Text(4));
    d.meta.date = q.Text(5);
    d.meta.url = q.Text(6);
    d.meta.licence = q.Text(7);
    d.path = q.Text(8);
    d.sha256 = q.Text(9);
    d.bytes = static_cast<uint64_t>(q.Int(10));
    d.words = static_cast<uint32_t>(q.Int(11));
    out.push_back(std::move(d));
  }
  return out;
}

Status SqliteIndex::Lookup(const std::vector<uint64_t>& hashes, uint32_t cap,
                           std::vector<Posting>* out) {
  if (!in_snapshot_ && !writing_) {
    // A lookup outside a snapshot sees the latest commit.
    PROVCHECK_RETURN_IF_ERROR(BeginSnapshot());
    Status s = postings_->Lookup(hashes, cap, out);
    EndSnapshot();
    return s;
  }
  if (writing_) PROVCHECK_RETURN_IF_ERROR(postings_->Load());
  return postings_->Lookup(hashes, cap, out);
}

Result<std::shared_ptr<const CompressionDictionary>> SqliteIndex::DictionaryById(int64_t id) {
  if (auto it = dicts_.find(id); it != dicts_.end()) return it->second;
  PROVCHECK_ASSIGN_OR_RETURN(Statement q,
                             db_->Prepare("SELECT bytes FROM dictionaries WHERE id = ?"));
  q.BindInt(1, id);
  PROVCHECK_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row)
    return Status::Corruption(dir_ + ": compression dictionary " + std::to_string(id) +
                              " is missing");
  PROVCHECK_ASSIGN_OR_RETURN(std::shared_ptr<const CompressionDictionary> dict,
                             CompressionDictionary::FromBytes(q.Blob(0)));
  dicts_[id] = dict;
  return dict;
}

Result<StoredDocument> SqliteIndex::Load(uint32_t number) {
  PROVCHECK_ASSIGN_OR_RETURN(
      Statement q, db_->Prepare("SELECT id, title, publisher, authors, date, url, licence, path, "
                                "sha256, bytes, words, format, content, dict FROM documents "
                                "WHERE doc = ?"));
  q.BindInt(1, number);
  PROVCHECK_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return Status::NotFound("document #" + std::to_string(number) + " is not in the index");
  StoredDocument d;
  d.info.number = number;
  d.info.meta.id = q.Text(0);
  d.info.meta.title = q.Text(1);
  d.info.meta.publisher = q.Text(2);
  d.info.meta.authors = SplitLines(q.Text(3));
  d.info.meta.date = q.Text(4);
  d.info.meta.url = q.Text(5);
  d.info.meta.licence = q.Text(6);
  d.info.path = q.Text(7);
  d.info.sha256 = q.Text(8);
  d.info.bytes = static_cast<uint64_t>(q.Int(9));
  d.info.words = static_cast<uint32_t>(q.Int(10));
  Result<Format> format = ParseFormatName(q.Text(11));
  if (!format)
    return Status::Corruption(dir_ + ": document " + d.info.meta.id + " has an unknown format");
  d.format = *format;
  std::shared_ptr<const CompressionDictionary> dict;
  if (q.Int(13) != 0) {
    Result<std::shared_ptr<const CompressionDictionary>> found = DictionaryById(q.Int(13));
    if (!found) return found.status().WithPrefix(dir_ + ": document " + d.info.meta.id);
    dict = *found;
  }
  Result<std::string> original = Decompress(q.Blob(12), dict.get());
  if (!original) return original.status().WithPrefix(dir_ + ": document " + d.info.meta.id);
  d.original = std::move(original).value();
  return d;
}

}  // namespace index
}  // namespace provcheck
