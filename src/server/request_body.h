// Request bodies of API v1, read strictly: JSON is checked by the one strict
// reader (base/json_document.h: no duplicate keys, no trailing garbage) and
// then read field by field with simdjson; an unknown field, a field of the
// wrong type or a missing one is an ApiError (400), never ignored. Also
// multipart/form-data (RFC 7578) for uploaded files.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_SERVER_REQUEST_BODY_H_
#define PROVCHECK_SRC_SERVER_REQUEST_BODY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/document.h"

namespace provcheck::server {

struct ApiError {
  int status = 400;
  std::string code;  // "malformed_json", "unknown_field", "invalid_field", ...
  std::string message;
};

// The media type of a Content-Type value, lower-case, parameters dropped:
// "application/json; charset=utf-8" -> "application/json".
std::string MediaType(std::string_view content_type);

// POST /v1/scans.
struct ScanSubmission {
  std::string text;  // the draft's bytes
  Format format = Format::kText;
  std::string name;   // the draft's name in the report; empty: "draft" + extension
  std::string rules;  // a rules name from --rules-dir; empty: the server's default
  bool sign = false;
  std::string callback_url;
};

// {"text": "...", "format": "markdown", "name": "...", "rules": "...",
//  "sign": true, "callback_url": "http://..."}; "text" required.
std::optional<ScanSubmission> ParseScanJson(std::string_view body, ApiError* error);

// multipart/form-data with a "file" part (its filename's extension gives
// the format unless a "format" part does) or a "text" part, and optional
// "format", "name", "rules", "sign" ("true"/"false"), "callback_url" parts.
std::optional<ScanSubmission> ParseScanMultipart(std::string_view content_type,
                                                 std::string_view body, ApiError* error);

// POST /v1/documents: {"id": "...", "content": "...", "format": "markdown"}.
struct DocumentSubmission {
  std::string id;
  std::string content;
  Format format = Format::kText;
};
std::optional<DocumentSubmission> ParseDocumentJson(std::string_view body, ApiError* error);

// One part of a multipart/form-data body.
struct FormPart {
  std::string name;
  std::optional<std::string> filename;
  std::string content_type;
  std::string data;
};
// The parts of `body` under the boundary of `content_type`; nullopt with
// *error (400 malformed_multipart) when it does not parse.
std::optional<std::vector<FormPart>> ParseMultipart(std::string_view content_type,
                                                    std::string_view body, ApiError* error);

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_REQUEST_BODY_H_
