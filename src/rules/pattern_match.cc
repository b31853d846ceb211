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
  // The range alone is the subject, so ^ and $ anchor at its edges.
  const std::string_view range = text.substr(begin, end - begin);
  if (!re.Match(re2::StringPiece(range.data(), range.size()), 0, range.size(),
                whole ? RE2::ANCHOR_BOTH : RE2::UNANCHORED, sub.data(), n)) {
    return std::nullopt;
  }
  auto offset = [&](const re2::StringPiece& s) {
    return static_cast<size_t>(s.data() - text.data());
  };
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

std::vector<GroupSpan> FindAll(const Pattern& pattern, std::string_view text) {
  assert(pattern.re);
  std::vector<GroupSpan> out;
  const re2::StringPiece subject(text.data(), text.size());
  re2::StringPiece m;
  for (size_t at = 0; at <= text.size();) {
    if (!pattern.re->Match(subject, at, text.size(), RE2::UNANCHORED, &m, 1)) break;
    const auto begin = static_cast<size_t>(m.data() - text.data());
    const size_t end = begin + m.size();
    if (end > begin) out.push_back({begin, end});
    at = end > begin ? end : begin + 1;
  }
  return out;
}

}  // namespace provcheck::rules
