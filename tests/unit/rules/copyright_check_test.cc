// copyright.missing, .position, .format, .holder, .year.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/rule_catalog.h"
#include "rules_test_util.h"

namespace provcheck::rules {
namespace {

using testing::Assess;
using testing::MustParse;
using testing::ReadDraft;
using testing::Where;
using V = std::vector<std::string>;

RuleSet Rules() {
  return MustParse(R"({"version": 1, "copyright": {
      "pattern": "^Copyright (?P<holder>.+?) (?P<year>\\d{4})\\. All rights reserved\\.$",
      "holders": ["Bayside Weekly"]}})");
}

std::string Draft(const std::string& last_line, const std::string& date = "2026-11-20") {
  return "---\ndate: " + date + "\n---\n# Headline\n\nBody text.\n\n" + last_line + "\n";
}

TEST(CopyrightCheck, ACorrectLinePasses) {
  const Report r =
      Assess(Rules(), ReadDraft(Draft("Copyright Bayside Weekly 2026. All rights reserved.")));
  EXPECT_EQ(Where(r), V{});
  EXPECT_TRUE(r.pass);
}

TEST(CopyrightCheck, AMissingLineIsReportedWhereItBelongs) {
  const Report r = Assess(Rules(), ReadDraft("# Headline\n\nBody text.\n"));
  ASSERT_EQ(Where(r), V{"copyright.missing@4:1"});
  EXPECT_EQ(r.findings[0].draft.start, r.findings[0].draft.end);
  EXPECT_EQ(r.findings[0].kind, FindingKind::kCredit);
  EXPECT_EQ(r.findings[0].severity, Severity::kError);
  EXPECT_FALSE(r.pass);
}

TEST(CopyrightCheck, AMissingLineIsFineWhenNotRequired) {
  const RuleSet rules = MustParse(R"({"version": 1, "copyright": {"required": false}})");
  EXPECT_EQ(Where(Assess(rules, ReadDraft("# Headline\n\nBody text.\n"))), V{});
}

TEST(CopyrightCheck, AWrongYearPointsAtTheYear) {
  const Report r =
      Assess(Rules(), ReadDraft(Draft("Copyright Bayside Weekly 2025. All rights reserved.")));
  ASSERT_EQ(Where(r), V{"copyright.year@8:26"});
  EXPECT_EQ(r.findings[0].draft.text, "2025");
  EXPECT_EQ(r.findings[0].message,
            "the copyright year is not the publication year: found 2025, expected 2026 (the "
            "publication year, from the draft's date 2026-11-20)");
}

TEST(CopyrightCheck, TheDateFlagWinsOverTheDraftsDate) {
  const Report r =
      Assess(Rules(), ReadDraft(Draft("Copyright Bayside Weekly 2026. All rights reserved.")), {},
             "2027-01-04");
  ASSERT_EQ(Where(r), V{"copyright.year@8:26"});
  EXPECT_NE(
      r.findings[0].message.find("expected 2027 (the publication year, from --date 2027-01-04)"),
      std::string::npos);
}

TEST(CopyrightCheck, WithoutADateTodayDecides) {
  const Report r = Assess(
      Rules(), ReadDraft("# H\n\nBody.\n\nCopyright Bayside Weekly 2025. All rights reserved.\n"));
  ASSERT_EQ(Where(r), V{"copyright.year@5:26"});
  EXPECT_NE(r.findings[0].message.find("from today's date 2026-11-18"), std::string::npos);
}

TEST(CopyrightCheck, AnotherHolderPointsAtTheHolder) {
  const Report r =
      Assess(Rules(), ReadDraft(Draft("Copyright Harbour Herald 2026. All rights reserved.")));
  ASSERT_EQ(Where(r), V{"copyright.holder@8:11"});
  EXPECT_EQ(r.findings[0].draft.text, "Harbour Herald");
}

TEST(CopyrightCheck, AMalformedLineIsReportedWhole) {
  const Report r = Assess(Rules(), ReadDraft(Draft("Copyright 2026 Bayside Weekly")));
  ASSERT_EQ(Where(r), V{"copyright.format@8:1"});
  EXPECT_EQ(r.findings[0].draft.text, "Copyright 2026 Bayside Weekly");
}

TEST(CopyrightCheck, ALineBeforeTheEndIsOutOfPlace) {
  const Report r =
      Assess(Rules(), ReadDraft("---\ndate: 2026-01-01\n---\n# H\n\n"
                                "Copyright Bayside Weekly 2026. All rights reserved.\n\n"
                                "A late paragraph.\n"));
  EXPECT_EQ(Where(r), V{"copyright.position@6:1"});
}

TEST(CopyrightCheck, AnyYearWhenTheYearPolicyIsAny) {
  const RuleSet rules = MustParse(R"({"version": 1, "copyright": {"year": "any"}})");
  EXPECT_EQ(
      Where(Assess(rules, ReadDraft(Draft("Copyright Bayside Weekly 1999. All rights reserved.")))),
      V{});
}

}  // namespace
}  // namespace provcheck::rules
