#include <unistd.h>

#include <cstdlib>

#include "base/file_system.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "provcheck/scan.h"
#include "report/report_json.h"
#include "report/statement.h"
#include "report/text_writer.h"
#include "sign/keys.h"

namespace provcheck::cli {
namespace {

constexpr uint64_t kMaxDraftBytes = 64ULL << 20;

bool UseColour(const std::string& mode, bool to_stdout) {
  if (mode == "always") return true;
  if (mode == "never" || !to_stdout) return false;
  const char* no_colour = std::getenv("NO_COLOR");  // no-color.org
  if (no_colour != nullptr && *no_colour) return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

}  // namespace

int RunScan(const ScanCommandOptions& options) {
  if (options.format != "text" && options.format != "json") {
    return ReportError(Status::InvalidArgument("--format " + options.format +
                                               ": expected one of text, json"));
  }
  std::optional<Format> forced;
  if (!options.input_format.empty()) {
    Result<Format> f = ParseFormatName(options.input_format);
    if (!f) return ReportError(f.status());
    forced = *f;
  }
  // --sign: the key is checked before any scanning.
  std::optional<sign::PrivateKey> sign_key;
  if (!options.sign_key.empty()) {
    Result<sign::PrivateKey> key = sign::PrivateKey::Load(options.sign_key);
    if (!key) return ReportError(key.status());
    sign_key = std::move(key).value();
  }
  Result<std::unique_ptr<Index>> index = Index::Open(options.index_dir, Index::Mode::kReadOnly);
  if (!index) return ReportError(index.status());
  ScanOptions scan_options;
  scan_options.tool_version = options.version;
  Result<std::unique_ptr<Scanner>> scanner = Scanner::Create(index->get(), scan_options);
  if (!scanner) return ReportError(scanner.status());

  const bool colour = UseColour(options.colour, options.out.empty());
  std::string output;
  int exit_code = kExitPass;
  for (const std::string& path : options.drafts) {
    Result<Format> format = forced ? Result<Format>(*forced) : FormatFromPath(path);
    if (!format) {
      exit_code = std::max(exit_code, ReportError(format.status()));
      continue;
    }
    Result<std::string> bytes = base::FileSystem::Default().ReadFile(path, kMaxDraftBytes);
    if (!bytes) {
      exit_code = std::max(exit_code, ReportError(bytes.status()));
      continue;
    }
    Result<Report> report = (*scanner)->Scan(path, *bytes, *format);
    if (!report) {
      exit_code = std::max(exit_code, ReportError(report.status()));
      continue;
    }
    if (!report->pass) exit_code = std::max(exit_code, kExitFail);
    if (sign_key) {
      // One DSSE envelope per line over the report's in-toto statement.
      Result<std::string> envelope = SignStatement(report::ReportToStatement(*report), *sign_key);
      if (!envelope) return ReportError(envelope.status());
      output += *envelope + "\n";
    } else if (options.format == "json") {
      output += report::ReportToCanonicalJson(*report) + "\n";  // JSON Lines
    } else {
      if (!output.empty()) output += "\n";
      output += report::ReportToText(*report, {colour});
    }
    if (options.out.empty()) {
      WriteStdout(output);
      output.clear();
    }
  }
  if (!options.out.empty()) {
    Status s = base::FileSystem::Default().WriteFileAtomically(options.out, output, 0644);
    if (!s.ok()) return ReportError(s);
  }
  return exit_code;
}

}  // namespace provcheck::cli
