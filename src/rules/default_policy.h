// The built-in rules that apply without a rules file (DESIGN.md, assess):
// every source is forbidden; a reused passage of 25 words or more that is
// not quoted fails the draft; shorter or quoted passages are reported but do
// not fail; no credit checks run.
//
// Owns: the rule ids, severities and messages of reuse findings, and the
// verdict. Knows nothing of how passages were found or how they are printed.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_RULES_DEFAULT_POLICY_H_
#define PROVCHECK_SRC_RULES_DEFAULT_POLICY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "provcheck/report.h"

namespace provcheck::rules {

inline constexpr uint32_t kDefaultFailWords = 25;

inline constexpr char kRuleForbiddenReuse[] = "reuse.forbidden";
inline constexpr char kRuleShortReuse[] = "reuse.short";
inline constexpr char kRuleQuotedReuse[] = "reuse.quoted";

// Sets rule, severity and message of each reuse finding in `report` (whose
// words, quoted, credited and source are filled in), then the verdict and
// its reasons.
void ApplyDefaultPolicy(Report& report);

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_DEFAULT_POLICY_H_
