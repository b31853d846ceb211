// The public face of the rules stage: provcheck::Rules.
#include "provcheck/rules.h"

#include "base/file_system.h"
#include "base/sha256.h"
#include "rules/rule_set.h"
#include "rules/rules_parser.h"

namespace provcheck {
namespace {

constexpr uint64_t kMaxRulesBytes = 16ULL << 20;

std::string FolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

Rules::Rules(std::string path, std::string sha256, std::unique_ptr<const rules::RuleSet> set)
    : path_(std::move(path)), sha256_(std::move(sha256)), set_(std::move(set)) {}

Rules::~Rules() = default;

Result<std::shared_ptr<const Rules>> Rules::Load(const std::string& path,
                                                 const RulesOptions& options) {
  PROVCHECK_ASSIGN_OR_RETURN(std::string bytes,
                             base::FileSystem::Default().ReadFile(path, kMaxRulesBytes));
  return Parse(path, bytes, options);
}

Result<std::shared_ptr<const Rules>> Rules::Parse(const std::string& path, std::string_view bytes,
                                                  const RulesOptions& options) {
  PROVCHECK_ASSIGN_OR_RETURN(rules::RuleSet set, rules::ParseRules(path, bytes, FolderOf(path),
                                                                   base::FileSystem::Default(),
                                                                   options.allow_outside_paths));
  return std::shared_ptr<const Rules>(new Rules(
      path, base::Sha256Hex(bytes), std::make_unique<const rules::RuleSet>(std::move(set))));
}

}  // namespace provcheck

namespace provcheck::rules {

const RuleSet& RuleSetOf(const Rules& rules) { return *rules.set_; }

}  // namespace provcheck::rules
