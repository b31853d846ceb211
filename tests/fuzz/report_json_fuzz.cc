// Fuzzes the two readers of report JSON (src/report/statement.h); every
// input goes to both:
//   - ReportJsonToStatement, behind `provcheck sign`: a report as
//     `scan --format json` writes it, to the canonical in-toto statement;
//   - ReadReportStatement, behind `provcheck verify`: a signed statement, to
//     the facts verify prints and checks against --draft, --index, --rules.
//
// Invariants:
//   - deterministic; a failure is kInvalidInput (sign) or
//     kVerificationFailed (verify) with a message starting with the name;
//   - accepted facts are in range: a subject sha256 of 64 lower-case hex
//     digits, a verdict of "pass" or "fail", a rules path and sha256 both
//     present or both absent, an index document count within 2^53;
//   - a statement made from a report is strict JSON, canonical (making it
//     again from its own predicate gives the same bytes), and names the
//     report's draft as its subject;
//   - re-serialising an accepted statement with the canonical writer (its
//     predicate through ReportJsonToStatement) gives a statement that
//     reads back to the same facts; the writer may refuse only an integer
//     beyond 2^53, which has no canonical form.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/json_document.h"
#include "fuzz_check.h"
#include "report/statement.h"

namespace {

using provcheck::Result;
using provcheck::StatusCode;
using provcheck::report::ReportStatementFacts;

constexpr char kName[] = "fuzz-report.json";
constexpr uint64_t kMaxSafeInteger = uint64_t{1} << 53;

bool StartsWithName(const std::string& message) {
  return message.compare(0, sizeof(kName) - 1, kName) == 0;
}

bool IsLowerHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool SameFacts(const ReportStatementFacts& a, const ReportStatementFacts& b) {
  return a.subject_name == b.subject_name && a.subject_sha256 == b.subject_sha256 &&
         a.created == b.created && a.verdict == b.verdict && a.reasons == b.reasons &&
         a.tool_name == b.tool_name && a.tool_version == b.tool_version &&
         a.index_id == b.index_id && a.index_digest == b.index_digest &&
         a.index_documents == b.index_documents && a.rules_path == b.rules_path &&
         a.rules_sha256 == b.rules_sha256;
}

// The predicate of a statement, as compact JSON text (simdjson's minify).
std::optional<std::string> Predicate(std::string_view statement) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(statement.data(), statement.size());
  simdjson::dom::element root, predicate;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) return std::nullopt;
  if (root["predicate"].get(predicate) != simdjson::SUCCESS) return std::nullopt;
  return simdjson::minify(predicate);
}

// The sign side: a report to a statement.
void CheckSign(std::string_view input) {
  Result<std::string> made = provcheck::report::ReportJsonToStatement(kName, input);
  Result<std::string> again = provcheck::report::ReportJsonToStatement(kName, input);
  FUZZ_CHECK(made.has_value() == again.has_value());
  if (!made) {
    FUZZ_CHECK(made.status().code() == StatusCode::kInvalidInput);
    FUZZ_CHECK(StartsWithName(made.status().message()));
    FUZZ_CHECK(made.status().message() == again.status().message());
    return;
  }
  FUZZ_CHECK(*made == *again);
  FUZZ_CHECK(provcheck::base::CheckStrictJson("statement", *made, 64).ok());
  std::optional<std::string> predicate = Predicate(*made);
  FUZZ_CHECK(predicate.has_value());
  Result<std::string> remade = provcheck::report::ReportJsonToStatement(kName, *predicate);
  FUZZ_CHECK(remade.has_value());
  FUZZ_CHECK(*remade == *made);  // canonical: a fixed point
  Result<ReportStatementFacts> facts = provcheck::report::ReadReportStatement(kName, *made);
  if (facts)
    FUZZ_CHECK(facts->subject_sha256.size() == 64);
  else
    FUZZ_CHECK(facts.status().code() == StatusCode::kVerificationFailed);
}

// The verify side: a statement to the facts verify relies on.
void CheckVerify(std::string_view input) {
  Result<ReportStatementFacts> facts = provcheck::report::ReadReportStatement(kName, input);
  Result<ReportStatementFacts> again = provcheck::report::ReadReportStatement(kName, input);
  FUZZ_CHECK(facts.has_value() == again.has_value());
  if (!facts) {
    FUZZ_CHECK(facts.status().code() == StatusCode::kVerificationFailed);
    FUZZ_CHECK(StartsWithName(facts.status().message()));
    FUZZ_CHECK(facts.status().message() == again.status().message());
    return;
  }
  FUZZ_CHECK(SameFacts(*facts, *again));
  FUZZ_CHECK(IsLowerHex64(facts->subject_sha256));
  FUZZ_CHECK(facts->verdict == "pass" || facts->verdict == "fail");
  FUZZ_CHECK(facts->rules_path.has_value() == facts->rules_sha256.has_value());
  FUZZ_CHECK(facts->index_documents <= kMaxSafeInteger);

  std::optional<std::string> predicate = Predicate(input);
  FUZZ_CHECK(predicate.has_value());
  Result<std::string> canonical = provcheck::report::ReportJsonToStatement(kName, *predicate);
  if (!canonical) {
    // The one thing sign refuses that verify reads past: an integer with no
    // canonical form, in a field verify does not use.
    FUZZ_CHECK(canonical.status().message().find("beyond 2^53") != std::string::npos);
    return;
  }
  Result<ReportStatementFacts> reread = provcheck::report::ReadReportStatement(kName, *canonical);
  FUZZ_CHECK(reread.has_value());
  FUZZ_CHECK(SameFacts(*facts, *reread));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > provcheck::fuzz::kMaxInputBytes) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckSign(input);
  CheckVerify(input);
  return 0;
}
