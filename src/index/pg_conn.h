// A small RAII layer over libpq for the PostgreSQL index backend: a
// connection, a result, binary query parameters and binary COPY rows.
//
// Owns: one PGconn per PgConnection, one PGresult per PgResult (freed on
// destruction). Every libpq failure is translated here into a Status whose
// message names the index by its redacted name (no password) and keeps the
// server's own first line; no raw libpq error leaves this module.
//
// Everything is binary on the wire: parameters and results (bigint as 8
// bytes big-endian, text and bytea as raw bytes, bigint[] and text[] in
// PostgreSQL's binary array format) and COPY ... (FORMAT binary).
//
// Thread-safety: none; a PgConnection belongs to one thread.
#ifndef PROVCHECK_SRC_INDEX_PG_CONN_H_
#define PROVCHECK_SRC_INDEX_PG_CONN_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/result.h"
#include "provcheck/status.h"

struct pg_conn;
struct pg_result;

namespace provcheck::index::pg {

// Type oids of the parameters we send.
inline constexpr unsigned kInt4Oid = 23, kInt8Oid = 20, kTextOid = 25, kByteaOid = 17,
                          kInt8ArrayOid = 1016, kTextArrayOid = 1009;

// Query parameters, all in binary format.
class Params {
 public:
  Params& Int4(int32_t v);
  Params& Int8(int64_t v);
  Params& Text(std::string_view v);
  Params& Bytea(std::string_view v);
  // REQUIRES: values fit a signed bigint.
  Params& Int8Array(const std::vector<int64_t>& values);
  Params& TextArray(const std::vector<std::string>& values);

  int size() const { return static_cast<int>(values_.size()); }
  const unsigned* types() const { return types_.data(); }
  std::vector<const char*> pointers() const;
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  Params& Add(unsigned oid, std::string bytes);
  std::vector<std::string> values_;
  std::vector<unsigned> types_;
  std::vector<int> lengths_, formats_;
};

// A query's result (binary columns). Accessors REQUIRE a valid row/column
// of the type named; a NULL reads as 0 or "".
class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(pg_result* r) : r_(r) {}
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult& operator=(PgResult&& o) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ~PgResult();

  int rows() const;
  bool IsNull(int row, int col) const;
  int64_t Int8(int row, int col) const;
  int32_t Int4(int row, int col) const;
  std::string_view Bytes(int row, int col) const;  // text or bytea; valid while *this lives
  std::string Text(int row, int col) const { return std::string(Bytes(row, col)); }

 private:
  pg_result* r_ = nullptr;
};

// Rows for COPY table (columns) FROM STDIN (FORMAT binary), built in memory.
class CopyRows {
 public:
  CopyRows();
  void BeginRow(int16_t fields);
  void Int8(int64_t v);
  void Int4(int32_t v);
  void Bytes(std::string_view v);  // text or bytea
  size_t rows() const { return rows_; }
  size_t bytes() const { return buf_.size(); }
  bool empty() const { return rows_ == 0; }
  // The whole COPY stream, trailer included. Leaves *this empty.
  std::string Finish();

 private:
  std::string buf_;
  size_t rows_ = 0;
};

class PgConnection {
 public:
  // Connects with `conninfo` (a postgresql:// URI or key=value pairs;
  // passwords, service files and TLS settings come from libpq's own
  // sources: PGPASSFILE, PGSERVICEFILE, the environment). `display` is the
  // name errors use (the redacted conninfo). kIOError naming it on failure.
  static Result<std::unique_ptr<PgConnection>> Connect(const std::string& conninfo,
                                                       std::string display);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  const std::string& display() const { return display_; }

  // Runs SQL without parameters (several statements allowed).
  Status Exec(const std::string& sql);
  // Runs one statement with binary parameters; binary results.
  Result<PgResult> Query(const std::string& sql, const Params& params = Params());
  // COPY `table_and_columns` FROM STDIN (FORMAT binary) with `rows`.
  Status Copy(const std::string& table_and_columns, CopyRows& rows);

  // The server's SQLSTATE of the last failure ("" when none or unknown).
  const std::string& last_sqlstate() const { return sqlstate_; }

 private:
  PgConnection(pg_conn* c, std::string display) : c_(c), display_(std::move(display)) {}
  // The status for a failed result (or a connection error when r is null).
  Status Failure(const std::string& what, pg_result* r);
  pg_conn* c_;
  std::string display_;
  std::string sqlstate_;
};

// Commits or rolls back; a Transaction that is destroyed while still open
// rolls back (a failed batch leaves nothing behind).
class Transaction {
 public:
  // `begin` is the BEGIN statement (isolation level, read only).
  static Result<Transaction> Begin(PgConnection* c, const std::string& begin = "BEGIN");
  Transaction(Transaction&& o) noexcept : c_(o.c_) { o.c_ = nullptr; }
  Transaction& operator=(Transaction&& o) noexcept;
  ~Transaction() { (void)Rollback(); }
  bool open() const { return c_ != nullptr; }
  Status Commit();
  Status Rollback();

 private:
  explicit Transaction(PgConnection* c) : c_(c) {}
  PgConnection* c_ = nullptr;
};

// Whether `name` names a PostgreSQL index (a libpq URI or conninfo) rather
// than a folder.
bool IsConninfo(std::string_view name);
// `name` with any password replaced by "***" (URI user:password@, a
// password= parameter of a URI or of key=value conninfo).
std::string Redact(std::string_view name);
// `message` (libpq's) with Redact applied and every password of `conninfo`
// removed, wherever libpq quoted it (a malformed URI's token).
std::string RedactMessage(std::string_view message, std::string_view conninfo);

}  // namespace provcheck::index::pg

#endif  // PROVCHECK_SRC_INDEX_PG_CONN_H_
