// Fuzzes the .docx and .odt readers through provcheck::text::ReadArticles.
// The input is an XML part, not a zip: random bytes would almost never get
// past the zip's checksums, so the target zips the part itself (libzip). Its
// first byte chooses the document and the part the rest becomes:
//   0 docx word/document.xml, 1 docx word/footnotes.xml, 2 docx word/styles.xml,
//   3 docx docProps/core.xml, 4 odt content.xml, 5 odt styles.xml, 6 odt meta.xml
// (the other parts are small valid ones).
//
// Invariants, beyond "no crash":
//   - success and failure are deterministic;
//   - a failure is kInvalidInput or kResourceLimit naming the file;
//   - a success is one article whose `original` is valid UTF-8, holds no
//     control character but tab and line feed, and is a list of non-empty
//     lines (one per paragraph); the body is `original` itself, mapped byte
//     for byte, its blocks the lines, in order; reading `original` again in
//     `original_format` gives the same body (what the index relies on);
//   - DocumentText gives `original`.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/utf8.h"
#include "fuzz_check.h"
#include "text/reader.h"

namespace {

constexpr char kName[] = "fuzz-input";

constexpr char kWordNs[] =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
constexpr char kOdfNs[] =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"";

std::string Zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  FUZZ_CHECK(out != nullptr);
  zip_source_keep(out);
  zip_t* zip = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  FUZZ_CHECK(zip != nullptr);
  for (const auto& [name, data] : entries) {
    zip_source_t* part = zip_source_buffer(zip, data.data(), data.size(), 0);
    FUZZ_CHECK(part != nullptr);
    FUZZ_CHECK(zip_file_add(zip, name.c_str(), part, ZIP_FL_OVERWRITE) >= 0);
  }
  FUZZ_CHECK(zip_close(zip) == 0);
  std::string bytes;
  FUZZ_CHECK(zip_source_open(out) == 0);
  char buffer[4096];
  for (zip_int64_t n; (n = zip_source_read(out, buffer, sizeof buffer)) > 0;) {
    bytes.append(buffer, static_cast<size_t>(n));
  }
  zip_source_close(out);
  zip_source_free(out);
  zip_error_fini(&error);
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using provcheck::Format;
  if (size < 1 || size > provcheck::fuzz::kMaxInputBytes) return 0;
  const unsigned choice = data[0] % 7;
  const std::string xml(reinterpret_cast<const char*>(data) + 1, size - 1);
  const bool odt = choice >= 4;
  std::vector<std::pair<std::string, std::string>> parts;
  if (odt) {
    parts = {{"mimetype", "application/vnd.oasis.opendocument.text"},
             {"content.xml", std::string("<office:document-content ") + kOdfNs +
                                 "><office:body><office:text><text:p>One paragraph.</text:p>"
                                 "</office:text></office:body></office:document-content>"},
             {"styles.xml", std::string("<office:document-styles ") + kOdfNs + "/>"},
             {"meta.xml", std::string("<office:document-meta ") + kOdfNs + "/>"}};
    parts[choice - 3].second = xml;  // 4 content, 5 styles, 6 meta
  } else {
    parts = {{"word/document.xml", std::string("<w:document ") + kWordNs +
                                       "><w:body><w:p><w:r><w:t>One paragraph.</w:t></w:r></w:p>"
                                       "</w:body></w:document>"},
             {"word/footnotes.xml", std::string("<w:footnotes ") + kWordNs + "/>"},
             {"word/styles.xml", std::string("<w:styles ") + kWordNs + "/>"},
             {"docProps/core.xml", "<cp:coreProperties/>"}};
    parts[choice].second = xml;
  }
  const std::string file = Zip(parts);
  const Format format = odt ? Format::kOdt : Format::kDocx;

  using provcheck::Result;
  using provcheck::text::Article;
  Result<std::vector<Article>> read = provcheck::text::ReadArticles(kName, file, format);
  Result<std::vector<Article>> again = provcheck::text::ReadArticles(kName, file, format);
  FUZZ_CHECK(read.has_value() == again.has_value());
  if (!read) {
    const provcheck::Status& s = read.status();
    FUZZ_CHECK(s.code() == provcheck::StatusCode::kInvalidInput ||
               s.code() == provcheck::StatusCode::kResourceLimit);
    FUZZ_CHECK(s.message().rfind(kName, 0) == 0);
    FUZZ_CHECK(s.message() == again.status().message());
    return 0;
  }
  FUZZ_CHECK(read->size() == 1);
  const Article& a = read->front();
  FUZZ_CHECK(a.original == again->front().original);
  FUZZ_CHECK(!a.original.empty() && a.original.back() == '\n');
  FUZZ_CHECK(!provcheck::base::FindInvalidUtf8(a.original).has_value());
  for (char c : a.original) {
    FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n');
  }
  FUZZ_CHECK(a.original.find("\n\n") == std::string::npos && a.original[0] != '\n');
  FUZZ_CHECK(a.body.text() == a.original);
  for (const provcheck::text::OffsetRun& r : a.body.runs()) {
    FUZZ_CHECK(r.text_start == r.original_start && r.text_length == r.original_length);
  }
  uint32_t line_start = 0;
  for (const provcheck::text::TextBlock& b : a.body.blocks()) {
    FUZZ_CHECK(b.begin == line_start && b.end > b.begin);
    FUZZ_CHECK(a.original[b.end] == '\n');
    line_start = b.end + 1;
  }
  FUZZ_CHECK(line_start == a.original.size());
  Result<std::vector<Article>> reread =
      provcheck::text::ReadArticles(kName, a.original, a.original_format);
  FUZZ_CHECK(reread.has_value() && reread->size() == 1);
  FUZZ_CHECK(reread->front().body.text() == a.body.text());
  Result<std::string> shown = provcheck::DocumentText(kName, file, format);
  FUZZ_CHECK(shown.has_value() && *shown == a.original);
  return 0;
}
