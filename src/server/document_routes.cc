// POST /v1/documents and DELETE /v1/documents/{id}: the archive feed. Each
// request is one committed batch (provcheck/index.h): in or not at all.
// Writes are serialised; scans keep reading their snapshots meanwhile.
#include "base/json_string.h"
#include "base/utf8.h"
#include "report/json_writer.h"
#include "server/api.h"
#include "server/request_body.h"

namespace provcheck::server {
namespace {

const char* Extension(Format format) {
  switch (format) {
    case Format::kMarkdown:
      return ".md";
    case Format::kHtml:
      return ".html";
    case Format::kJson:
      return ".json";
    default:
      return ".txt";
  }
}

HttpResponse IndexError(const Status& s) {
  if (s.code() == StatusCode::kInvalidInput) {
    return ErrorResponse(422, "invalid_document", s.ToString());
  }
  return ErrorResponse(500, "index_error", s.ToString());
}

report::JsonValue IndexSummary(const IndexStats& stats) {
  report::JsonValue index = report::JsonValue::EmptyObject();
  index.Set("id", stats.id);
  index.Set("digest", stats.digest);
  index.Set("documents", stats.documents);
  return index;
}

}  // namespace

HttpResponse Api::PostDocument(const HttpRequest& request) {
  if (MediaType(request.Header("content-type")) != "application/json") {
    return ErrorResponse(415, "unsupported_media_type", "Content-Type: expected application/json");
  }
  ApiError error;
  std::optional<DocumentSubmission> doc = ParseDocumentJson(request.body, &error);
  if (!doc) return ErrorResponse(error.status, error.code, error.message);
  base::MutexLock lock(&index_mu_);
  Result<std::unique_ptr<Index>> index = Index::Open(options_.index_dir, Index::Mode::kReadWrite);
  if (!index) return IndexError(index.status());
  (*index)->SetThreads(1);
  AddSummary summary;
  // Nothing is committed unless the whole document was staged.
  Status s = (*index)->AddFile(doc->id + Extension(doc->format), doc->content, doc->format,
                               doc->id, &summary);
  if (s.ok() && !summary.skipped_records.empty()) s = summary.skipped_records.front();
  if (s.ok()) s = (*index)->Commit();
  if (!s.ok()) return IndexError(s);
  Result<IndexStats> stats = (*index)->Stats();
  if (!stats) return IndexError(stats.status());
  report::JsonValue body = report::JsonValue::EmptyObject();
  body.Set("id", base::ToValidUtf8(doc->id));
  body.Set("outcome", summary.added ? "added" : summary.replaced ? "replaced" : "unchanged");
  body.Set("index", IndexSummary(*stats));
  HttpResponse r;
  r.status = summary.added ? 201 : 200;
  r.body = body.Canonical() + "\n";
  return r;
}

HttpResponse Api::DeleteDocument(const std::string& id) {
  base::MutexLock lock(&index_mu_);
  Result<std::unique_ptr<Index>> index = Index::Open(options_.index_dir, Index::Mode::kReadWrite);
  if (!index) return IndexError(index.status());
  Status s = (*index)->Remove(id);
  if (s.code() == StatusCode::kNotFound) {
    return ErrorResponse(404, "not_found", "no document " + base::QuoteForMessage(id));
  }
  if (s.ok()) s = (*index)->Commit();
  if (!s.ok()) return IndexError(s);
  Result<IndexStats> stats = (*index)->Stats();
  if (!stats) return IndexError(stats.status());
  report::JsonValue body = report::JsonValue::EmptyObject();
  body.Set("id", base::ToValidUtf8(id));
  body.Set("removed", true);
  body.Set("index", IndexSummary(*stats));
  HttpResponse r;
  r.body = body.Canonical() + "\n";
  return r;
}

}  // namespace provcheck::server
