// The SQLite schema of an index (docs/index-format.md) and its version.
#ifndef PROVCHECK_SRC_INDEX_SCHEMA_H_
#define PROVCHECK_SRC_INDEX_SCHEMA_H_

namespace provcheck::index {

inline constexpr char kFormatName[] = "provcheck.index/1";
inline constexpr char kDatabaseFile[] = "index.db";

inline constexpr char kCreateSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS documents(
  doc INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL, publisher TEXT NOT NULL, authors TEXT NOT NULL,
  date TEXT NOT NULL, url TEXT NOT NULL, licence TEXT NOT NULL,
  path TEXT NOT NULL, format TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  record_sha256 TEXT NOT NULL,
  bytes INTEGER NOT NULL, words INTEGER NOT NULL, fingerprints INTEGER NOT NULL,
  content BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS postings(
  hash INTEGER NOT NULL, doc INTEGER NOT NULL, pos INTEGER NOT NULL,
  PRIMARY KEY(hash, doc, pos)) WITHOUT ROWID;
)sql";

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_SCHEMA_H_
