// The credit checks: copyright line, bylines and "Additional reporting by",
// picture credits. Each appends findings of kind "credit" that point at the
// offending text, or at the place a missing line belongs.
//
// Owns: what each credit rule checks (rules/README.md lists them). Knows
// nothing of reuse or of how findings are printed.
//
// Thread-safety: pure functions of their arguments.
#ifndef PROVCHECK_SRC_RULES_CREDIT_CHECKS_H_
#define PROVCHECK_SRC_RULES_CREDIT_CHECKS_H_

#include <string>
#include <vector>

#include "provcheck/report.h"
#include "rules/article_structure.h"
#include "rules/finding_builder.h"
#include "rules/rule_set.h"

namespace provcheck::rules {

struct CreditContext {
  const ArticleStructure& structure;
  const RuleSet& rules;
  const FindingBuilder& build;
  int publication_year;
  std::string year_source;  // how it was chosen: "--date 2026-11-25", ...
};

// copyright.missing, .position, .format, .holder, .year (when enabled).
void CheckCopyright(const CreditContext& context, std::vector<Finding>* out);

// byline.missing, .format, .unknown and reporting.missing, .format,
// .unknown (when enabled).
void CheckBylines(const CreditContext& context, std::vector<Finding>* out);

// caption.credit and caption.agency (when enabled).
void CheckCaptions(const CreditContext& context, std::vector<Finding>* out);

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_CREDIT_CHECKS_H_
