// provcheck/report_writer.h: the public face of the report stage.
#include "provcheck/report_writer.h"

#include <array>
#include <utility>

#include "report/brief_writer.h"
#include "report/github_writer.h"
#include "report/html_writer.h"
#include "report/report_json.h"
#include "report/sarif_writer.h"
#include "report/statement.h"
#include "report/text_writer.h"

namespace provcheck {
namespace {

constexpr std::array<OutputFormat, 5> kFormats = {OutputFormat::kText, OutputFormat::kJson,
                                                  OutputFormat::kSarif, OutputFormat::kHtml,
                                                  OutputFormat::kGithub};

}  // namespace

std::span<const OutputFormat> AllOutputFormats() { return kFormats; }

const char* OutputFormatName(OutputFormat format) {
  switch (format) {
    case OutputFormat::kText:
      return "text";
    case OutputFormat::kJson:
      return "json";
    case OutputFormat::kSarif:
      return "sarif";
    case OutputFormat::kHtml:
      return "html";
    case OutputFormat::kGithub:
      return "github";
  }
  return "text";
}

Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  std::string names;
  for (OutputFormat f : kFormats) {
    if (name == OutputFormatName(f)) return f;
    names += (names.empty() ? "" : ", ") + std::string(OutputFormatName(f));
  }
  return Status::InvalidArgument("--format " + std::string(name) + ": expected one of " + names);
}

Status ValidateWriterOptions(const WriterOptions& options) {
  if (options.brief && options.format != OutputFormat::kText) {
    return Status::InvalidArgument(std::string("--brief goes with --format text, not --format ") +
                                   OutputFormatName(options.format));
  }
  return Status::Ok();
}

std::string ReportToJson(const Report& report) { return report::ReportToCanonicalJson(report); }

std::string ReportToInTotoStatement(const Report& report) {
  return report::ReportToStatement(report);
}

ReportWriter::ReportWriter(WriterOptions options) : options_(std::move(options)) {}

bool ReportWriter::IsDocument() const {
  return options_.format == OutputFormat::kJson || options_.format == OutputFormat::kSarif ||
         options_.format == OutputFormat::kHtml;
}

std::string ReportWriter::Add(const Report& report, std::string_view draft_bytes) {
  ++drafts_;
  switch (options_.format) {
    case OutputFormat::kJson:
      return report::ReportToCanonicalJson(report) + "\n";  // JSON Lines
    case OutputFormat::kGithub:
      return report::ReportToGithubAnnotations(report);
    case OutputFormat::kHtml:
      texts_.emplace_back(draft_bytes);
      [[fallthrough]];
    case OutputFormat::kSarif:
      reports_.push_back(report);
      return {};
    case OutputFormat::kText:
      break;
  }
  if (options_.brief) return report::ReportToBriefText(report, {options_.colour});
  return (drafts_ > 1 ? "\n" : "") + report::ReportToText(report, {options_.colour});
}

void ReportWriter::AddError(const Status& status) { errors_.push_back(status.ToString()); }

std::string ReportWriter::Finish() {
  if (options_.format == OutputFormat::kSarif) {
    report::SarifOptions sarif;
    sarif.source_root = options_.source_root;
    sarif.errors = errors_;
    return report::ReportsToSarif(reports_, sarif) + "\n";
  }
  if (options_.format == OutputFormat::kHtml) {
    std::vector<report::HtmlDraft> drafts;
    for (size_t i = 0; i < reports_.size(); ++i) drafts.push_back({&reports_[i], texts_[i]});
    report::HtmlOptions html;
    html.errors = errors_;
    return report::ReportsToHtml(drafts, html);
  }
  return {};
}

std::string RenderReport(const Report& report, std::string_view draft_bytes,
                         const WriterOptions& options) {
  ReportWriter writer(options);
  std::string out = writer.Add(report, draft_bytes);
  return out + writer.Finish();
}

}  // namespace provcheck
