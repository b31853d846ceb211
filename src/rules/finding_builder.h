// FindingBuilder: findings of the rules stage, placed in the draft.
//
// Owns: a rule's setting applied to a finding (severity, message, "off"),
// and byte offsets turned into a DraftSpan (line, column, text).
//
// Thread-safety: const methods may be shared; the draft must outlive it.
#ifndef PROVCHECK_SRC_RULES_FINDING_BUILDER_H_
#define PROVCHECK_SRC_RULES_FINDING_BUILDER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/report.h"
#include "rules/rule_set.h"
#include "text/line_index.h"

namespace provcheck::rules {

class FindingBuilder {
 public:
  // REQUIRES: `original`, `lines` (an index of `original`) and `rules`
  // outlive the builder.
  FindingBuilder(std::string_view original, const text::LineIndex& lines, const RuleSet& rules)
      : original_(original), lines_(lines), rules_(rules) {}

  // The span of original[start, end); an empty span points at `start`.
  DraftSpan Span(uint32_t start, uint32_t end) const;

  // The rule's message, then ": " and `detail` when not empty.
  std::string Message(std::string_view rule, const std::string& detail) const;

  // Appends a "credit" finding of `rule` at original[start, end) to `out`,
  // unless the rules file turned the rule off.
  void AddCredit(std::string_view rule, uint32_t start, uint32_t end, const std::string& detail,
                 std::vector<Finding>* out) const;

 private:
  std::string_view original_;
  const text::LineIndex& lines_;
  const RuleSet& rules_;
};

// `s` in curly quotes, for messages: “Tobias Wrenfeld”.
std::string Curly(std::string_view s);

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_FINDING_BUILDER_H_
