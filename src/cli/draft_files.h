// Which files provcheck takes for drafts when it picks them itself (ci's
// changed files, the files of a folder given to scan): the extensions of
// FormatFromPath that name text, Markdown, HTML, Word (.docx) or OpenDocument
// (.odt). A .json article is a
// draft only when named (ci: selected by a pathspec; scan: given as a file).
#ifndef PROVCHECK_SRC_CLI_DRAFT_FILES_H_
#define PROVCHECK_SRC_CLI_DRAFT_FILES_H_

#include <string_view>

#include "provcheck/document.h"

namespace provcheck::cli {

inline bool IsTextDraft(std::string_view path) {
  const Result<Format> format = FormatFromPath(path);
  return format && (*format == Format::kText || *format == Format::kMarkdown ||
                    *format == Format::kHtml || *format == Format::kDocx ||
                    *format == Format::kOdt);
}

inline bool IsJsonArticle(std::string_view path) {
  const Result<Format> format = FormatFromPath(path);
  return format && *format == Format::kJson;
}

}  // namespace provcheck::cli

#endif  // PROVCHECK_SRC_CLI_DRAFT_FILES_H_
