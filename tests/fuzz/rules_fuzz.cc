// Fuzzes the rules-file parser behind provcheck::Rules::Parse
// (rules::ParseRules, called with an in-memory file system so a fuzzed
// roster "file" never reaches the disk: only "staff.txt" exists).
//
// Invariants:
//   - deterministic: the same bytes give the same outcome and message;
//   - a failure is kInvalidInput with a message starting with the name;
//   - whatever the parser accepts, the strict JSON gate accepts too (the
//     gate runs first; nothing may slip past it);
//   - the public Rules::Parse agrees with the internal parser on inputs that
//     name no roster file;
//   - no file outside the rules file's folder is ever read (issue 16: a
//     roster "../../etc/passwd", "/etc/shadow" or one through a link is
//     refused before reading); here every path exists, resolved lexically.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/file_system.h"
#include "base/json_document.h"
#include "fuzz_check.h"
#include "provcheck/rules.h"
#include "rules/rules_parser.h"

namespace {

constexpr char kName[] = "fuzz-rules.json";
constexpr char kBaseDir[] = "/provcheck-fuzz-rules";

// Serves one roster file from memory and nothing else.
class MemoryFileSystem : public provcheck::base::FileSystem {
 public:
  provcheck::base::PathKind Kind(const std::string& path) override {
    return path == kRoster ? provcheck::base::PathKind::kFile : provcheck::base::PathKind::kMissing;
  }
  provcheck::Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) override {
    read.push_back(path);
    if (path != kRoster) return provcheck::Status::NotFound(path + ": no such file");
    std::string bytes = "# staff\nMarnie Coultard\nTobias Wrenfield\n";
    if (bytes.size() > max_bytes) return provcheck::Status::ResourceLimit(path + ": too large");
    return bytes;
  }
  provcheck::Result<std::vector<std::string>> ListFilesRecursive(
      const std::string& dir, std::vector<provcheck::Status>*) override {
    return provcheck::Status::NotFound(dir + ": no such folder");
  }
  provcheck::Status CreateDirectories(const std::string& dir) override {
    return provcheck::Status::IOError(dir + ": read-only");
  }
  provcheck::Result<std::unique_ptr<provcheck::base::WritableFile>> NewWritableFile(
      const std::string& path, uint32_t) override {
    return provcheck::Status::IOError(path + ": read-only");
  }
  provcheck::Status RenameFile(const std::string&, const std::string& to) override {
    return provcheck::Status::IOError(to + ": read-only");
  }
  provcheck::Status RemoveFile(const std::string& path) override {
    return provcheck::Status::IOError(path + ": read-only");
  }
  provcheck::Result<std::vector<std::string>> ListFolder(const std::string& dir) override {
    return provcheck::Status::NotFound(dir + ": no such folder");
  }
  // Every absolute path "exists" and none is a link: "." and ".." resolved
  // by spelling. Relative paths start at "/" (no working directory here).
  provcheck::Result<std::string> RealPath(const std::string& path) override {
    std::vector<std::string> parts;
    for (size_t start = 0; start <= path.size();) {
      size_t slash = path.find('/', start);
      if (slash == std::string::npos) slash = path.size();
      const std::string part = path.substr(start, slash - start);
      if (part == "..") {
        if (!parts.empty()) parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.push_back(part);
      }
      start = slash + 1;
    }
    std::string out;
    for (const std::string& p : parts) out += "/" + p;
    return out.empty() ? "/" : out;
  }

  std::vector<std::string> read;  // every path ReadFile was asked for

 private:
  static constexpr char kRoster[] = "/provcheck-fuzz-rules/staff.txt";
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > provcheck::fuzz::kMaxInputBytes) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string name = std::string(kBaseDir) + "/" + kName;
  MemoryFileSystem fs;
  provcheck::Result<provcheck::rules::RuleSet> parsed =
      provcheck::rules::ParseRules(name, input, kBaseDir, fs);
  provcheck::Result<provcheck::rules::RuleSet> again =
      provcheck::rules::ParseRules(name, input, kBaseDir, fs);
  FUZZ_CHECK(parsed.has_value() == again.has_value());
  for (const std::string& path : fs.read) {
    FUZZ_CHECK(path.compare(0, sizeof(kBaseDir), std::string(kBaseDir) + "/") == 0);
  }
  if (!parsed) {
    const provcheck::Status& s = parsed.status();
    FUZZ_CHECK(s.code() == provcheck::StatusCode::kInvalidInput);
    FUZZ_CHECK(s.message().compare(0, name.size() + 1, name + ":") == 0);
    // Not checked: one line. Keys and paths are quoted with control
    // characters escaped, but RE2's error for a pattern holding a line
    // break quotes the pattern raw; the CLI flattens it when printing.
    FUZZ_CHECK(s.message() == again.status().message());
  } else {
    FUZZ_CHECK(
        provcheck::base::CheckStrictJson(name, input, provcheck::rules::kMaxRulesDepth).ok());
  }
  // The public entry point reads rosters from the real disk; compare only
  // when the input cannot name one.
  if (input.find("roster") == std::string_view::npos &&
      input.find("\\u") == std::string_view::npos) {
    provcheck::Result<std::shared_ptr<const provcheck::Rules>> pub =
        provcheck::Rules::Parse(name, input);
    FUZZ_CHECK(pub.has_value() == parsed.has_value());
    if (!pub) FUZZ_CHECK(pub.status().message() == parsed.status().message());
  }
  return 0;
}
