#include "index/pg_conn.h"

#include <libpq-fe.h>

#include <cstring>

namespace provcheck::index::pg {
namespace {

void PutBE(std::string* out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t GetBE(const char* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

// The first line of a libpq message, without its "ERROR:  " prefix.
std::string FirstLine(const char* message) {
  std::string m = message ? message : "";
  if (size_t nl = m.find('\n'); nl != std::string::npos) m.resize(nl);
  for (const char* prefix : {"ERROR:  ", "FATAL:  "}) {
    if (m.rfind(prefix, 0) == 0) m.erase(0, std::strlen(prefix));
  }
  return m.empty() ? "unknown error" : m;
}

std::string ArrayHeader(unsigned elem_oid, size_t n) {
  std::string out;
  if (n == 0) {
    PutBE(&out, 0, 4);  // no dimensions
    PutBE(&out, 0, 4);
    PutBE(&out, elem_oid, 4);
    return out;
  }
  PutBE(&out, 1, 4);  // one dimension
  PutBE(&out, 0, 4);  // no NULLs
  PutBE(&out, elem_oid, 4);
  PutBE(&out, n, 4);  // its length
  PutBE(&out, 1, 4);  // lower bound
  return out;
}

}  // namespace

// --- Params

Params& Params::Add(unsigned oid, std::string bytes) {
  types_.push_back(oid);
  lengths_.push_back(static_cast<int>(bytes.size()));
  formats_.push_back(1);
  values_.push_back(std::move(bytes));
  return *this;
}

Params& Params::Int4(int32_t v) {
  std::string b;
  PutBE(&b, static_cast<uint32_t>(v), 4);
  return Add(kInt4Oid, std::move(b));
}

Params& Params::Int8(int64_t v) {
  std::string b;
  PutBE(&b, static_cast<uint64_t>(v), 8);
  return Add(kInt8Oid, std::move(b));
}

Params& Params::Text(std::string_view v) { return Add(kTextOid, std::string(v)); }
Params& Params::Bytea(std::string_view v) { return Add(kByteaOid, std::string(v)); }

Params& Params::Int8Array(const std::vector<int64_t>& values) {
  std::string b = ArrayHeader(kInt8Oid, values.size());
  b.reserve(b.size() + values.size() * 12);
  for (int64_t v : values) {
    PutBE(&b, 8, 4);
    PutBE(&b, static_cast<uint64_t>(v), 8);
  }
  return Add(kInt8ArrayOid, std::move(b));
}

Params& Params::TextArray(const std::vector<std::string>& values) {
  std::string b = ArrayHeader(kTextOid, values.size());
  for (const std::string& v : values) {
    PutBE(&b, v.size(), 4);
    b += v;
  }
  return Add(kTextArrayOid, std::move(b));
}

std::vector<const char*> Params::pointers() const {
  std::vector<const char*> out;
  for (const std::string& v : values_) out.push_back(v.data());
  return out;
}

// --- PgResult

PgResult& PgResult::operator=(PgResult&& o) noexcept {
  if (this != &o) {
    if (r_) PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}

PgResult::~PgResult() {
  if (r_) PQclear(r_);
}

int PgResult::rows() const { return r_ ? PQntuples(r_) : 0; }
bool PgResult::IsNull(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }

int64_t PgResult::Int8(int row, int col) const {
  if (IsNull(row, col) || PQgetlength(r_, row, col) != 8) return 0;
  return static_cast<int64_t>(GetBE(PQgetvalue(r_, row, col), 8));
}

int32_t PgResult::Int4(int row, int col) const {
  if (IsNull(row, col) || PQgetlength(r_, row, col) != 4) return 0;
  return static_cast<int32_t>(GetBE(PQgetvalue(r_, row, col), 4));
}

std::string_view PgResult::Bytes(int row, int col) const {
  if (IsNull(row, col)) return {};
  return std::string_view(PQgetvalue(r_, row, col), static_cast<size_t>(PQgetlength(r_, row, col)));
}

// --- CopyRows

CopyRows::CopyRows() {
  static const char kSignature[] = "PGCOPY\n\377\r\n";  // and its NUL: 11 bytes
  buf_.assign(kSignature, 11);
  PutBE(&buf_, 0, 4);  // flags
  PutBE(&buf_, 0, 4);  // header extension length
}

void CopyRows::BeginRow(int16_t fields) {
  PutBE(&buf_, static_cast<uint16_t>(fields), 2);
  ++rows_;
}

void CopyRows::Int8(int64_t v) {
  PutBE(&buf_, 8, 4);
  PutBE(&buf_, static_cast<uint64_t>(v), 8);
}

void CopyRows::Int4(int32_t v) {
  PutBE(&buf_, 4, 4);
  PutBE(&buf_, static_cast<uint32_t>(v), 4);
}

void CopyRows::Bytes(std::string_view v) {
  PutBE(&buf_, v.size(), 4);
  buf_.append(v);
}

std::string CopyRows::Finish() {
  PutBE(&buf_, 0xffff, 2);  // -1: the end
  std::string out = std::move(buf_);
  *this = CopyRows();
  return out;
}

// --- PgConnection

Result<std::unique_ptr<PgConnection>> PgConnection::Connect(const std::string& conninfo,
                                                            std::string display) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (c == nullptr) return Status::IOError(display + ": cannot connect: out of memory");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string why = FirstLine(PQerrorMessage(c));
    PQfinish(c);
    // libpq names host and port, never the password; still, redact
    // anything that looks like our conninfo's password.
    return Status::IOError(display + ": cannot connect: " + RedactMessage(why, conninfo));
  }
  std::unique_ptr<PgConnection> conn(new PgConnection(c, std::move(display)));
  // Quiet notices (CREATE ... IF NOT EXISTS) and UTF-8 text on the wire.
  PROVCHECK_RETURN_IF_ERROR(conn->Exec("SET client_min_messages = warning"));
  PROVCHECK_RETURN_IF_ERROR(conn->Exec("SET client_encoding = 'UTF8'"));
  return conn;
}

PgConnection::~PgConnection() { PQfinish(c_); }

Status PgConnection::Failure(const std::string& what, PGresult* r) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  sqlstate_ = state ? state : "";
  std::string why = FirstLine(r ? PQresultErrorMessage(r) : PQerrorMessage(c_));
  if (r) PQclear(r);
  if (PQstatus(c_) != CONNECTION_OK) {
    return Status::IOError(display_ + ": connection lost during " + what + ": " + why);
  }
  // Unique violations and serialisation failures are the concurrent
  // writer's doing: said as such.
  if (sqlstate_ == "23505")
    return Status::InvalidInput(display_ + ": " + what + ": " + why +
                                " (another writer added the same id at the same time?)");
  return Status::IOError(display_ + ": " + what + ": " + why);
}

Status PgConnection::Exec(const std::string& sql) {
  PGresult* r = PQexec(c_, sql.c_str());
  const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    return Failure(sql.substr(0, sql.find_first_of(" \n(")), r);
  }
  PQclear(r);
  return Status::Ok();
}

Result<PgResult> PgConnection::Query(const std::string& sql, const Params& params) {
  std::vector<const char*> values = params.pointers();
  PGresult* r = PQexecParams(c_, sql.c_str(), params.size(), params.types(), values.data(),
                             params.lengths(), params.formats(), 1);
  const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    std::string what = sql.substr(0, 60);
    if (size_t nl = what.find('\n'); nl != std::string::npos) what.resize(nl);
    return Failure("query \"" + what + "\"", r);
  }
  return PgResult(r);
}

Status PgConnection::Copy(const std::string& table_and_columns, CopyRows& rows) {
  if (rows.empty()) return Status::Ok();
  const std::string data = rows.Finish();
  const std::string what = "COPY " + table_and_columns.substr(0, table_and_columns.find(' '));
  PGresult* r = PQexec(c_, ("COPY " + table_and_columns + " FROM STDIN (FORMAT binary)").c_str());
  if (!r || PQresultStatus(r) != PGRES_COPY_IN) return Failure(what, r);
  PQclear(r);
  // Sent in 1 MB pieces; a blocking connection waits for room.
  constexpr size_t kPiece = 1 << 20;
  for (size_t at = 0; at < data.size(); at += kPiece) {
    const size_t n = std::min(kPiece, data.size() - at);
    if (PQputCopyData(c_, data.data() + at, static_cast<int>(n)) != 1) {
      return Failure(what, nullptr);
    }
  }
  if (PQputCopyEnd(c_, nullptr) != 1) return Failure(what, nullptr);
  Status s;
  while (PGresult* end = PQgetResult(c_)) {
    if (PQresultStatus(end) != PGRES_COMMAND_OK) {
      if (s.ok())
        s = Failure(what, end);
      else
        PQclear(end);
      continue;
    }
    PQclear(end);
  }
  return s;
}

// --- Transaction

Result<Transaction> Transaction::Begin(PgConnection* c, const std::string& begin) {
  PROVCHECK_RETURN_IF_ERROR(c->Exec(begin));
  return Transaction(c);
}

Transaction& Transaction::operator=(Transaction&& o) noexcept {
  if (this != &o) {
    (void)Rollback();
    c_ = o.c_;
    o.c_ = nullptr;
  }
  return *this;
}

Status Transaction::Commit() {
  if (!c_) return Status::Ok();
  PgConnection* c = c_;
  c_ = nullptr;
  return c->Exec("COMMIT");
}

Status Transaction::Rollback() {
  if (!c_) return Status::Ok();
  PgConnection* c = c_;
  c_ = nullptr;
  return c->Exec("ROLLBACK");
}

// --- Names

bool IsConninfo(std::string_view name) {
  for (std::string_view prefix : {"postgresql://", "postgres://",
                                  "service=", "host=", "hostaddr=", "dbname=", "user=", "port="}) {
    if (name.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

namespace {

// Redact, also collecting the passwords it replaced.
std::string RedactCollecting(std::string_view name, std::vector<std::string>* secrets);

}  // namespace

std::string Redact(std::string_view name) { return RedactCollecting(name, nullptr); }

std::string RedactMessage(std::string_view message, std::string_view conninfo) {
  std::vector<std::string> secrets;
  (void)RedactCollecting(conninfo, &secrets);
  std::string out = Redact(message);
  for (const std::string& secret : secrets) {
    if (secret.empty() || secret == "***") continue;
    for (size_t at; (at = out.find(secret)) != std::string::npos;)
      out.replace(at, secret.size(), "***");
  }
  return out;
}

namespace {

std::string RedactCollecting(std::string_view name, std::vector<std::string>* secrets) {
  std::string s(name);
  // URI user:password@host
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    const size_t at_scheme = s.find(scheme);
    if (at_scheme == std::string::npos) continue;
    const size_t start = at_scheme + scheme.size();
    size_t end = s.find_first_of("/?", start);
    if (end == std::string::npos) end = s.size();
    const size_t at = s.rfind('@', end);
    if (at != std::string::npos && at >= start) {
      const size_t colon = s.find(':', start);
      if (colon != std::string::npos && colon < at) {
        if (secrets) secrets->push_back(s.substr(colon + 1, at - colon - 1));
        s.replace(colon + 1, at - colon - 1, "***");
      }
    }
  }
  // password=VALUE (URI query parameter or key=value conninfo)
  size_t from = 0;
  while (true) {
    size_t p = s.find("password", from);
    if (p == std::string::npos) break;
    size_t q = p + 8;
    while (q < s.size() && s[q] == ' ') ++q;
    if (q >= s.size() || s[q] != '=') {
      from = p + 8;
      continue;
    }
    ++q;
    while (q < s.size() && s[q] == ' ') ++q;
    size_t v_end = q;
    if (q < s.size() && s[q] == '\'') {
      v_end = q + 1;
      while (v_end < s.size() && s[v_end] != '\'') v_end += s[v_end] == '\\' ? 2 : 1;
      v_end = std::min(s.size(), v_end + 1);
    } else {
      while (v_end < s.size() && s[v_end] != ' ' && s[v_end] != '&') ++v_end;
    }
    if (secrets) {
      std::string v = s.substr(q, v_end - q);
      if (v.size() >= 2 && v.front() == '\'' && v.back() == '\'') v = v.substr(1, v.size() - 2);
      secrets->push_back(v);
    }
    s.replace(q, v_end - q, "***");
    from = q + 3;
  }
  return s;
}

}  // namespace

}  // namespace provcheck::index::pg
