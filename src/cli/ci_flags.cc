#include "cli/ci_flags.h"

#include "cli/output_formats.h"

namespace provcheck::cli {

CLI::App* AddCiCommand(CLI::App& app, CiOptions* o) {
  CLI::App* cmd = app.add_subcommand(
      "ci", "Scan the drafts added or changed in this git checkout since a base revision");
  cmd->add_option("pathspecs", o->pathspecs,
                  "Git pathspecs choosing the drafts (default: .provcheck.json \"paths\", "
                  "else every .md .markdown .txt .html .htm file)")
      ->type_name("PATHSPEC");
  cmd->add_option("--base", o->base,
                  "Compare with this revision (default: the merge base with the upstream "
                  "branch, else HEAD~1)")
      ->type_name("REV");
  cmd->add_option("--index", o->index_flag,
                  "Index folder (default: $PROVCHECK_INDEX, else .provcheck.json \"index\", "
                  "else .provcheck at the repository root)")
      ->type_name("DIR");
  cmd->add_option("--rules", o->rules_flag,
                  "Rules file (default: .provcheck.json \"rules\", else the built-in rules)")
      ->type_name("FILE");
  cmd->add_option("--date", o->scan.date,
                  "Publication date for the copyright year (default: the draft's date, "
                  "else today)")
      ->type_name("YYYY-MM-DD");
  cmd->add_option("--fail-on", o->scan.fail_on,
                  "Fail a draft on any error (default) or on any warning too")
      ->check(CLI::IsMember({"error", "warning"}));
  cmd->add_option("--format", o->scan.format, kOutputFormatHelp)
      ->check(CLI::IsMember({"text", "json", "sarif", "html", "github"}));
  cmd->add_flag("--brief", o->scan.brief, "With --format text: one line per finding");
  cmd->add_option("--out", o->scan.out, "Write the report to this file")->type_name("FILE");
  cmd->add_option("--color", o->scan.colour, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->footer(
      "Example:\n  provcheck ci --base origin/main --format sarif --out provcheck.sarif\n"
      "  provcheck ci --brief articles/\n"
      "Scans files changed between REV and the work tree (committed, staged, unstaged and\n"
      "untracked files not ignored), skipping deleted files and other formats. Defaults come\n"
      "from .provcheck.json at the repository root: {\"index\": DIR, \"rules\": FILE, "
      "\"paths\": [PATHSPEC...]}.\n"
      "The summary goes to stdout, or to stderr when stdout carries a json, sarif or html report.\n"
      "Exit codes: 0 every draft passes, 1 a draft fails, 2 an error.");
  return cmd;
}

}  // namespace provcheck::cli
