#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "base/file_system.h"
#include "cli/commands.h"
#include "cli/draft_files.h"
#include "cli/exit_codes.h"
#include "provcheck/report_signing.h"
#include "provcheck/scan.h"
#include "provcheck/sign.h"

namespace provcheck::cli {
namespace {

constexpr uint64_t kMaxDraftBytes = 64ULL << 20;

// The working directory, for SARIF's %SRCROOT%; empty when unknown.
std::string CurrentDirectory() {
  std::string buf(4096, '\0');
  if (::getcwd(buf.data(), buf.size()) == nullptr) return {};
  buf.resize(std::strlen(buf.c_str()));
  return buf;
}

bool UseColour(ColourMode mode, bool to_stdout) {
  if (mode == ColourMode::kAlways) return true;
  if (mode == ColourMode::kNever || !to_stdout) return false;
  const char* no_colour = std::getenv("NO_COLOR");  // no-color.org
  if (no_colour != nullptr && *no_colour) return false;
  return ::isatty(STDOUT_FILENO) == 1;
}

// The draft named "-": standard input, up to `limit` bytes (a CMS pipes text in).
Result<std::string> ReadStandardInput(uint64_t limit) {
  std::string bytes;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    if (n == 0) return bytes;
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IOError(std::string("-: cannot read standard input: ") + std::strerror(errno));
    }
    if (bytes.size() + static_cast<uint64_t>(n) > limit) {
      return Status::ResourceLimit("-: standard input holds more than the draft limit of " +
                                   std::to_string(limit >> 20) + " MiB");
    }
    bytes.append(buf, static_cast<size_t>(n));
  }
}

// A draft entry: a path to scan, or the error that stands in its place.
struct DraftEntry {
  std::string path;
  Status error;
};

// A folder named as a draft stands for the drafts in it, picked as `ci` picks
// them: text, Markdown and HTML files, sorted, no dot-files, no symbolic links
// (a .json is an article record, scanned only when named itself).
std::vector<DraftEntry> ExpandFolders(const std::vector<std::string>& drafts) {
  base::FileSystem& fs = base::FileSystem::Default();
  std::vector<DraftEntry> out;
  for (const std::string& path : drafts) {
    if (path == "-" || fs.Kind(path) != base::PathKind::kDirectory) {
      out.push_back({path, Status::Ok()});
      continue;
    }
    std::vector<Status> unlisted;
    Result<std::vector<std::string>> files = fs.ListFilesRecursive(path, &unlisted);
    if (!files) {
      out.push_back({path, files.status()});
      continue;
    }
    const size_t before = out.size();
    for (const std::string& file : *files) {
      struct stat st;
      if (!IsTextDraft(file) || ::lstat(file.c_str(), &st) != 0 || S_ISLNK(st.st_mode)) continue;
      out.push_back({file, Status::Ok()});
    }
    for (Status& s : unlisted) out.push_back({path, std::move(s)});
    if (out.size() == before) {
      out.push_back({path, Status::InvalidInput(
                               path + ": a folder with no drafts in it (.txt .md .markdown "
                                      ".html .htm; a .json draft is scanned when named)")});
    }
  }
  return out;
}

}  // namespace

int RunScan(const ScanCommandOptions& options) { return ScanDrafts(options, nullptr); }

int ScanDrafts(const ScanCommandOptions& options, std::vector<DraftOutcome>* outcomes) {
  const bool colour = UseColour(options.colour, options.out.empty());
  const WriterOptions writer_options{
      options.format, options.brief, colour,
      options.draft_root.empty() ? CurrentDirectory() : options.draft_root};
  if (Status s = ValidateWriterOptions(writer_options); !s.ok()) return ReportError(s);
  std::optional<Format> forced;
  if (!options.input_format.empty()) {
    Result<Format> f = ParseFormatName(options.input_format);
    if (!f) return ReportError(f.status());
    forced = *f;
  }
  // --sign: the key is checked before any scanning.
  std::optional<SigningKey> sign_key;
  SigningOptions signing;
  signing.timestamp_url = options.sign_timestamp;
  if (!options.sign_key.empty()) {
    Result<SigningKey> key = SigningKey::Load(options.sign_key);
    if (!key) return ReportError(key.status());
    sign_key = std::move(key).value();
  }
  const auto stdin_drafts = std::count(options.drafts.begin(), options.drafts.end(), "-");
  if (stdin_drafts > 1) {
    return ReportError(Status::InvalidArgument("\"-\" (standard input) is named more than once"));
  }
  if (stdin_drafts == 1 && !forced) {
    return ReportError(Status::InvalidArgument(
        "-: standard input has no extension to tell its format; give --input-format text, "
        "markdown, html or json"));
  }
  Result<std::unique_ptr<Index>> index = Index::Open(options.index_dir, Index::Mode::kReadOnly);
  if (!index) return ReportError(index.status());
  ScanOptions scan_options;
  // --rules, --date, --fail-on: checked before any scanning.
  if (!options.rules.empty()) {
    Result<std::shared_ptr<const Rules>> rules =
        Rules::Load(options.rules, {.allow_outside_paths = options.allow_outside_paths});
    if (!rules) return ReportError(rules.status());
    scan_options.rules = std::move(rules).value();
  }
  scan_options.publication_date = options.date;
  scan_options.fail_on = options.fail_on;
  scan_options.nul_as_space = options.text;
  Result<std::unique_ptr<Scanner>> scanner = Scanner::Create(index->get(), scan_options);
  if (!scanner) return ReportError(scanner.status());

  ReportWriter writer(writer_options);
  std::string output;
  int exit_code = kExitPass;
  std::vector<DraftEntry> drafts;
  if (options.draft_root.empty()) {
    drafts = ExpandFolders(options.drafts);
  } else {  // ci: the drafts it picked, relative to draft_root
    for (const std::string& path : options.drafts) drafts.push_back({path, Status::Ok()});
  }
  for (const DraftEntry& entry : drafts) {
    const std::string& path = entry.path;
    // A draft that cannot be scanned: one error line, noted in the output.
    auto fail = [&](const Status& s) {
      writer.AddError(s);
      if (outcomes) {
        outcomes->push_back({path, DraftOutcome::State::kError, 0, 0, 0, 0, s.ToString()});
      }
      return ReportError(s);
    };
    if (!entry.error.ok()) {
      exit_code = std::max(exit_code, fail(entry.error));
      continue;
    }
    Result<Format> format = forced ? Result<Format>(*forced) : FormatFromPath(path);
    if (!format) {
      exit_code = std::max(exit_code, fail(format.status()));
      continue;
    }
    const std::string read_path =
        options.draft_root.empty() ? path : options.draft_root + "/" + path;
    Result<std::string> bytes = path == "-"
                                    ? ReadStandardInput(kMaxDraftBytes)
                                    : base::FileSystem::Default().ReadFile(read_path, kMaxDraftBytes);
    if (!bytes) {
      exit_code = std::max(exit_code, fail(bytes.status()));
      continue;
    }
    Result<Report> report = (*scanner)->Scan(path, *bytes, *format);
    if (!report) {
      exit_code = std::max(exit_code, fail(report.status()));
      continue;
    }
    if (!report->pass) exit_code = std::max(exit_code, kExitFail);
    if (outcomes) {
      outcomes->push_back({path,
                           report->pass ? DraftOutcome::State::kPass : DraftOutcome::State::kFail,
                           report->passages,
                           static_cast<uint32_t>(report->findings.size()),
                           report->draft_words,
                           report->reused_share,
                           {}});
    }
    if (sign_key) {
      // One DSSE envelope per line over the report's in-toto statement.
      Result<std::string> envelope = SignReport(*report, *sign_key, signing);
      if (!envelope) return ReportError(envelope.status());
      output += *envelope + "\n";
    } else {
      // Offsets of a .docx or .odt draft are into its document text.
      Result<std::string> shown = DocumentText(path, *bytes, *format);
      if (!shown) return ReportError(shown.status());
      output += writer.Add(*report, *shown);
    }
    if (options.out.empty()) {
      if (!options.quiet) WriteStdout(output);
      output.clear();
    }
  }
  if (!sign_key) output += writer.Finish();  // sarif, html: the whole document
  if (options.out.empty() && !options.quiet) WriteStdout(output);
  if (!options.out.empty()) {
    Status s = base::FileSystem::Default().WriteFileAtomically(options.out, output, 0644);
    if (!s.ok()) return ReportError(s);
  }
  return exit_code;
}

}  // namespace provcheck::cli
