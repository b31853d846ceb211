#include "report/statement.h"

#include <gtest/gtest.h>

#include "report/report_json.h"

namespace provcheck::report {
namespace {

constexpr char kSha[] = "10ed3158efb5cdbc04ff064548d415e226dce62dc206e6b328d3a7f85f3b698b";

Report SampleReport() {
  Report r;
  r.tool_version = "0.1.0";
  r.created = "2026-11-24T09:30:00Z";
  r.draft_path = "drafts/a.md";
  r.draft_sha256 = kSha;
  r.draft_bytes = 120;
  r.draft_words = 20;
  r.index_id = "0123456789abcdef0123456789abcdef";
  r.index_digest = "sha256:" + std::string(64, 'e');
  r.index_documents = 3;
  r.pass = false;
  r.reasons = {"an unquoted passage of 30 words"};
  r.reused_share = 0.5;
  r.passages = 1;
  return r;
}

TEST(Statement, WrapsReportAsInTotoStatement) {
  const Report r = SampleReport();
  EXPECT_EQ(
      ReportToStatement(r),
      "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicate\":" + ReportToCanonicalJson(r) +
          ",\"predicateType\":\"https://provcheck.example/report/v1\",\"subject\":[{"
          "\"digest\":{\"sha256\":\"" +
          kSha + "\"},\"name\":\"drafts/a.md\"}]}");
}

TEST(Statement, ReportJsonGivesTheSameStatement) {
  const Report r = SampleReport();
  Result<std::string> s = ReportJsonToStatement("r.json", ReportToCanonicalJson(r) + "\n");
  ASSERT_TRUE(s) << s.status().ToString();
  EXPECT_EQ(*s, ReportToStatement(r));
}

TEST(Statement, RecanonicalisesReorderedReportJson) {
  const Report r = SampleReport();
  const std::string canonical = ReportToCanonicalJson(r);
  // The same report, members moved and spaced out.
  std::string moved = canonical;
  const std::string schema = "\"schema\":\"provcheck.report/1\",";
  moved.erase(moved.find(schema), schema.size());
  moved.insert(1, "\n  \"schema\" : \"provcheck.report/1\" ,\n  ");
  ASSERT_NE(moved, canonical);
  Result<std::string> s = ReportJsonToStatement("r.json", moved);
  ASSERT_TRUE(s) << s.status().ToString();
  EXPECT_EQ(*s, ReportToStatement(r));
}

TEST(Statement, RejectsReportJsonThatIsNotAReport) {
  const std::string canonical = ReportToCanonicalJson(SampleReport());
  Result<std::string> dup = ReportJsonToStatement("r.json", "{\"a\":1,\"a\":1}");
  EXPECT_EQ(dup.status().message(), "r.json:1:8: duplicate key \"a\" in $ (first at 1:2)");
  EXPECT_EQ(ReportJsonToStatement("r.json", "{}").status().message(),
            "r.json: not a provcheck report: expected \"schema\": \"provcheck.report/1\"");
  std::string no_sha = canonical;
  no_sha.replace(no_sha.find(kSha), 64, "xyz");
  EXPECT_EQ(ReportJsonToStatement("r.json", no_sha).status().message(),
            "r.json: not a provcheck report: expected \"draft\" with \"path\" and a hex "
            "\"sha256\"");
  std::string big = canonical;
  big.replace(big.find("\"bytes\":120"), 11, "\"bytes\":18446744073709551615");
  EXPECT_EQ(ReportJsonToStatement("r.json", big).status().message(),
            "r.json: integer 18446744073709551615 is beyond 2^53 and has no canonical JSON "
            "form");
  Result<std::string> two = ReportJsonToStatement("r.json", canonical + "\n" + canonical);
  EXPECT_EQ(two.status().code(), StatusCode::kInvalidInput);
}

// Found by tests/fuzz/report_json_fuzz.cc: 2.31e19 was accepted and printed
// canonically as 23100000000000000000, which no reader (sign included) could
// then parse back. A number with an integer value beyond 2^53 is refused
// however it is written; one printed with an exponent still passes.
TEST(Issue8, ReportNumberWhoseCanonicalFormIsAnIntegerBeyond2To53IsRefused) {
  const std::string canonical = ReportToCanonicalJson(SampleReport());
  for (const char* number : {"231e17", "1e17", "-9007199254740994.0"}) {
    SCOPED_TRACE(number);
    std::string big = canonical;
    big.replace(big.find("\"bytes\":120"), 11, std::string("\"bytes\":") + number);
    Result<std::string> s = ReportJsonToStatement("r.json", big);
    ASSERT_FALSE(s.has_value());
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(s.status().message().find("is an integer beyond 2^53"), std::string::npos)
        << s.status().message();
  }
  std::string fine = canonical;
  fine.replace(fine.find("\"bytes\":120"), 11, "\"bytes\":1e21");
  Result<std::string> s = ReportJsonToStatement("r.json", fine);
  ASSERT_TRUE(s.has_value()) << s.status().ToString();
  EXPECT_NE(s->find("\"bytes\":1e+21"), std::string::npos);
}

TEST(Statement, ReadsBackTheFacts) {
  Report r = SampleReport();
  r.rules_path = "rules/desk.json";
  r.rules_sha256 = std::string(64, 'a');
  Result<ReportStatementFacts> f = ReadReportStatement("env", ReportToStatement(r));
  ASSERT_TRUE(f) << f.status().ToString();
  EXPECT_EQ(f->subject_name, "drafts/a.md");
  EXPECT_EQ(f->subject_sha256, kSha);
  EXPECT_EQ(f->created, r.created);
  EXPECT_EQ(f->verdict, "fail");
  EXPECT_EQ(f->reasons, r.reasons);
  EXPECT_EQ(f->tool_name, "provcheck");
  EXPECT_EQ(f->tool_version, "0.1.0");
  EXPECT_EQ(f->index_id, r.index_id);
  EXPECT_EQ(f->index_digest, r.index_digest);
  EXPECT_EQ(f->index_documents, 3u);
  EXPECT_EQ(f->rules_path, r.rules_path);
  EXPECT_EQ(f->rules_sha256, r.rules_sha256);

  Result<ReportStatementFacts> no_rules =
      ReadReportStatement("env", ReportToStatement(SampleReport()));
  ASSERT_TRUE(no_rules);
  EXPECT_FALSE(no_rules->rules_sha256);
}

TEST(Statement, RejectsStatementsOfOtherShapes) {
  const std::string good = ReportToStatement(SampleReport());
  auto expect_fail = [](const std::string& payload, const std::string& fragment) {
    Result<ReportStatementFacts> f = ReadReportStatement("env", payload);
    ASSERT_FALSE(f);
    EXPECT_EQ(f.status().code(), StatusCode::kVerificationFailed);
    EXPECT_NE(f.status().message().find(fragment), std::string::npos) << f.status().message();
  };
  auto replaced = [&](std::string_view from, std::string_view to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  expect_fail(replaced("Statement/v1", "Statement/v0.1"), "$._type is");
  expect_fail(replaced("report/v1", "report/v2"), "$.predicateType is");
  expect_fail(replaced("\"name\":\"drafts/a.md\"", "\"name\":\"drafts/b.md\""),
              "$.predicate.draft disagrees with $.subject[0]");
  expect_fail(replaced("\"subject\":[", "\"subject\":[{},"), "exactly one subject");
  expect_fail(replaced("\"verdict\":\"fail\"", "\"verdict\":\"maybe\""), "verdict");
  expect_fail(replaced("{", "{\"_type\":1,"), "duplicate key \"_type\"");
  expect_fail("[]", "$ is not an object");
}

// Found by tests/fuzz/report_json_fuzz.cc's range check: verify printed an
// index document count that no provcheck report can hold.
TEST(Issue8, StatementWithADocumentCountBeyond2To53IsRefused) {
  std::string s = ReportToStatement(SampleReport());
  s.replace(s.find("\"documents\":3"), 13, "\"documents\":9007199254740993");
  Result<ReportStatementFacts> f = ReadReportStatement("env", s);
  ASSERT_FALSE(f);
  EXPECT_EQ(f.status().code(), StatusCode::kVerificationFailed);
  EXPECT_NE(f.status().message().find("$.predicate.index.documents is not a count"),
            std::string::npos)
      << f.status().message();
}

}  // namespace
}  // namespace provcheck::report
