// caption.credit and caption.agency.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules_test_util.h"

namespace provcheck::rules {
namespace {

using testing::Assess;
using testing::MustParse;
using testing::ReadDraft;
using testing::Where;
using V = std::vector<std::string>;

RuleSet Rules() {
  return MustParse(
      R"({"version": 1, "captions": {"agencies": ["Lumen Pictures", "Bayside Weekly"]}})");
}

std::string Draft(const std::string& caption) {
  return "# Headline\n\n![alt](a.jpg)\n" + caption + "\n\nBody.\n";
}

TEST(CaptionCheck, ACaptionWithAnAllowedCreditPasses) {
  EXPECT_EQ(Where(Assess(Rules(), ReadDraft(Draft("*The quay at dawn. \u00A9 Lumen Pictures*")))),
            V{});
}

TEST(CaptionCheck, ACaptionWithoutCreditIsReported) {
  const Report r = Assess(Rules(), ReadDraft(Draft("*The quay at dawn.*")));
  ASSERT_EQ(Where(r), V{"caption.credit@4:2"});
  EXPECT_EQ(r.findings[0].draft.text, "The quay at dawn.");
}

TEST(CaptionCheck, ACaptionCreditingAnotherAgencyPointsAtTheAgency) {
  const Report r = Assess(Rules(), ReadDraft(Draft("*The quay at dawn. \u00A9 Harbour Herald*")));
  ASSERT_EQ(Where(r), V{"caption.agency@4:22"});
  EXPECT_EQ(r.findings[0].draft.text, "Harbour Herald");
}

TEST(CaptionCheck, EveryCaptionIsChecked) {
  const Report r =
      Assess(Rules(), ReadDraft("# H\n\n![a](a.jpg)\n*One.*\n\n![b](b.jpg)\n"
                                "*Two. \u00A9 Bayside Weekly*\n\n![c](c.jpg)\n*Three.*\n"));
  EXPECT_EQ(Where(r), (V{"caption.credit@4:2", "caption.credit@10:2"}));
}

TEST(CaptionCheck, NoCreditIsFineWhenNotRequired) {
  const RuleSet rules = MustParse(R"({"version": 1, "captions": {"credit_required": false}})");
  EXPECT_EQ(Where(Assess(rules, ReadDraft(Draft("*The quay at dawn.*")))), V{});
}

TEST(CaptionCheck, ARuleTurnedOffReportsNothing) {
  const RuleSet rules = MustParse(R"({"version": 1, "captions": {},
      "rules": {"caption.credit": {"severity": "off"}}})");
  EXPECT_EQ(Where(Assess(rules, ReadDraft(Draft("*The quay at dawn.*")))), V{});
}

}  // namespace
}  // namespace provcheck::rules
