// The in-toto Statement v1 that a signed report carries
// (github.com/in-toto/attestation, spec/v1/statement.md):
//
//   {"_type": "https://in-toto.io/Statement/v1",
//    "subject": [{"name": <draft path>, "digest": {"sha256": <draft sha256>}}],
//    "predicateType": "https://provcheck.example/report/v1",
//    "predicate": <the provcheck.report/1 JSON report>}
//
// in canonical bytes (RFC 8785), so the same report always gives the same
// statement bytes. docs/report-format.md describes it with the envelope.
//
// Owns: building the statement from a report (or a report's JSON, for
// `provcheck sign`), and reading back the facts that `provcheck verify`
// prints and checks. Knows nothing of keys, signatures or envelopes (the
// sign stage wraps these bytes; the CLI joins the two).
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_REPORT_STATEMENT_H_
#define PROVCHECK_SRC_REPORT_STATEMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/report.h"
#include "provcheck/result.h"
#include "report/json_writer.h"

namespace provcheck::report {

inline constexpr char kStatementType[] = "https://in-toto.io/Statement/v1";
// Names the schema of the predicate, provcheck.report/1. An identifier, not
// a page to fetch: ".example" is reserved (RFC 2606) and never resolves, so
// no one can serve something else under it. A later schema gets /v2.
inline constexpr char kReportPredicateType[] = "https://provcheck.example/report/v1";

// Canonical statement bytes for `report` (no trailing newline).
std::string ReportToStatement(const Report& report);

// Canonical statement bytes for a report given as JSON (the bytes of the
// file `name`, one report as `scan --format json` writes it; whitespace and
// member order may differ, the statement is canonical). Fails with
// kInvalidInput naming `name` when the bytes are not strict JSON (duplicate
// keys included), not a provcheck.report/1 object, lack draft.path or a
// draft.sha256 of 64 hex digits, or hold integers beyond 2^53 (however
// written: 1e17 too, as its canonical form is 100000000000000000).
Result<std::string> ReportJsonToStatement(std::string_view name, std::string_view report_json);

// What a verified statement claims.
struct ReportStatementFacts {
  std::string subject_name;    // the draft path as scanned
  std::string subject_sha256;  // lower-case hex
  std::string created;         // RFC 3339
  std::string verdict;         // "pass" or "fail"
  std::vector<std::string> reasons;
  std::string tool_name, tool_version;
  std::string index_id, index_digest;
  uint64_t index_documents = 0;
  std::optional<std::string> rules_path, rules_sha256;  // none: built-in rules
};

// Reads `payload`, the statement bytes exactly as signed, after the
// signature has verified. Fails with kVerificationFailed naming `name` when
// they are not strict JSON or not a provcheck report statement: wrong _type
// or predicateType, not exactly one subject with a sha256 digest, a
// predicate whose schema is not provcheck.report/1, or whose draft path and
// sha256 disagree with the subject.
Result<ReportStatementFacts> ReadReportStatement(std::string_view name, std::string_view payload);

}  // namespace provcheck::report

#endif  // PROVCHECK_SRC_REPORT_STATEMENT_H_
