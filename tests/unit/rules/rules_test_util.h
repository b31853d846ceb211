// Helpers for the rules stage's tests: parse a rules file from a string,
// read a draft, run the assess stage on it.
#ifndef PROVCHECK_TESTS_UNIT_RULES_RULES_TEST_UTIL_H_
#define PROVCHECK_TESTS_UNIT_RULES_RULES_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/file_system.h"
#include "provcheck/report.h"
#include "rules/assessor.h"
#include "rules/rule_set.h"
#include "rules/rules_parser.h"
#include "text/line_index.h"
#include "text/reader.h"

namespace provcheck::rules::testing {

inline RuleSet MustParse(std::string_view json, const std::string& base_dir = "") {
  Result<RuleSet> set = ParseRules("rules.json", json, base_dir, base::FileSystem::Default());
  EXPECT_TRUE(set.has_value()) << set.error().ToString();
  return set.has_value() ? std::move(set).value() : DefaultRuleSet();
}

// The one-line message a bad rules file gets.
inline std::string ParseError(std::string_view json, const std::string& base_dir = "") {
  Result<RuleSet> set = ParseRules("rules.json", json, base_dir, base::FileSystem::Default());
  EXPECT_FALSE(set.has_value());
  if (set.has_value()) return "<parsed>";
  EXPECT_EQ(set.error().code(), StatusCode::kInvalidInput);
  return set.error().message();
}

struct Draft {
  text::Article article;
  std::unique_ptr<text::LineIndex> lines;
};

inline Draft ReadDraft(std::string_view bytes, Format format = Format::kMarkdown) {
  Draft d;
  Result<std::vector<text::Article>> read = text::ReadArticles("draft", bytes, format);
  EXPECT_TRUE(read.has_value()) << read.error().ToString();
  if (read.has_value() && read->size() == 1) d.article = std::move((*read)[0]);
  d.lines = std::make_unique<text::LineIndex>(d.article.original);
  return d;
}

// Runs the assess stage on `draft` with `report`'s reuse findings; returns
// the report.
inline Report Assess(const RuleSet& rules, const Draft& draft, Report report = {},
                     const std::string& date = "", Severity fail_on = Severity::kError) {
  AssessInput input;
  input.article = &draft.article;
  input.lines = draft.lines.get();
  input.date = date;
  input.today = "2026-11-18";
  input.fail_on = fail_on;
  // One word per whitespace-separated run, enough for shares.
  const std::string& o = draft.article.original;
  for (size_t i = 0; i < o.size(); ++i) {
    if (o[i] != ' ' && o[i] != '\n' && (i == 0 || o[i - 1] == ' ' || o[i - 1] == '\n')) {
      input.word_starts.push_back(static_cast<uint32_t>(i));
    }
  }
  if (report.draft_words == 0) report.draft_words = static_cast<uint32_t>(input.word_starts.size());
  rules::Assess(rules, input, &report);
  return report;
}

// "rule@line:column" for each finding, in order: compact expectations.
inline std::vector<std::string> Where(const Report& report) {
  std::vector<std::string> out;
  for (const Finding& f : report.findings) {
    out.push_back(f.rule + "@" + std::to_string(f.draft.line) + ":" +
                  std::to_string(f.draft.column));
  }
  return out;
}

}  // namespace provcheck::rules::testing

#endif  // PROVCHECK_TESTS_UNIT_RULES_RULES_TEST_UTIL_H_
