#include "server/request_body.h"

#include <simdjson.h>

#include <cctype>

#include "base/json_document.h"
#include "base/json_string.h"

namespace provcheck::server {
namespace {

constexpr size_t kMaxJsonDepth = 16;

std::optional<ScanSubmission> Fail(ApiError* error, int status, std::string code,
                                   std::string message) {
  *error = {status, std::move(code), std::move(message)};
  return std::nullopt;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A draft format by name: text, markdown, html or json (a JSON Lines file
// holds several articles, never one draft).
bool DraftFormat(std::string_view name, Format* out, ApiError* error) {
  Result<Format> f = ParseFormatName(name);
  if (!f || *f == Format::kJsonLines) {
    *error = {400, "invalid_field",
              "format " + base::QuoteForMessage(name) +
                  ": expected one of text, markdown, html, json"};
    return false;
  }
  *out = *f;
  return true;
}

// Parses `body` as one strict JSON object into `obj` (kept alive by `parser`).
bool ReadObject(std::string_view body, simdjson::dom::parser* parser, simdjson::dom::object* obj,
                ApiError* error) {
  if (Status s = base::CheckStrictJson("body", body, kMaxJsonDepth); !s.ok()) {
    *error = {400, "malformed_json", s.message()};
    return false;
  }
  simdjson::dom::element root;
  if (parser->parse(body.data(), body.size()).get(root) != simdjson::SUCCESS) {
    *error = {400, "malformed_json", "body: not JSON"};
    return false;
  }
  if (root.get_object().get(*obj) != simdjson::SUCCESS) {
    *error = {400, "malformed_json", "body: expected a JSON object"};
    return false;
  }
  return true;
}

bool StringField(const simdjson::dom::element& value, std::string_view key, std::string* out,
                 ApiError* error) {
  std::string_view s;
  if (value.get_string().get(s) != simdjson::SUCCESS) {
    *error = {400, "invalid_field", std::string("$.") + std::string(key) + ": expected a string"};
    return false;
  }
  *out = std::string(s);
  return true;
}

std::string UnknownField(std::string_view key, const char* known) {
  return "$" + base::JsonPathKey("", key) + ": unknown field (expected " + known + ")";
}

// The value of parameter `name` in a header value such as
// `form-data; name="file"; filename="a.md"`, unquoted.
std::optional<std::string> HeaderParameter(std::string_view value, std::string_view name) {
  size_t i = value.find(';');
  if (i == std::string_view::npos) return std::nullopt;
  ++i;
  const auto skip_space = [&] {
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
  };
  while (i < value.size()) {
    skip_space();
    const size_t eq = value.find('=', i);
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string key = Lower(Trim(value.substr(i, eq - i)));
    i = eq + 1;
    skip_space();
    std::string v;
    if (i < value.size() && value[i] == '"') {
      for (++i; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        v.push_back(value[i]);
      }
      const size_t semi = value.find(';', i);
      i = semi == std::string_view::npos ? value.size() : semi + 1;
    } else {
      const size_t semi = value.find(';', i);
      const size_t end = semi == std::string_view::npos ? value.size() : semi;
      v = std::string(Trim(value.substr(i, end - i)));
      i = semi == std::string_view::npos ? value.size() : semi + 1;
    }
    if (key == name) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string MediaType(std::string_view content_type) {
  return Lower(Trim(content_type.substr(0, content_type.find(';'))));
}

std::optional<ScanSubmission> ParseScanJson(std::string_view body, ApiError* error) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (!ReadObject(body, &parser, &obj, error)) return std::nullopt;
  ScanSubmission s;
  bool has_text = false;
  for (auto [key, value] : obj) {
    if (key == "text") {
      if (!StringField(value, key, &s.text, error)) return std::nullopt;
      has_text = true;
    } else if (key == "format") {
      std::string name;
      if (!StringField(value, key, &name, error) || !DraftFormat(name, &s.format, error)) {
        return std::nullopt;
      }
    } else if (key == "name") {
      if (!StringField(value, key, &s.name, error)) return std::nullopt;
    } else if (key == "rules") {
      if (!StringField(value, key, &s.rules, error)) return std::nullopt;
    } else if (key == "callback_url") {
      if (!StringField(value, key, &s.callback_url, error)) return std::nullopt;
    } else if (key == "sign") {
      if (value.get_bool().get(s.sign) != simdjson::SUCCESS) {
        return Fail(error, 400, "invalid_field", "$.sign: expected true or false");
      }
    } else {
      return Fail(error, 400, "unknown_field",
                  UnknownField(key, "text, format, name, rules, sign, callback_url"));
    }
  }
  if (!has_text) return Fail(error, 400, "missing_field", "$.text: required (the draft)");
  return s;
}

std::optional<std::vector<FormPart>> ParseMultipart(std::string_view content_type,
                                                    std::string_view body, ApiError* error) {
  const auto bad = [&](const std::string& why) -> std::optional<std::vector<FormPart>> {
    *error = {400, "malformed_multipart", "multipart/form-data body: " + why};
    return std::nullopt;
  };
  const std::optional<std::string> boundary = HeaderParameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) {
    return bad("Content-Type names no boundary (RFC 2046: 1 to 70 characters)");
  }
  const std::string delimiter = "--" + *boundary;
  if (body.substr(0, delimiter.size()) != delimiter) return bad("does not start with its boundary");
  size_t pos = delimiter.size();
  std::vector<FormPart> parts;
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;  // the close delimiter
    if (body.substr(pos, 2) != "\r\n") return bad("a boundary is not followed by CRLF");
    pos += 2;
    const size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return bad("a part's headers do not end");
    FormPart part;
    std::string_view headers = body.substr(pos, headers_end - pos);
    bool disposition = false;
    while (!headers.empty()) {
      const size_t nl = headers.find("\r\n");
      std::string_view line = headers.substr(0, nl);
      headers = nl == std::string_view::npos ? std::string_view() : headers.substr(nl + 2);
      const size_t colon = line.find(':');
      if (colon == std::string_view::npos) return bad("a part header has no ':'");
      const std::string name = Lower(Trim(line.substr(0, colon)));
      const std::string_view value = Trim(line.substr(colon + 1));
      if (name == "content-disposition") {
        if (MediaType(value) != "form-data") return bad("a part is not form-data");
        std::optional<std::string> field = HeaderParameter(value, "name");
        if (!field) return bad("a part has no name");
        part.name = *field;
        part.filename = HeaderParameter(value, "filename");
        disposition = true;
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    if (!disposition) return bad("a part has no Content-Disposition");
    const size_t data_start = headers_end + 4;
    const size_t data_end = body.find("\r\n" + delimiter, data_start);
    if (data_end == std::string_view::npos) return bad("a part does not end with the boundary");
    part.data = std::string(body.substr(data_start, data_end - data_start));
    parts.push_back(std::move(part));
    pos = data_end + 2 + delimiter.size();
  }
}

std::optional<ScanSubmission> ParseScanMultipart(std::string_view content_type,
                                                 std::string_view body, ApiError* error) {
  std::optional<std::vector<FormPart>> parts = ParseMultipart(content_type, body, error);
  if (!parts) return std::nullopt;
  ScanSubmission s;
  bool has_draft = false, has_format = false;
  std::string filename;
  for (FormPart& part : *parts) {
    const auto field = [&](std::string_view what) -> std::optional<ScanSubmission> {
      return Fail(error, 400, "invalid_field", "part " + base::QuoteForMessage(part.name) + ": " +
                                                   std::string(what));
    };
    if (part.name == "file" || part.name == "text") {
      if (has_draft) return field("give the draft once, as \"file\" or \"text\"");
      has_draft = true;
      s.text = std::move(part.data);
      if (part.name == "file") filename = part.filename.value_or("");
    } else if (part.name == "format") {
      if (!DraftFormat(part.data, &s.format, error)) return std::nullopt;
      has_format = true;
    } else if (part.name == "name") {
      s.name = part.data;
    } else if (part.name == "rules") {
      s.rules = part.data;
    } else if (part.name == "callback_url") {
      s.callback_url = part.data;
    } else if (part.name == "sign") {
      if (part.data != "true" && part.data != "false") return field("expected true or false");
      s.sign = part.data == "true";
    } else {
      return Fail(error, 400, "unknown_field",
                  "part " + base::QuoteForMessage(part.name) +
                      ": unknown (expected file or text, format, name, rules, sign, callback_url)");
    }
  }
  if (!has_draft) return Fail(error, 400, "missing_field", "a \"file\" or \"text\" part is required");
  if (!has_format && !filename.empty()) {
    Result<Format> f = FormatFromPath(filename);
    if (!f || *f == Format::kJsonLines) {
      return Fail(error, 415, "unsupported_format",
                  "file " + base::QuoteForMessage(filename) +
                      ": not a draft format (.txt .md .markdown .html .htm .json), or give a "
                      "\"format\" part");
    }
    s.format = *f;
  }
  if (s.name.empty()) s.name = filename;
  return s;
}

std::optional<DocumentSubmission> ParseDocumentJson(std::string_view body, ApiError* error) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (!ReadObject(body, &parser, &obj, error)) return std::nullopt;
  DocumentSubmission d;
  bool has_id = false, has_content = false;
  const auto fail = [&](std::string code, std::string message) {
    *error = {400, std::move(code), std::move(message)};
    return std::nullopt;
  };
  for (auto [key, value] : obj) {
    if (key == "id") {
      if (!StringField(value, key, &d.id, error)) return std::nullopt;
      has_id = true;
    } else if (key == "content") {
      if (!StringField(value, key, &d.content, error)) return std::nullopt;
      has_content = true;
    } else if (key == "format") {
      std::string name;
      if (!StringField(value, key, &name, error) || !DraftFormat(name, &d.format, error)) {
        return std::nullopt;
      }
    } else {
      return fail("unknown_field", UnknownField(key, "id, content, format"));
    }
  }
  if (!has_id || d.id.empty() || d.id.size() > 512) {
    return fail(has_id ? "invalid_field" : "missing_field", "$.id: required, 1 to 512 bytes");
  }
  if (!has_content) return fail("missing_field", "$.content: required (the article)");
  return d;
}

}  // namespace provcheck::server
