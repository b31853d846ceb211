// The source policies applied to reused passages: each reuse finding gets
// its outcome (quoted, allowed, credited or violating), the rule and the
// rules-file entry that decided it, a severity and a message; and the draft
// gets a reuse.share finding when too much of it violates the policies.
//
// Order of decision: a passage inside quotation marks is quoted (allowed);
// otherwise its source's publisher policy ($.sources.publishers, else
// $.sources.default) decides: allow; credit (credited when a credit pattern
// matches the draft outside the passage, its captions and its copyright
// line); forbid. A violating passage of fail_words or more is an error
// (reuse.forbidden, reuse.uncredited), a shorter one a warning (reuse.short).
//
// Thread-safety: pure functions of their arguments.
#ifndef PROVCHECK_SRC_RULES_REUSE_POLICY_H_
#define PROVCHECK_SRC_RULES_REUSE_POLICY_H_

#include <cstdint>
#include <vector>

#include "provcheck/report.h"
#include "rules/article_structure.h"
#include "rules/finding_builder.h"
#include "rules/rule_set.h"

namespace provcheck::rules {

struct ReuseContext {
  const RuleSet& rules;
  const ArticleStructure& structure;
  const FindingBuilder& build;
  // The original byte offset where each draft word starts.
  const std::vector<uint32_t>& word_starts;
};

// Decides every reuse finding of `report` (words, quoted, source and draft
// span filled in; `credited` is recomputed), drops those whose rule is off
// or that are shorter than min_words, and appends reuse.share when due.
void ApplyReusePolicy(const ReuseContext& context, Report* report);

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_REUSE_POLICY_H_
