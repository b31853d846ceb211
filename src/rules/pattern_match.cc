#include "rules/pattern_match.h"

#include <re2/re2.h>

#include <cassert>
#include <vector>

namespace provcheck::rules {

std::optional<GroupSpan> PatternMatch::Group(const std::string& name) const {
  auto it = groups.find(name);
  if (it == groups.end()) return std::nullopt;
  return it->second;
}

std::optional<PatternMatch> Match(const Pattern& pattern, std::string_view text, size_t begin,
                                  size_t end, bool whole) {
  assert(pattern.re && begin <= end && end <= text.size());
  const RE2& re = *pattern.re;
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> sub(static_cast<size_t>(n));
  if (!re.Match(re2::StringPiece(text.data(), text.size()), begin, end,
                whole ? RE2::ANCHOR_BOTH : RE2::UNANCHORED, sub.data(), n)) {
    return std::nullopt;
  }
  auto offset = [&](const re2::StringPiece& s) { return static_cast<size_t>(s.data() - text.data()); };
  PatternMatch m;
  m.begin = offset(sub[0]);
  m.end = m.begin + sub[0].size();
  for (const auto& [name, index] : re.NamedCapturingGroups()) {
    const re2::StringPiece& s = sub[static_cast<size_t>(index)];
    if (s.data() == nullptr) continue;  // the group did not take part
    m.groups[name] = {offset(s), offset(s) + s.size()};
  }
  return m;
}

}  // namespace provcheck::rules
