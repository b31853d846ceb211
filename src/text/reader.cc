#include "text/reader.h"

#include <limits>
#include <string>

#include "base/utf8.h"
#include "text/html_reader.h"
#include "text/json_reader.h"
#include "text/markdown_reader.h"
#include "text/office_document.h"

namespace provcheck::text {
namespace {

Article ReadPlainText(std::string_view bytes) {
  Article article;
  article.original = std::string(bytes);
  article.original_format = Format::kText;
  article.body.AppendVerbatim(bytes, 0);
  return article;
}

Result<std::vector<Article>> One(Result<Article> article) {
  if (!article.has_value()) return article.status();
  std::vector<Article> articles;
  articles.push_back(std::move(article).value());
  return articles;
}

}  // namespace

Result<std::vector<Article>> ReadArticles(std::string_view name, std::string_view bytes,
                                          Format format, std::vector<Status>* record_errors,
                                          const FilePart& part, const ReadOptions& options) {
  // Offsets are 32-bit throughout.
  if (bytes.size() > std::numeric_limits<uint32_t>::max()) {
    return Status::ResourceLimit(std::string(name) + ": larger than 4 GiB");
  }
  // Zip archives of XML: binary by nature, read with their own checks.
  if (format == Format::kDocx) return One(ReadDocx(name, bytes));
  if (format == Format::kOdt) return One(ReadOdt(name, bytes));
  std::optional<size_t> nul = base::FindNul(bytes);
  if (nul && options.nul_as_space) {
    // --text: each NUL a space, byte for byte, so every offset stays put.
    std::string blanked(bytes);
    for (size_t i = *nul; i < blanked.size(); ++i) {
      if (blanked[i] == '\0') blanked[i] = ' ';
    }
    return ReadArticles(name, blanked, format, record_errors, part);
  }
  // A NUL early on means a binary file (git's test), which says more than
  // "invalid UTF-8" would; later NULs are reported after the UTF-8 check.
  constexpr size_t kBinaryProbeBytes = 8000;
  const auto binary = [&] {
    return Status::InvalidInput(std::string(name) + ": binary file (NUL byte at byte " +
                                std::to_string(part.first_byte + *nul) + ")");
  };
  if (format == Format::kJsonLines) {
    // Checked record by record (ReadJsonLines): a bad byte costs its own
    // record, not the file. Only a file that does not even start as a JSON
    // object is binary as a whole (a gzip feed named .jsonl, say).
    const size_t first = bytes.find_first_not_of(" \t\r\n");
    if (nul && *nul < kBinaryProbeBytes && first != std::string_view::npos && bytes[first] != '{') {
      return binary();
    }
    return ReadJsonLines(name, bytes, record_errors, part.first_line, part.first_byte);
  }
  if (nul && *nul < kBinaryProbeBytes) return binary();
  if (std::optional<size_t> at = base::FindInvalidUtf8(bytes)) {
    return Status::InvalidInput(std::string(name) + ": invalid UTF-8 at byte " +
                                std::to_string(part.first_byte + *at));
  }
  if (nul) return binary();
  switch (format) {
    case Format::kText:
      return One(ReadPlainText(bytes));
    case Format::kMarkdown:
      return One(ReadMarkdown(name, bytes));
    case Format::kHtml:
      return One(ReadHtml(name, bytes));
    case Format::kJson:
      return One(ReadJsonArticle(name, bytes));
    case Format::kJsonLines:
    case Format::kDocx:
    case Format::kOdt:
      break;  // above
  }
  return Status::InvalidArgument(std::string(name) + ": unknown format");
}

}  // namespace provcheck::text

namespace provcheck {

Result<std::string> DocumentText(std::string_view name, std::string_view bytes, Format format) {
  if (format != Format::kDocx && format != Format::kOdt) return std::string(bytes);
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<text::Article> articles,
                             text::ReadArticles(name, bytes, format));
  return std::move(articles.front().original);
}

}  // namespace provcheck
