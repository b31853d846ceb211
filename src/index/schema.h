// The SQLite catalog of an index (docs/index-format.md) and its version.
#ifndef PROVCHECK_SRC_INDEX_SCHEMA_H_
#define PROVCHECK_SRC_INDEX_SCHEMA_H_

namespace provcheck::index {

inline constexpr char kFormatName[] = "provcheck.index/3";
inline constexpr char kDatabaseFile[] = "index.db";

inline constexpr char kCreateSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS documents(
  doc INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL, publisher TEXT NOT NULL, authors TEXT NOT NULL,
  date TEXT NOT NULL, url TEXT NOT NULL, licence TEXT NOT NULL,
  path TEXT NOT NULL, format TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  record_sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL, words INTEGER NOT NULL, fingerprints INTEGER NOT NULL,
  content BLOB NOT NULL,
  dict INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS dictionaries(id INTEGER PRIMARY KEY, bytes BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS segments(
  name TEXT PRIMARY KEY, entries INTEGER NOT NULL, bytes INTEGER NOT NULL,
  min_doc INTEGER NOT NULL, max_doc INTEGER NOT NULL, sha256 TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS removed_docs(doc INTEGER PRIMARY KEY);
)sql";

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_SCHEMA_H_
