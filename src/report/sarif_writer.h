// The SARIF 2.1.0 form of one or more reports (OASIS Static Analysis
// Results Interchange Format, schema sarif-schema-2.1.0.json), shaped for
// GitHub code scanning: one run whose tool.driver lists the rules that
// fired, one result per finding with a physical location in the draft
// (region with start and end line and column, in Unicode code points, plus
// byte offset and length), a partial fingerprint that survives lines moving,
// and the matched source in relatedLocations and properties.
//
// Paths become URI references: a relative path stays relative (resolved
// against %SRCROOT%, the repository root or working directory), an absolute
// one becomes a file:// URI; bytes outside RFC 3986's unreserved set are
// percent-encoded, so spaces and names that are not UTF-8 survive.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_REPORT_SARIF_WRITER_H_
#define PROVCHECK_SRC_REPORT_SARIF_WRITER_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/report.h"
#include "report/json_writer.h"

namespace provcheck::report {

inline constexpr char kSarifVersion[] = "2.1.0";
inline constexpr char kSarifSchemaUri[] = "https://json.schemastore.org/sarif-2.1.0.json";
// The partialFingerprints key of a finding's identity (see SarifFingerprint).
inline constexpr char kSarifFingerprintKey[] = "provcheckFinding/v1";

// What SARIF's reportingDescriptor says about one rule.
struct RuleDescription {
  std::string id;
  std::string name;               // PascalCase, e.g. ReuseForbidden
  std::string short_description;  // one sentence
  std::string full_description;
  std::string help_text;  // plain text; also sent as Markdown
  Severity default_severity = Severity::kError;
};

// The built-in description of `rule_id` (reuse.forbidden, reuse.short,
// reuse.quoted), else a generic one made from the id and `kind`.
RuleDescription DescribeRule(std::string_view rule_id, FindingKind kind);

struct SarifOptions {
  // Descriptions that override the built-in ones (e.g. from a rules file).
  std::vector<RuleDescription> rules;
  // When not empty: an absolute folder (file:// URI or path) that relative
  // draft paths are relative to, written as originalUriBaseIds.%SRCROOT%.
  std::string source_root;
  // Errors met while producing `reports` (drafts that did not read), written
  // as tool execution notifications; any makes executionSuccessful false.
  std::vector<std::string> errors;
};

// The SARIF log for `reports`, in canonical JSON bytes (RFC 8785), no
// trailing newline. Several reports give one run with all their results.
std::string ReportsToSarif(std::span<const Report> reports, const SarifOptions& options);
JsonValue ReportsToSarifJson(std::span<const Report> reports, const SarifOptions& options);

// `path` as a URI reference: "./" prefixes dropped, every byte but
// A-Z a-z 0-9 - . _ ~ / percent-encoded; absolute paths as file:// URIs.
std::string PathToUri(std::string_view path);

// The identity of a finding across runs: hex SHA-256 of its rule, draft path,
// source id and draft text (not its line, so edits elsewhere keep it), with
// ":N" for the Nth repeat of the same passage in the draft.
std::string SarifFingerprint(const Report& report, const Finding& finding, int occurrence);

}  // namespace provcheck::report

#endif  // PROVCHECK_SRC_REPORT_SARIF_WRITER_H_
