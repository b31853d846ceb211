// Helpers shared by the reader tests: fixtures, reading one article with its
// offset runs checked, and the original bytes behind a word.
#ifndef PROVCHECK_TESTS_UNIT_TEXT_READER_TEST_UTIL_H_
#define PROVCHECK_TESTS_UNIT_TEXT_READER_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "text/reader.h"

namespace provcheck::text::testing {

// The bytes of tests/data/read/<name>.
inline std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(PROVCHECK_SOURCE_DIR) + "/tests/data/read/" + name,
                   std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Runs cover the text in order and stay inside the original.
inline void ExpectRunsValid(const Article& a) {
  uint32_t next = 0;
  for (const OffsetRun& r : a.body.runs()) {
    EXPECT_EQ(r.text_start, next);
    EXPECT_LE(r.original_start + r.original_length, a.original.size());
    next = r.text_start + r.text_length;
  }
  EXPECT_EQ(next, a.body.text().size());
}

// Every article of `bytes` (read as the file `name`), each with valid runs.
inline std::vector<Article> ReadAllArticles(std::string_view name, std::string_view bytes,
                                            Format format) {
  Result<std::vector<Article>> read = ReadArticles(name, bytes, format);
  EXPECT_TRUE(read.has_value()) << read.error().ToString();
  if (!read.has_value()) return {};
  for (const Article& a : *read) ExpectRunsValid(a);
  return std::move(read).value();
}

// The one article of `bytes`; an empty Article (after a test failure) if not one.
inline Article ReadOneArticle(std::string_view name, std::string_view bytes, Format format) {
  std::vector<Article> all = ReadAllArticles(name, bytes, format);
  EXPECT_EQ(all.size(), 1u);
  return all.size() == 1 ? std::move(all[0]) : Article{};
}

// The original bytes behind the first occurrence of `word` in the text.
inline std::string OriginalOf(const Article& a, std::string_view word) {
  const size_t at = a.body.text().find(word);
  if (at == std::string::npos) return "<" + std::string(word) + " not in text>";
  const uint32_t start = a.body.OriginalStart(static_cast<uint32_t>(at));
  const uint32_t end = a.body.OriginalEnd(static_cast<uint32_t>(at + word.size()));
  return a.original.substr(start, end - start);
}

}  // namespace provcheck::text::testing

#endif  // PROVCHECK_TESTS_UNIT_TEXT_READER_TEST_UTIL_H_
