#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "provcheck/document.h"

namespace provcheck {
namespace {

struct Extension {
  std::string_view suffix;  // lower case, with the dot
  Format format;
};

constexpr std::array<Extension, 9> kExtensions = {{
    {".txt", Format::kText},
    {".md", Format::kMarkdown},
    {".markdown", Format::kMarkdown},
    {".html", Format::kHtml},
    {".htm", Format::kHtml},
    {".json", Format::kJson},
    {".jsonl", Format::kJsonLines},
    {".docx", Format::kDocx},
    {".odt", Format::kOdt},
}};

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kText:
      return "text";
    case Format::kMarkdown:
      return "markdown";
    case Format::kHtml:
      return "html";
    case Format::kJson:
      return "json";
    case Format::kJsonLines:
      return "jsonl";
    case Format::kDocx:
      return "docx";
    case Format::kOdt:
      return "odt";
  }
  return "text";
}

Result<Format> ParseFormatName(std::string_view name) {
  const std::string lower = ToLower(name);
  if (lower == "text" || lower == "txt") return Format::kText;
  if (lower == "markdown" || lower == "md") return Format::kMarkdown;
  if (lower == "html") return Format::kHtml;
  if (lower == "json") return Format::kJson;
  if (lower == "jsonl") return Format::kJsonLines;
  if (lower == "docx") return Format::kDocx;
  if (lower == "odt") return Format::kOdt;
  return Status::InvalidArgument("unknown format \"" + std::string(name) +
                                 "\"; expected one of text, markdown, html, json, jsonl, docx, odt");
}

Result<Format> FormatFromPath(std::string_view path) {
  // Only the last path component may hold the extension ("dir.md/notes").
  const size_t slash = path.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = base.find_last_of('.');
  if (dot != std::string_view::npos && dot != 0) {
    const std::string suffix = ToLower(base.substr(dot));
    for (const Extension& e : kExtensions) {
      if (e.suffix == suffix) return e.format;
    }
  }
  return Status::InvalidInput(std::string(path) +
                              ": unknown extension; expected one of .txt, .md, .markdown, "
                              ".html, .htm, .json, .jsonl, .docx, .odt (or give --input-format)");
}

}  // namespace provcheck
