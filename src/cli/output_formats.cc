#include "cli/output_formats.h"

#include <utility>

#include "report/brief_writer.h"
#include "report/github_writer.h"
#include "report/html_writer.h"
#include "report/report_json.h"
#include "report/sarif_writer.h"
#include "report/text_writer.h"

namespace provcheck::cli {

Status ValidateOutputFormat(const std::string& format, bool brief) {
  if (format != "text" && format != "json" && format != "sarif" && format != "html" &&
      format != "github") {
    return Status::InvalidArgument("--format " + format +
                                   ": expected one of text, json, sarif, html, github");
  }
  if (brief && format != "text") {
    return Status::InvalidArgument("--brief goes with --format text, not --format " + format);
  }
  return Status::Ok();
}

ReportOutput::ReportOutput(Options options) : options_(std::move(options)) {}

bool ReportOutput::IsDocument() const {
  return options_.format == "json" || options_.format == "sarif" || options_.format == "html";
}

std::string ReportOutput::Add(const Report& report, std::string_view draft_bytes) {
  const std::string& format = options_.format;
  ++drafts_;
  if (format == "json") return report::ReportToCanonicalJson(report) + "\n";  // JSON Lines
  if (format == "github") return report::ReportToGithubAnnotations(report);
  if (format == "sarif" || format == "html") {
    reports_.push_back(report);
    if (format == "html") texts_.emplace_back(draft_bytes);
    return {};
  }
  if (options_.brief) return report::ReportToBriefText(report, {options_.colour});
  return (drafts_ > 1 ? "\n" : "") + report::ReportToText(report, {options_.colour});
}

void ReportOutput::AddError(const Status& status) { errors_.push_back(status.ToString()); }

std::string ReportOutput::Finish() {
  if (options_.format == "sarif") {
    report::SarifOptions sarif;
    sarif.source_root = options_.source_root;
    sarif.errors = errors_;
    return report::ReportsToSarif(reports_, sarif) + "\n";
  }
  if (options_.format == "html") {
    std::vector<report::HtmlDraft> drafts;
    for (size_t i = 0; i < reports_.size(); ++i) drafts.push_back({&reports_[i], texts_[i]});
    report::HtmlOptions html;
    html.errors = errors_;
    return report::ReportsToHtml(drafts, html);
  }
  return {};
}

}  // namespace provcheck::cli
