// Matching a rules file's RE2 patterns and reading their named groups as
// offsets into the matched text.
//
// Thread-safety: pure functions (RE2 is thread-safe).
#ifndef PROVCHECK_SRC_RULES_PATTERN_MATCH_H_
#define PROVCHECK_SRC_RULES_PATTERN_MATCH_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_set.h"

namespace provcheck::rules {

// A named group that took part in a match: text[begin, end).
struct GroupSpan {
  size_t begin = 0, end = 0;
};

struct PatternMatch {
  size_t begin = 0, end = 0;                // the whole match
  std::map<std::string, GroupSpan> groups;  // named groups that matched
  // The group's span, if it took part.
  std::optional<GroupSpan> Group(const std::string& name) const;
};

// Matches `pattern` against all of text[begin, end) (`whole`) or finds its
// first match in it, the range being the whole subject (^ and $ match at
// its edges); nullopt when it does not match. Offsets are into `text`.
// REQUIRES: pattern.re is set; begin <= end <= text.size().
std::optional<PatternMatch> Match(const Pattern& pattern, std::string_view text, size_t begin,
                                  size_t end, bool whole);

// Every non-overlapping, non-empty match of `pattern` in `text`, left to
// right, as [begin, end) offsets (^, $ and \b see all of `text`).
// REQUIRES: pattern.re is set.
std::vector<GroupSpan> FindAll(const Pattern& pattern, std::string_view text);

inline std::optional<PatternMatch> MatchWhole(const Pattern& p, std::string_view text) {
  return Match(p, text, 0, text.size(), true);
}
inline std::optional<PatternMatch> Search(const Pattern& p, std::string_view text) {
  return Match(p, text, 0, text.size(), false);
}

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_PATTERN_MATCH_H_
