// The source policies applied to reused passages.
#include "rules/reuse_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules_test_util.h"

namespace provcheck::rules {
namespace {

using testing::Assess;
using testing::MustParse;
using testing::ReadDraft;
using V = std::vector<std::string>;

constexpr char kRules[] = R"({"version": 1,
  "sources": {"default": "forbid", "publishers": [
    {"name": "Meridian Wire", "policy": "credit", "credit_patterns": ["\\bMeridian Wire\\b"]},
    {"name": "The Harbour Herald", "policy": "forbid"},
    {"name": "Bayside Weekly", "policy": "allow"},
    {"name": "Coastline Times", "policy": "credit"}]},
  "reuse": {"fail_words": 25}})";

constexpr char kPassage[] =
    "The Kestrel Bank project will consist of 64 turbines standing about 19 kilometres off the "
    "coast, each rated at 15 megawatts and reaching a tip height of 262 metres";

// A reuse finding over the first occurrence of `passage` in `draft`.
Finding Reuse(const testing::Draft& draft, const std::string& passage, const std::string& publisher,
              uint32_t words, bool quoted = false) {
  Finding f;
  f.kind = FindingKind::kReuse;
  const size_t at = draft.article.original.find(passage);
  EXPECT_NE(at, std::string::npos);
  f.draft.start = at;
  f.draft.end = at + passage.size();
  f.words = words;
  f.quoted = quoted;
  f.source = SourceSpan{};
  f.source->id = "src-1";
  f.source->title = "Title";
  f.source->publisher = publisher;
  return f;
}

Report Judge(const std::string& markdown, const std::string& publisher, uint32_t words = 30,
             bool quoted = false, const char* rules = kRules) {
  static testing::Draft draft;  // findings point into it; kept for the caller's checks
  draft = ReadDraft(markdown);
  Report report;
  report.findings.push_back(Reuse(draft, kPassage, publisher, words, quoted));
  return Assess(MustParse(rules), draft, std::move(report));
}

std::string Body(const std::string& byline, const std::string& after = "") {
  return "# Wind farm\n\n" + byline + "\n\n" + kPassage + after + ".\n\nMore of our own words.\n";
}

TEST(ReusePolicy, ACreditedWirePassageIsAllowed) {
  const Report r = Judge(Body("By Marnie Coultard, with Meridian Wire"), "Meridian Wire");
  ASSERT_EQ(r.findings.size(), 1u);
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.rule, "reuse.credited");
  EXPECT_EQ(f.outcome, Outcome::kCredited);
  EXPECT_EQ(f.decided_by, "$.sources.publishers[0]");
  EXPECT_TRUE(f.credited);
  EXPECT_EQ(f.severity, Severity::kNote);
  EXPECT_TRUE(r.pass);
}

TEST(ReusePolicy, ACreditRightAfterThePassageCounts) {
  const Report r = Judge(Body("By Marnie Coultard", ", Meridian Wire reported"), "Meridian Wire");
  EXPECT_EQ(r.findings[0].rule, "reuse.credited");
}

TEST(ReusePolicy, AnUncreditedWirePassageViolates) {
  const Report r = Judge(Body("By Marnie Coultard"), "Meridian Wire");
  const Finding& f = r.findings[0];
  EXPECT_EQ(f.rule, "reuse.uncredited");
  EXPECT_EQ(f.outcome, Outcome::kViolating);
  EXPECT_FALSE(f.credited);
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.message,
            "passage reused from a source that requires credit, without the credit: 30 words "
            "from \u201CTitle\u201D (Meridian Wire) without a credit matching \\bMeridian Wire\\b; "
            "policy credit at $.sources.publishers[0], failing at 25 words or more");
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(r.reasons, V{"1 error from rule reuse.uncredited: passage reused from a source "
                         "that requires credit, without the credit"});
}

TEST(ReusePolicy, ACreditInACaptionDoesNotCreditText) {
  const Report r = Judge("# Wind farm\n\n![m](m.jpg)\n*A mast. \u00A9 Meridian Wire*\n\nBy A\n\n" +
                             std::string(kPassage) + ".\n",
                         "Meridian Wire");
  EXPECT_EQ(r.findings[0].rule, "reuse.uncredited");
}

TEST(ReusePolicy, WithoutPatternsThePublishersNameCredits) {
  const Report r = Judge(Body("By A, with the Coastline  Times"), "Coastline Times");
  EXPECT_EQ(r.findings[0].rule, "reuse.credited");
}

TEST(ReusePolicy, AQuotedPassageIsAllowedFromAnySource) {
  const Report r = Judge(Body("By A"), "The Harbour Herald", 30, true);
  EXPECT_EQ(r.findings[0].rule, "reuse.quoted");
  EXPECT_EQ(r.findings[0].outcome, Outcome::kQuoted);
  EXPECT_EQ(r.findings[0].decided_by, "quotation marks");
  EXPECT_TRUE(r.pass);
}

TEST(ReusePolicy, AForbiddenSourceFailsFromFailWords) {
  const Report r = Judge(Body("By A"), "Harbour Herald");  // "The" is optional
  EXPECT_EQ(r.findings[0].rule, "reuse.forbidden");
  EXPECT_EQ(r.findings[0].decided_by, "$.sources.publishers[1]");
  const Report s = Judge(Body("By A"), "Harbour Herald", 24);
  EXPECT_EQ(s.findings[0].rule, "reuse.short");
  EXPECT_EQ(s.findings[0].severity, Severity::kWarning);
  EXPECT_TRUE(s.pass);
}

TEST(ReusePolicy, AnAllowedSourceIsANote) {
  const Report r = Judge(Body("By A"), "Bayside Weekly");
  EXPECT_EQ(r.findings[0].rule, "reuse.allowed");
  EXPECT_EQ(r.findings[0].outcome, Outcome::kAllowed);
}

TEST(ReusePolicy, AnUnknownPublisherGetsTheDefault) {
  const Report r = Judge(Body("By A"), "Someone Else");
  EXPECT_EQ(r.findings[0].rule, "reuse.forbidden");
  EXPECT_EQ(r.findings[0].decided_by, "$.sources.default");
}

TEST(ReusePolicy, PassagesUnderMinWordsAreDropped) {
  const Report r = Judge(Body("By A"), "Harbour Herald", 9);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.passages, 0u);
}

TEST(ReusePolicy, TooLargeAViolatingShareAddsAFinding) {
  const std::string rules =
      std::string(kRules).substr(0, std::string(kRules).size() - 2) + ", \"max_share\": 0.2}}";
  const Report r = Judge(Body("By A"), "Harbour Herald", 20, false, rules.c_str());
  ASSERT_EQ(r.findings.size(), 2u);
  EXPECT_EQ(r.findings[0].rule, "reuse.short");
  EXPECT_EQ(r.findings[1].rule, "reuse.share");
  EXPECT_EQ(r.findings[1].kind, FindingKind::kReuse);
  EXPECT_FALSE(r.findings[1].source);
  EXPECT_EQ(r.findings[1].severity, Severity::kError);
  EXPECT_FALSE(r.pass);
}

TEST(Verdict, FailOnWarningMakesWarningsFail) {
  const testing::Draft draft = ReadDraft(Body("By A"));
  Report report;
  report.findings.push_back(Reuse(draft, kPassage, "Harbour Herald", 20));
  const Report r = Assess(MustParse(kRules), draft, report, "", Severity::kWarning);
  EXPECT_FALSE(r.pass);
  EXPECT_EQ(r.reasons, V{"1 warning from rule reuse.short: short passage reused without "
                         "quotation marks or the credit its source requires"});
}

TEST(Verdict, BuiltInRulesKeepTheirReasons) {
  Report report;
  Finding f;
  f.kind = FindingKind::kReuse;
  f.words = 30;
  f.source = SourceSpan{};
  report.findings.push_back(f);
  f.words = 12;
  report.findings.push_back(f);
  Report strict = report;
  AssessBuiltIn(Severity::kError, &report);
  EXPECT_EQ(report.reasons, V{"1 passage of 25+ words reused without quotation marks (rule "
                              "reuse.forbidden)"});
  EXPECT_EQ(report.findings[0].outcome, Outcome::kViolating);
  EXPECT_EQ(report.findings[0].decided_by, "built-in");
  AssessBuiltIn(Severity::kWarning, &strict);
  EXPECT_EQ(strict.reasons.size(), 2u);
}

}  // namespace
}  // namespace provcheck::rules
