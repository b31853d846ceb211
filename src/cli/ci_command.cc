// provcheck ci: scan the drafts added or changed in a git checkout since a
// base revision, print a summary per draft and one verdict.
//
// What counts as changed: `git diff BASE` against the working tree (so
// committed, staged and unstaged changes all count) plus untracked files
// that .gitignore does not exclude; deleted files are left out. In CI the
// working tree is the commit under test, so this is BASE..HEAD.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>

#include "base/file_system.h"
#include "base/utf8.h"
#include "cli/ci_config.h"
#include "cli/commands.h"
#include "cli/draft_files.h"
#include "cli/exit_codes.h"
#include "cli/process.h"
#include "provcheck/index.h"

namespace provcheck::cli {
namespace {

// The base the changes are measured from, and how it was chosen.
struct Base {
  std::string rev;          // a commit or tree id
  std::string description;  // "merge base with origin/main", "HEAD~1", ...
};

std::string CurrentDirectory() {
  std::string buf(4096, '\0');
  if (::getcwd(buf.data(), buf.size()) == nullptr) return ".";
  buf.resize(std::strlen(buf.c_str()));
  return buf;
}

std::string FirstLine(const std::string& s) {
  std::string line = s.substr(0, s.find('\n'));
  if (line.rfind("fatal: ", 0) == 0 || line.rfind("error: ", 0) == 0) line = line.substr(7);
  return line;
}

// Runs `git ARGS...`; a non-zero exit becomes kInvalidInput (or, with
// `quiet_failure`, an empty result with the exit code).
Result<ProcessOutput> Git(std::vector<std::string> args, bool quiet_failure = false) {
  args.insert(args.begin(), {"git", "-c", "core.quotePath=false"});
  PROVCHECK_ASSIGN_OR_RETURN(ProcessOutput run, RunProcess(args));
  if (run.exit_code != 0 && !quiet_failure) {
    std::string what = "git";
    for (size_t i = 3; i < args.size() && i < 6; ++i) what += " " + args[i];
    return Status::InvalidInput(
        "ci: " + what + " failed: " +
        (run.err.empty() ? "exit " + std::to_string(run.exit_code) : FirstLine(run.err)));
  }
  return run;
}

std::string TrimNewline(std::string s) {
  if (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

Result<Base> ResolveBase(const std::string& flag) {
  if (!flag.empty()) {
    if (flag[0] == '-') return Status::InvalidArgument("--base " + flag + ": expected a revision");
    PROVCHECK_ASSIGN_OR_RETURN(ProcessOutput run,
                               Git({"rev-parse", "--verify", "--quiet", flag + "^{commit}"}, true));
    if (run.exit_code != 0) {
      return Status::InvalidArgument("--base " + flag + ": not a commit in this repository");
    }
    return Base{TrimNewline(run.out), flag};
  }
  PROVCHECK_ASSIGN_OR_RETURN(
      ProcessOutput upstream,
      Git({"rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}"}, true));
  if (upstream.exit_code == 0) {
    PROVCHECK_ASSIGN_OR_RETURN(ProcessOutput mb, Git({"merge-base", "HEAD", "@{upstream}"}, true));
    if (mb.exit_code == 0) {
      return Base{TrimNewline(mb.out), "merge base with " + TrimNewline(upstream.out)};
    }
  }
  PROVCHECK_ASSIGN_OR_RETURN(ProcessOutput parent,
                             Git({"rev-parse", "--verify", "--quiet", "HEAD~1^{commit}"}, true));
  if (parent.exit_code == 0) return Base{TrimNewline(parent.out), "HEAD~1"};
  // A first commit, or none yet: everything in the work tree is new.
  PROVCHECK_ASSIGN_OR_RETURN(ProcessOutput empty, Git({"hash-object", "-t", "tree", "--stdin"}));
  return Base{TrimNewline(empty.out), "the empty tree (no earlier commit)"};
}

std::vector<std::string> SplitNul(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\0', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The files added or changed since `base`, relative to the repository root,
// sorted, each once.
Result<std::vector<std::string>> ChangedFiles(const Base& base,
                                              const std::vector<std::string>& pathspecs) {
  std::vector<std::string> diff = {"diff",
                                   "--name-only",
                                   "-z",
                                   "--no-renames",
                                   "--diff-filter=d",
                                   "--no-relative",
                                   "--no-ext-diff",
                                   "--ignore-submodules",
                                   base.rev,
                                   "--"};
  diff.insert(diff.end(), pathspecs.begin(), pathspecs.end());
  PROVCHECK_ASSIGN_OR_RETURN(ProcessOutput changed, Git(diff));
  std::vector<std::string> others = {"ls-files",    "--others", "--exclude-standard",
                                     "--full-name", "-z",       "--"};
  others.insert(others.end(), pathspecs.begin(), pathspecs.end());
  PROVCHECK_ASSIGN_OR_RETURN(ProcessOutput untracked, Git(others));
  std::set<std::string> files;
  for (std::string& f : SplitNul(changed.out)) files.insert(std::move(f));
  for (std::string& f : SplitNul(untracked.out)) files.insert(std::move(f));
  return std::vector<std::string>(files.begin(), files.end());
}

// `path` made absolute against `dir`.
std::string Absolute(const std::string& dir, const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  return dir + "/" + path;
}

// `path` with symbolic links and "." / ".." resolved, when it exists.
std::string RealPath(const std::string& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (real == nullptr) return path;
  std::string out = real;
  std::free(real);
  return out;
}

// Why `file` (relative to `root`) is not scanned, or empty when it is.
std::string SkipReason(const std::string& root, const std::string& file, bool selected,
                       const std::set<std::string>& own_files) {
  const bool json = IsJsonArticle(file);
  if (!IsTextDraft(file) && !(json && selected)) {
    return json ? "a .json file not selected by a pathspec" : "not a draft format";
  }
  const std::string full = root + "/" + file;
  if (own_files.count(RealPath(full))) return "provcheck's own configuration";
  struct stat st;
  if (::lstat(full.c_str(), &st) != 0) return "not in the work tree";
  if (S_ISLNK(st.st_mode)) return "a symbolic link";
  if (!S_ISREG(st.st_mode)) return "not a regular file";
  return {};
}

// A path .provcheck.json names as `member`: relative to the repository
// root and, unless `allow_outside`, inside it once resolved (no "..", no
// absolute path elsewhere, no symbolic link out), for the configuration
// comes with the change being checked. A path that does not exist yet must
// stay inside by its spelling alone.
Result<std::string> ConfigPath(const std::string& root, const std::string& value,
                               const std::string& member, bool allow_outside) {
  const std::string path = Absolute(root, value);
  if (allow_outside) return path;
  Result<std::string> inside = base::ResolveInside(base::FileSystem::Default(), root, value);
  if (inside) return path;
  bool climbs = value[0] == '/';
  for (size_t start = 0; start <= value.size() && !climbs;) {
    size_t slash = value.find('/', start);
    if (slash == std::string::npos) slash = value.size();
    climbs = value.compare(start, slash - start, "..") == 0;
    start = slash + 1;
  }
  if (inside.status().code() == StatusCode::kNotFound && !climbs) return path;
  return Status::InvalidInput(root + "/" + kCiConfigName + ": at $." + member + ": \"" + value +
                              "\" leads outside the repository root " + root +
                              ", expected a path inside it (--allow-outside-paths allows others)");
}

std::string Percent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", share * 100.0);
  return buf;
}

std::string Count(uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

struct Skipped {
  std::string path, reason;
};

std::string Summary(const Base& base, const std::vector<DraftOutcome>& outcomes,
                    const std::vector<Skipped>& skipped, int exit_code) {
  // Paths and messages come from the repository being checked: each has its
  // control characters escaped, so a file named "a\n::error ...::x.md"
  // cannot put a workflow command of its own into a CI log.
  const auto line = [](const std::string& s) { return base::EscapeControlCharacters(s); };
  std::string out = "provcheck ci: " + Count(outcomes.size(), "draft", "drafts") +
                    " added or changed since " + base.rev.substr(0, 12) + " (" +
                    line(base.description) + ")\n";
  size_t failed = 0, errors = 0;
  for (const DraftOutcome& o : outcomes) {
    switch (o.state) {
      case DraftOutcome::State::kPass:
        out += "  PASS   " + line(o.path) + "  ";
        break;
      case DraftOutcome::State::kFail:
        ++failed;
        out += "  FAIL   " + line(o.path) + "  ";
        break;
      case DraftOutcome::State::kError:
        ++errors;
        out += "  ERROR  " + line(o.path) + "  " + line(o.error) + "\n";
        continue;
    }
    out += Count(o.passages, "passage", "passages") + ", " + Percent(o.reused_share) + " of " +
           Count(o.words, "word", "words") + " reused";
    if (o.findings != o.passages)
      out += ", " + Count(o.findings, "finding", "findings") + " in all";
    out += "\n";
  }
  for (const Skipped& s : skipped) out += "  skip   " + line(s.path) + "  " + s.reason + "\n";
  std::string verdict = exit_code == kExitPass ? "PASS" : exit_code == kExitFail ? "FAIL" : "ERROR";
  out += "result: " + verdict;
  if (outcomes.empty()) {
    out += " (no drafts to scan)";
  } else {
    out += " (" + std::to_string(failed) + " of " + Count(outcomes.size(), "draft", "drafts") +
           " failed";
    if (errors) out += ", " + Count(errors, "error", "errors");
    out += ")";
  }
  return out + "\n";
}

}  // namespace

int RunCi(const CiOptions& options) {
  if (Status s = ValidateWriterOptions({options.scan.format, options.scan.brief}); !s.ok()) {
    return ReportError(s);
  }
  const std::string cwd = CurrentDirectory();
  Result<ProcessOutput> top = Git({"rev-parse", "--show-toplevel"}, true);
  if (!top) return ReportError(top.status());
  if (top->exit_code != 0) {
    return ReportError(
        Status::InvalidArgument("ci: not inside a git work tree (" + FirstLine(top->err) + ")"));
  }
  const std::string root = TrimNewline(top->out);

  Result<CiConfig> config = LoadCiConfig(root);
  if (!config) return ReportError(config.status());

  ScanCommandOptions scan = options.scan;
  // --index, else $PROVCHECK_INDEX, else the config's index, else .provcheck
  // at the repository root.
  const char* env_index = std::getenv("PROVCHECK_INDEX");
  if (!options.index_flag.empty()) {
    scan.index_dir = options.index_flag;
  } else if (env_index != nullptr && *env_index) {
    scan.index_dir = env_index;
  } else if (config->index && IsDatabaseIndexName(*config->index)) {
    scan.index_dir = *config->index;  // a PostgreSQL index: a connection, not a path
  } else {
    Result<std::string> index = ConfigPath(root, config->index.value_or(".provcheck"), "index",
                                           options.scan.allow_outside_paths);
    if (!index) return ReportError(index.status());
    scan.index_dir = *index;
  }
  std::string rules;  // --rules, else the config's rules; empty: built-in rules
  if (!options.rules_flag.empty()) {
    rules = Absolute(cwd, options.rules_flag);
  } else if (config->rules) {
    Result<std::string> path =
        ConfigPath(root, *config->rules, "rules", options.scan.allow_outside_paths);
    if (!path) return ReportError(path.status());
    rules = *path;
  }
  scan.rules = rules;

  // Pathspecs: the command line's (relative to here, as git reads them), else
  // the config's (relative to the root: git's :(top) magic).
  std::vector<std::string> pathspecs = options.pathspecs;
  bool selected = !pathspecs.empty();
  const bool config_selects = pathspecs.empty() && config->paths.has_value();
  if (pathspecs.empty() && config->paths) {
    for (const std::string& p : *config->paths) {
      pathspecs.push_back(p[0] == ':' ? p : ":(top)" + p);
    }
    selected = !pathspecs.empty();
  }

  Result<Base> base = ResolveBase(options.base);
  if (!base) return ReportError(base.status());
  Result<std::vector<std::string>> changed = ChangedFiles(*base, pathspecs);
  if (!changed) return ReportError(changed.status());

  std::set<std::string> own_files = {RealPath(root + "/" + kCiConfigName)};
  if (!rules.empty()) own_files.insert(RealPath(rules));
  std::vector<Skipped> skipped;
  scan.drafts.clear();
  for (const std::string& file : *changed) {
    std::string reason = SkipReason(root, file, selected, own_files);
    if (reason.empty()) {
      scan.drafts.push_back(file);
    } else {
      skipped.push_back({file, reason});
    }
  }
  if (config_selects) {
    // The configuration comes with the change: say which changed drafts its
    // "paths" leave out (a pull request could exclude every draft it adds
    // and pass), and whether it changed itself.
    Result<std::vector<std::string>> everything = ChangedFiles(*base, {});
    if (!everything) return ReportError(everything.status());
    const std::set<std::string> chosen(changed->begin(), changed->end());
    const bool config_changed =
        std::binary_search(everything->begin(), everything->end(), std::string(kCiConfigName));
    for (const std::string& file : *everything) {
      if (chosen.count(file) || !SkipReason(root, file, false, own_files).empty()) continue;
      skipped.push_back({file, std::string("excluded by the \"paths\" of ") + kCiConfigName +
                                   (config_changed ? ", which this change edits" : "")});
    }
  }
  scan.draft_root = root;

  std::vector<DraftOutcome> outcomes;
  int exit_code = kExitPass;
  ReportWriter empty({scan.format, scan.brief, false, root});
  if (scan.drafts.empty()) {
    // Nothing to scan: still an (empty) SARIF log or page, so that the step
    // uploading it finds one.
    std::string document = empty.Finish();
    if (!scan.out.empty()) {
      Status s = base::FileSystem::Default().WriteFileAtomically(scan.out, document, 0644);
      if (!s.ok()) return ReportError(s);
    } else if (!scan.quiet) {
      WriteStdout(document);
    }
  } else {
    exit_code = ScanDrafts(scan, &outcomes);
    // Nothing scanned at all (the index or the key did not open): the error
    // line says why; a summary would only repeat it.
    if (outcomes.empty()) return exit_code;
  }

  if (scan.quiet) return exit_code;
  const std::string summary = Summary(*base, outcomes, skipped, exit_code);
  if (empty.IsDocument() && scan.out.empty()) {
    std::fwrite(summary.data(), 1, summary.size(), stderr);
  } else {
    WriteStdout(
        (scan.format == OutputFormat::kText && !scan.brief && !outcomes.empty() ? "\n" : "") +
        summary);
  }
  return exit_code;
}

}  // namespace provcheck::cli
