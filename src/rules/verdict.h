// The verdict: a draft fails when any finding is as severe as the fail-on
// level (error by default; `--fail-on warning` makes warnings fail it too).
//
// Thread-safety: a pure function.
#ifndef PROVCHECK_SRC_RULES_VERDICT_H_
#define PROVCHECK_SRC_RULES_VERDICT_H_

#include "provcheck/report.h"
#include "rules/rule_set.h"

namespace provcheck::rules {

// True when `severity` is at least as severe as `fail_on`.
bool Fails(Severity severity, Severity fail_on);

// Sets report->pass and report->reasons from the findings: one reason per
// failing rule, in the order the rules first fire, such as
//   "2 errors from rule reuse.forbidden: passage reused from a source whose
//    reuse is forbidden"
// with the rule's message from `rules` (the catalog's when null).
void DecideVerdict(Severity fail_on, const RuleSet* rules, Report* report);

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_VERDICT_H_
