#include "index/sqlite_db.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

namespace provcheck::index {
namespace {

StatusCode CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
      return StatusCode::kCorruption;
    case SQLITE_FULL:
      return StatusCode::kResourceLimit;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StatusCode::kIOError;
    default:
      return StatusCode::kInternal;
  }
}

std::string FolderOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// 0 when this process may create files in the folder holding `path`, else
// the errno (EROFS for a read-only mount, EACCES for permissions).
int FolderWriteError(const std::string& path) {
  return ::access(FolderOf(path).c_str(), W_OK) == 0 ? 0 : errno;
}

// True when `path`-wal exists and holds frames a reader would need.
bool HasWriteAheadLog(const std::string& path) {
  struct stat st;
  return ::stat((path + "-wal").c_str(), &st) == 0 && st.st_size > 0;
}

// An SQLite URI for `path` with `query` (sqlite.org/uri.html): every byte
// outside the unreserved set is percent-encoded, so '?', '#' and '%' in a
// folder name stay part of the path.
std::string FileUri(const std::string& path, std::string_view query) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string uri = path.front() == '/' ? "file://" : "file:";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '.' || c == '_' || c == '-' || c == '~') {
      uri.push_back(static_cast<char>(c));
    } else {
      uri += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  uri += '?';
  uri += query;
  return uri;
}

sqlite3* OpenHandle(const std::string& name, int flags, int* rc) {
  sqlite3* db = nullptr;
  *rc = sqlite3_open_v2(name.c_str(), &db, flags, nullptr);
  return db;
}

// The result code of reading the schema, which opening does not do: a WAL
// database's -shm file is opened (or created) only here.
int Probe(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &stmt, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(stmt) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode(db);
  sqlite3_finalize(stmt);
  return rc;
}

}  // namespace

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Status(CodeFor(rc), std::string("index: ") + sqlite3_errmsg(db_));
}

Status Statement::Run() {
  Result<bool> r = Step();
  if (!r) return r.status();
  return Status::Ok();
}

std::string Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), n);
}

std::string Statement::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  int n = sqlite3_column_bytes(stmt_, col);
  return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), n);
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, bool read_only,
                                                 bool create) {
  int flags = SQLITE_OPEN_NOMUTEX;
  flags |= read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (!read_only && create) flags |= SQLITE_OPEN_CREATE;
  if (!read_only) {
    // WAL mode writes -wal and -shm files beside the database: say so now
    // rather than fail at the first statement with "unable to open".
    if (int err = FolderWriteError(path); err != 0) {
      return Status::IOError(FolderOf(path) + ": cannot write the index: " + std::strerror(err));
    }
  }
  int rc = SQLITE_OK;
  sqlite3* db = OpenHandle(path, flags, &rc);
  if (rc == SQLITE_OK && !read_only && sqlite3_db_readonly(db, "main") == 1) {
    sqlite3_close(db);
    return Status::IOError(path + ": cannot write the index: the file is read-only");
  }
  const int probe = rc == SQLITE_OK && read_only ? Probe(db) & 0xff : SQLITE_OK;
  if (probe == SQLITE_CANTOPEN || probe == SQLITE_READONLY) {
    // A reader of a WAL database must create the -shm file unless it exists
    // (sqlite.org/wal.html, "Read-Only Databases"). In a folder it cannot
    // write, with no log to replay, the file alone is the whole index: open
    // it immutable. SQLite then takes no locks, so a writer with other
    // rights must not change the index meanwhile.
    if (int err = FolderWriteError(path); err != 0) {
      sqlite3_close(db);
      if (HasWriteAheadLog(path)) {
        return Status::IOError(path +
                               "-wal: cannot read the index's write-ahead log: its folder "
                               "is not writable (" +
                               std::strerror(err) +
                               ") and its -shm file "
                               "cannot be used; open the index once where it is writable");
      }
      db = OpenHandle(FileUri(path, "immutable=1"), flags | SQLITE_OPEN_URI, &rc);
    }
  }
  if (rc != SQLITE_OK) {
    std::string msg =
        path + ": cannot open index database: " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return Status(CodeFor(rc), std::move(msg));
  }
  sqlite3_extended_result_codes(db, 1);
  // A second writer waits this long for the first, then fails cleanly.
  sqlite3_busy_timeout(db, 10000);
  return std::unique_ptr<Database>(new Database(db, path));
}

Database::~Database() { sqlite3_close(db_); }

Status Database::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string msg = path_ + ": " + (err ? err : sqlite3_errstr(rc));
  sqlite3_free(err);
  return Status(CodeFor(rc), std::move(msg));
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(CodeFor(rc), "cannot prepare statement");
  return Statement(db_, stmt);
}

Status Database::Error(StatusCode code, std::string_view what) const {
  return Status(code, path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_));
}

}  // namespace provcheck::index
