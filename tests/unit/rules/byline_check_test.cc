// byline.missing, .format, .unknown and reporting.missing, .format, .unknown.
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

RuleSet Rules(const std::string& reporting_required = "false") {
  return MustParse(R"({"version": 1, "bylines": {
      "roster": {"names": ["Marnie Coultard", "Tobias Wrenfield", "Maeve O'Dowd"]},
      "agencies": ["Meridian Wire"],
      "reporting": {"required": )" +
                   reporting_required + R"(}},
      "rules": {"reporting.unknown": {"severity": "warning"}}})");
}

std::string Draft(const std::string& byline, const std::string& reporting = "") {
  return "# Headline\n\nStandfirst.\n\n" + byline + "\n\nBody text of the story.\n\n" +
         (reporting.empty() ? "" : reporting + "\n");
}

TEST(BylineCheck, AKnownNamePasses) {
  EXPECT_EQ(Where(Assess(Rules(), ReadDraft(Draft("By **Marnie Coultard** in Kestrel Bay")))), V{});
}

TEST(BylineCheck, AMissingBylineIsReportedBeforeTheBody) {
  const Report r =
      Assess(Rules(), ReadDraft("# Headline\n\nStandfirst.\n\nBody text of the story.\n"));
  EXPECT_EQ(Where(r), V{"byline.missing@3:1"});
}

TEST(BylineCheck, AnUnknownNamePointsAtTheName) {
  const Report r = Assess(Rules(), ReadDraft(Draft("By **Marnie Coultard** in Kestrel Bay and "
                                                   "**Tobias Wrenfeld** in Port Ellery")));
  ASSERT_EQ(Where(r), V{"byline.unknown@5:45"});
  EXPECT_EQ(r.findings[0].draft.text, "Tobias Wrenfeld");
  EXPECT_EQ(r.findings[0].message,
            "a byline names someone who is not on the staff roster: \u201CTobias Wrenfeld\u201D "
            "(not in the roster, nor an accepted agency)");
}

TEST(BylineCheck, TwoBylinesJoinedByAndAreBothChecked) {
  EXPECT_EQ(Where(Assess(Rules(), ReadDraft(Draft("By **Maeve O\u2019Dowd** in Kestrel Bay and "
                                                  "**Tobias Wrenfield** in Port Ellery")))),
            V{});
  EXPECT_EQ(Where(Assess(Rules(), ReadDraft(Draft("By Ann Other and Bo Lee")))),
            (V{"byline.unknown@5:4", "byline.unknown@5:18"}));
}

TEST(BylineCheck, AnAgencyIsAcceptedBesideStaff) {
  EXPECT_EQ(Where(Assess(Rules(), ReadDraft(Draft("By **Marnie Coultard** in Kestrel Bay, with "
                                                  "Meridian Wire")))),
            V{});
}

TEST(BylineCheck, AMalformedBylineIsReportedWhole) {
  const RuleSet rules = MustParse(R"({"version": 1, "bylines": {
      "byline": {"detect": "(?i)^by\\b", "pattern": "^By (?P<names>\\S.*)$"}}})");
  EXPECT_EQ(Where(Assess(rules, ReadDraft(Draft("BY: Marnie Coultard")))), V{"byline.format@5:1"});
}

TEST(ReportingCheck, SeveralNamesAreEachChecked) {
  const Report ok = Assess(
      Rules(),
      ReadDraft(Draft("By Marnie Coultard",
                      "Additional reporting by Tobias Wrenfield, Maeve O'Dowd and Meridian Wire")));
  EXPECT_EQ(Where(ok), V{});
  const Report r = Assess(
      Rules(), ReadDraft(Draft("By Marnie Coultard",
                               "Additional reporting by Tobias Wrenfield, Jo Nobody and Al Else")));
  ASSERT_EQ(Where(r), (V{"reporting.unknown@9:43", "reporting.unknown@9:57"}));
  EXPECT_EQ(r.findings[0].severity, Severity::kWarning);
  EXPECT_TRUE(r.pass);  // warnings do not fail by default
}

TEST(ReportingCheck, AMalformedLineIsReported) {
  EXPECT_EQ(Where(Assess(Rules(), ReadDraft(Draft("By Marnie Coultard",
                                                  "Additional reporting: Tobias Wrenfield")))),
            V{"reporting.format@9:1"});
  EXPECT_EQ(
      Where(Assess(Rules(), ReadDraft(Draft("By Marnie Coultard",
                                            "Additional reporting by Tobias Wrenfield and")))),
      V{"reporting.format@9:1"});
}

TEST(ReportingCheck, AMissingLineCountsOnlyWhenRequired) {
  EXPECT_EQ(Where(Assess(Rules(), ReadDraft(Draft("By Marnie Coultard")))), V{});
  EXPECT_EQ(Where(Assess(Rules("true"), ReadDraft(Draft("By Marnie Coultard")))),
            V{"reporting.missing@8:1"});
}

}  // namespace
}  // namespace provcheck::rules
