// The flags of `provcheck scan` and `provcheck ci`: one set, each flag
// defined once. Both commands share the report and assessment flags; only
// where --index and --rules take their defaults differs.
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/flags.h"
#include "provcheck/report_writer.h"

namespace provcheck::cli {
namespace {

// Every output format by name, in --help's order.
std::vector<std::pair<std::string, OutputFormat>> FormatChoices() {
  std::vector<std::pair<std::string, OutputFormat>> choices;
  for (OutputFormat f : AllOutputFormats()) choices.emplace_back(OutputFormatName(f), f);
  return choices;
}

// Where --index and --rules take their defaults from.
struct Defaults {
  std::string index;
  std::string rules;
};

// The flags scan and ci share, into `o`; --rules into `rules`.
void AddSharedScanFlags(CLI::App* cmd, ScanCommandOptions* o, std::string* rules,
                        const Defaults& defaults) {
  AddIndexFlag(cmd, &o->index_dir, defaults.index);
  cmd->add_option("--rules", *rules,
                  "Rules file (JSON, rules/schema.json; default: " + defaults.rules + ")")
      ->type_name("FILE");
  cmd->add_option("--date", o->date,
                  "Publication date for the copyright year (default: the draft's date, "
                  "else today)")
      ->type_name("YYYY-MM-DD");
  AddChoice(cmd, "--fail-on", &o->fail_on,
            {{"error", Severity::kError}, {"warning", Severity::kWarning}},
            "Fail a draft on any error (default) or on any warning too");
  AddChoice(cmd, "-f,--format", &o->format, FormatChoices(),
            "Output (default text; json: one report per line; sarif: SARIF 2.1.0; html: one "
            "page; github: Actions annotations)");
  cmd->add_flag("--brief", o->brief,
                "With --format text: one line per finding, file:line:col: severity: message");
  cmd->add_option("-o,--out", o->out, "Write the report to this file")->type_name("FILE");
  cmd->add_flag("-q,--quiet", o->quiet,
                "Print nothing on standard output: the exit code gives the verdict (errors "
                "still go to standard error; a --out file is still written)");
  cmd->add_flag("--allow-outside-paths", o->allow_outside_paths,
                "Let a rules file's roster, and .provcheck.json's \"rules\" and \"index\", "
                "lie outside the folder naming them (default: refused)");
  cmd->add_flag("-a,--text", o->text,
                "Read drafts holding NUL bytes, each NUL as a space (default: refused as binary)");
  AddChoice(
      cmd, "--color", &o->colour,
      {{"auto", ColourMode::kAuto}, {"always", ColourMode::kAlways}, {"never", ColourMode::kNever}},
      "Colour the text report (default auto: on a terminal, unless NO_COLOR is set)");
}

void AddScan(CLI::App& app, Runner* run) {
  auto o = std::make_shared<ScanCommandOptions>();
  CLI::App* cmd = app.add_subcommand("scan", "Scan drafts for passages found in the index");
  cmd->add_option("drafts", o->drafts,
                  "Draft files (.txt .md .html .json .docx .odt) or folders of drafts; - reads "
                  "standard input (with --input-format)")
      ->required()
      ->type_name("DRAFT");
  AddSharedScanFlags(cmd, o.get(), &o->rules,
                     {"$PROVCHECK_INDEX, else .provcheck", "the built-in rules"});
  cmd->add_option("--input-format", o->input_format, "Read drafts as text, markdown, html, json, docx or odt")
      ->type_name("FORMAT");
  cmd->add_option("--sign", o->sign_key,
                  "Sign with this private key: write DSSE envelopes (one per line) "
                  "instead of the report")
      ->type_name("KEY");
  cmd->add_option("--timestamp", o->sign_timestamp,
                  "With --sign: have this RFC 3161 time-stamping authority stamp each "
                  "signature; writes Sigstore bundles (docs/signing.md)")
      ->type_name("URL")
      ->needs("--sign");
  cmd->footer(
      "Example:\n  provcheck scan examples/copied.md --format json --out report.json\n"
      "  provcheck scan examples/broken-credits.md --rules rules/newsroom.json\n"
      "  provcheck scan examples/copied.md --sign desk.key --out copied.dsse.json\n"
      "  provcheck scan examples/*.md --format html --out report.html\n"
      "Exit codes: 0 every draft passes, 1 a draft fails, 2 an error.");
  RunWithIndex(cmd, o, run, RunScan);
}

void AddCi(CLI::App& app, Runner* run) {
  auto o = std::make_shared<CiOptions>();
  CLI::App* cmd = app.add_subcommand(
      "ci", "Scan the drafts added or changed in this git checkout since a base revision");
  cmd->add_option("pathspecs", o->pathspecs,
                  "Git pathspecs choosing the drafts (default: .provcheck.json \"paths\", "
                  "else every .md .markdown .txt .html .htm .docx .odt file)")
      ->type_name("PATHSPEC");
  cmd->add_option("--base", o->base,
                  "Compare with this revision (default: the merge base with the upstream "
                  "branch, else HEAD~1)")
      ->type_name("REV");
  // ci resolves --index and --rules itself (flag, environment, .provcheck.json).
  AddSharedScanFlags(cmd, &o->scan, &o->rules_flag,
                     {"$PROVCHECK_INDEX, else .provcheck.json \"index\", else .provcheck at "
                      "the repository root",
                      ".provcheck.json \"rules\", else the built-in rules"});
  cmd->footer(
      "Example:\n  provcheck ci --base origin/main --format sarif --out provcheck.sarif\n"
      "  provcheck ci --brief articles/\n"
      "Scans files changed between REV and the work tree (committed, staged, unstaged and\n"
      "untracked files not ignored), skipping deleted files and other formats. Defaults come\n"
      "from .provcheck.json at the repository root: {\"index\": DIR, \"rules\": FILE, "
      "\"paths\": [PATHSPEC...]}.\n"
      "The summary goes to stdout, or to stderr when stdout carries a json, sarif or html report.\n"
      "Exit codes: 0 every draft passes, 1 a draft fails, 2 an error.");
  cmd->callback([o, run] {
    *run = [o] {
      o->index_flag = o->scan.index_dir;
      return RunCi(*o);
    };
  });
}

}  // namespace

void AddScanCommands(CLI::App& app, Runner* run) {
  AddScan(app, run);
  AddCi(app, run);
}

}  // namespace provcheck::cli
