// A thin RAII wrapper over the SQLite C API that turns result codes into
// Status values, so no raw SQLite error leaves the index module.
//
// Thread-safety: like sqlite3 connections: one thread at a time.
#ifndef PROVCHECK_SRC_INDEX_SQLITE_DB_H_
#define PROVCHECK_SRC_INDEX_SQLITE_DB_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "provcheck/result.h"

namespace provcheck::index {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void BindInt(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void BindText(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindBlob(int i, std::string_view v) {
    sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  // Returns true when a row is ready, false when done.
  Result<bool> Step();
  // Steps a statement that returns no rows.
  Status Run();
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string Text(int col) const;
  std::string Blob(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

class Database {
 public:
  // Opens `path`; read_only opens with SQLITE_OPEN_READONLY, otherwise the
  // file is created when `create`.
  // Writing needs a folder this process may write (for the -wal and -shm
  // files) and a writable file: otherwise kIOError, "FOLDER: cannot write
  // the index: Read-only file system" (or "Permission denied").
  // Reading works in a folder it cannot write too: with the -wal and -shm
  // files present, as SQLite allows; without them (the last writer closed
  // cleanly), the file is opened immutable, so no writer may change it
  // meanwhile. A log left in such a folder without a usable -shm file
  // cannot be read: kIOError naming the -wal file.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, bool read_only,
                                                bool create);
  ~Database();

  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  sqlite3* handle() { return db_; }
  // The connection's last error as a Status with `code`, prefixed by `what`.
  Status Error(StatusCode code, std::string_view what) const;

 private:
  explicit Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_SQLITE_DB_H_
