#include "rules/verdict.h"

#include <map>
#include <string>
#include <vector>

#include "rules/rule_catalog.h"

namespace provcheck::rules {
namespace {

int Rank(Severity s) {
  switch (s) {
    case Severity::kError:
      return 2;
    case Severity::kWarning:
      return 1;
    case Severity::kNote:
      return 0;
  }
  return 2;
}

}  // namespace

bool Fails(Severity severity, Severity fail_on) { return Rank(severity) >= Rank(fail_on); }

void DecideVerdict(Severity fail_on, const RuleSet* rules, Report* report) {
  struct Count {
    size_t errors = 0, warnings = 0;
  };
  std::vector<std::string> order;
  std::map<std::string, Count> counts;
  for (const Finding& f : report->findings) {
    if (!Fails(f.severity, fail_on)) continue;
    auto [it, inserted] = counts.try_emplace(f.rule);
    if (inserted) order.push_back(f.rule);
    (f.severity == Severity::kError ? it->second.errors : it->second.warnings)++;
  }
  report->pass = order.empty();
  report->reasons.clear();
  for (const std::string& rule : order) {
    const Count& c = counts[rule];
    std::string what;
    if (c.errors > 0) what = std::to_string(c.errors) + (c.errors == 1 ? " error" : " errors");
    if (c.warnings > 0) {
      what += (what.empty() ? "" : " and ") + std::to_string(c.warnings) +
              (c.warnings == 1 ? " warning" : " warnings");
    }
    std::string reason = what + " from rule " + rule;
    if (rules != nullptr && rules->settings.count(rule) != 0) {
      reason += ": " + rules->Setting(rule).message;
    } else if (const RuleInfo* info = FindRule(rule)) {
      reason += ": " + std::string(info->message);
    }
    report->reasons.push_back(std::move(reason));
  }
}

}  // namespace provcheck::rules
