// The assess stage: a report's reuse findings and a draft in; each finding's
// policy outcome, the credit findings and the verdict out.
//
// Owns: the order of the checks and the publication year. Knows nothing of
// how passages were found (align) or how the report is written (report).
//
// Thread-safety: pure functions of their arguments.
#ifndef PROVCHECK_SRC_RULES_ASSESSOR_H_
#define PROVCHECK_SRC_RULES_ASSESSOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/report.h"
#include "rules/rule_set.h"
#include "text/line_index.h"
#include "text/reader.h"

namespace provcheck::rules {

struct AssessInput {
  const text::Article* article = nullptr;  // the draft
  const text::LineIndex* lines = nullptr;  // of article->original
  std::vector<uint32_t> word_starts;       // original offset of each draft word
  std::string date;                        // --date YYYY-MM-DD; empty: not given
  std::string today;                       // YYYY-MM-DD, for the year policy's fallback
  Severity fail_on = Severity::kError;
};

// Applies `rules`: decides every reuse finding of `report` (reuse_policy.h),
// appends the credit findings (credit_checks.h), sorts the findings by
// draft position and decides the verdict (verdict.h). The publication year
// is that of input.date, else of the draft's own date field, else today's.
// REQUIRES: input.article and input.lines are set.
void Assess(const RuleSet& rules, const AssessInput& input, Report* report);

// The built-in rules (default_policy.h), with the verdict tightened when
// `fail_on` is kWarning.
void AssessBuiltIn(Severity fail_on, Report* report);

// The year of a strict YYYY-MM-DD date (a real calendar date), or nullopt.
std::optional<int> YearOfDate(std::string_view date);

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_ASSESSOR_H_
