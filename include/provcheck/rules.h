// Rules: a newsroom's rules file, loaded and checked, ready for a scan
// (ScanOptions::rules). rules/schema.json documents the file and
// rules/README.md explains it with a worked example.
//
// Thread-safety: immutable after loading; share freely between threads.
#ifndef PROVCHECK_INCLUDE_PROVCHECK_RULES_H_
#define PROVCHECK_INCLUDE_PROVCHECK_RULES_H_

#include <memory>
#include <string>
#include <string_view>

#include "provcheck/result.h"

namespace provcheck {

class Rules;
namespace rules {
struct RuleSet;  // the parsed content: internal (src/rules/rule_set.h)
const RuleSet& RuleSetOf(const Rules& rules);
}  // namespace rules

struct RulesOptions {
  // Let a roster file named by the rules file lie outside the rules file's
  // folder (an absolute path elsewhere, "..", a symbolic link leading out).
  // Off, the default: such a roster is refused, so a rules file from an
  // untrusted change cannot read other files (--allow-outside-paths).
  bool allow_outside_paths = false;
};

class Rules {
 public:
  // Reads the rules file at `path` and any roster file it names (relative
  // to the rules file's folder, and inside it unless options say
  // otherwise). Fails with kNotFound or kIOError naming `path` when it
  // cannot be read, and with kInvalidInput and one message
  // "PATH:LINE:COLUMN: what is wrong (at $.json.path: expected ...)" when
  // its content is not a valid rules file or a roster lies outside.
  static Result<std::shared_ptr<const Rules>> Load(const std::string& path,
                                                   const RulesOptions& options = {});

  // Parses `bytes` as the rules file `path` (for messages, the report and
  // locating roster files). Fails as Load.
  static Result<std::shared_ptr<const Rules>> Parse(const std::string& path, std::string_view bytes,
                                                    const RulesOptions& options = {});

  ~Rules();
  Rules(const Rules&) = delete;
  Rules& operator=(const Rules&) = delete;

  const std::string& path() const { return path_; }      // as given
  const std::string& sha256() const { return sha256_; }  // lower-case hex of the file's bytes
 private:
  friend const rules::RuleSet& rules::RuleSetOf(const Rules& rules);
  Rules(std::string path, std::string sha256, std::unique_ptr<const rules::RuleSet> set);

  std::string path_;
  std::string sha256_;
  std::unique_ptr<const rules::RuleSet> set_;
};

}  // namespace provcheck

#endif  // PROVCHECK_INCLUDE_PROVCHECK_RULES_H_
