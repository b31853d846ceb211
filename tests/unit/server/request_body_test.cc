#include "server/request_body.h"

#include <gtest/gtest.h>

namespace provcheck::server {
namespace {

TEST(RequestBody, ReadsAScanSubmission) {
  ApiError error;
  std::optional<ScanSubmission> s = ParseScanJson(
      R"({"text": "Draft \u00e9", "format": "markdown", "name": "a.md", "rules": "newsroom",
          "sign": true, "callback_url": "http://127.0.0.1:9/x"})",
      &error);
  ASSERT_TRUE(s) << error.message;
  EXPECT_EQ(s->text, "Draft \xc3\xa9");
  EXPECT_EQ(s->format, Format::kMarkdown);
  EXPECT_EQ(s->name, "a.md");
  EXPECT_EQ(s->rules, "newsroom");
  EXPECT_TRUE(s->sign);
  EXPECT_EQ(s->callback_url, "http://127.0.0.1:9/x");
}

TEST(RequestBody, RefusesWhatIsNotExactlyAScanSubmission) {
  const auto code = [](std::string_view body) {
    ApiError error;
    return ParseScanJson(body, &error) ? std::string("accepted") : error.code;
  };
  EXPECT_EQ(code(R"({"text": "a", "text": "b"})"), "malformed_json");
  EXPECT_EQ(code(R"({"text": "a"} x)"), "malformed_json");
  EXPECT_EQ(code(R"("text")"), "malformed_json");
  EXPECT_EQ(code(R"({"text": "a", "Text": "b"})"), "unknown_field");
  EXPECT_EQ(code(R"({"text": ["a"]})"), "invalid_field");
  EXPECT_EQ(code(R"({"text": "a", "format": "pdf"})"), "invalid_field");
  EXPECT_EQ(code(R"({"text": "a", "format": "jsonl"})"), "invalid_field");
  EXPECT_EQ(code(R"({"text": "a", "sign": 1})"), "invalid_field");
  EXPECT_EQ(code(R"({})"), "missing_field");
  EXPECT_EQ(code(R"({"text": ""})"), "accepted");
}

TEST(RequestBody, ReadsMultipartParts) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"story \\\"1\\\".md\"\r\n"
      "Content-Type: text/markdown\r\n\r\n# Title\r\n\r\nBody --XyZ not a boundary\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=sign\r\n\r\ntrue\r\n--XyZ--\r\n";
  ApiError error;
  std::optional<ScanSubmission> s =
      ParseScanMultipart("multipart/form-data; boundary=\"XyZ\"", body, &error);
  ASSERT_TRUE(s) << error.message;
  EXPECT_EQ(s->text, "# Title\r\n\r\nBody --XyZ not a boundary");
  EXPECT_EQ(s->format, Format::kMarkdown);
  EXPECT_EQ(s->name, "story \"1\".md");
  EXPECT_TRUE(s->sign);
}

TEST(RequestBody, RefusesBrokenMultipart) {
  const auto code = [](std::string_view type, std::string_view body) {
    ApiError error;
    return ParseScanMultipart(type, body, &error) ? std::string("accepted") : error.code;
  };
  const std::string ok_part = "--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nx\r\n";
  EXPECT_EQ(code("multipart/form-data; boundary=b", ok_part + "--b--"), "accepted");
  EXPECT_EQ(code("multipart/form-data", ok_part + "--b--"), "malformed_multipart");
  EXPECT_EQ(code("multipart/form-data; boundary=b", ok_part), "malformed_multipart");
  EXPECT_EQ(code("multipart/form-data; boundary=b", "--b\r\nname: x\r\n\r\nx\r\n--b--"),
            "malformed_multipart");
  EXPECT_EQ(code("multipart/form-data; boundary=b",
                 "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                 "\r\nx\r\n--b--"),
            "unsupported_format");
}

TEST(RequestBody, MediaTypeDropsParameters) {
  EXPECT_EQ(MediaType(" Application/JSON ; charset=utf-8"), "application/json");
  EXPECT_EQ(MediaType(""), "");
}

TEST(RequestBody, ReadsADocumentSubmission) {
  ApiError error;
  std::optional<DocumentSubmission> d =
      ParseDocumentJson(R"({"id": "a/b", "content": "x", "format": "html"})", &error);
  ASSERT_TRUE(d) << error.message;
  EXPECT_EQ(d->id, "a/b");
  EXPECT_EQ(d->format, Format::kHtml);
  EXPECT_FALSE(ParseDocumentJson(R"({"id": "", "content": "x"})", &error));
  EXPECT_EQ(error.code, "invalid_field");
  EXPECT_FALSE(ParseDocumentJson(R"({"id": "a"})", &error));
  EXPECT_EQ(error.code, "missing_field");
}

}  // namespace
}  // namespace provcheck::server
