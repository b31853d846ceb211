#include "rules/assessor.h"

#include <algorithm>
#include <cassert>

#include "rules/article_structure.h"
#include "rules/credit_checks.h"
#include "rules/default_policy.h"
#include "rules/finding_builder.h"
#include "rules/reuse_policy.h"
#include "rules/verdict.h"

namespace provcheck::rules {
namespace {

bool Digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The publication year and where it came from, for messages.
std::pair<int, std::string> PublicationYear(const AssessInput& input) {
  if (std::optional<int> y = YearOfDate(input.date)) return {*y, "--date " + input.date};
  const std::string& own = input.article->meta.date;
  if (own.size() >= 4 && Digits(std::string_view(own).substr(0, 4)) &&
      (own.size() == 4 || own[4] == '-')) {
    return {std::stoi(own.substr(0, 4)), "the draft's date " + own};
  }
  const int year = YearOfDate(input.today).value_or(0);
  return {year, "today's date " + input.today};
}

void SortFindings(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
    if (a.draft.start != b.draft.start) return a.draft.start < b.draft.start;
    if (a.source.has_value() != b.source.has_value()) return a.source.has_value();
    if (a.source && a.source->id != b.source->id) return a.source->id < b.source->id;
    return a.rule < b.rule;
  });
}

}  // namespace

std::optional<int> YearOfDate(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  const std::string_view y = date.substr(0, 4), m = date.substr(5, 2), d = date.substr(8, 2);
  if (!Digits(y) || !Digits(m) || !Digits(d)) return std::nullopt;
  const int year = std::stoi(std::string(y));
  const int month = std::stoi(std::string(m));
  const int day = std::stoi(std::string(d));
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return std::nullopt;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return std::nullopt;
  return year;
}

void Assess(const RuleSet& rules, const AssessInput& input, Report* report) {
  assert(input.article != nullptr && input.lines != nullptr);
  const ArticleStructure structure(*input.article, rules);
  const FindingBuilder build(input.article->original, *input.lines, rules);
  ApplyReusePolicy({rules, structure, build, input.word_starts}, report);
  const auto [year, source] = PublicationYear(input);
  const CreditContext context{structure, rules, build, year, source};
  CheckCopyright(context, &report->findings);
  CheckBylines(context, &report->findings);
  CheckCaptions(context, &report->findings);
  SortFindings(&report->findings);
  DecideVerdict(input.fail_on, &rules, report);
}

void AssessBuiltIn(Severity fail_on, Report* report) {
  ApplyDefaultPolicy(*report);
  for (Finding& f : report->findings) {
    if (f.kind != FindingKind::kReuse || !f.source) continue;
    f.outcome = f.quoted ? Outcome::kQuoted : Outcome::kViolating;
    f.decided_by = "built-in";
  }
  // The built-in reasons stay as they are unless warnings fail too.
  if (fail_on != Severity::kError) DecideVerdict(fail_on, nullptr, report);
}

}  // namespace provcheck::rules
