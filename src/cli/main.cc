// provcheck's command line: flags defined once with CLI11 (which generates
// --help), parsed into plain option structs, then handed to a command.
#include <CLI/CLI.hpp>
#include <csignal>

#include "cli/ci_flags.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output_formats.h"

#ifndef PROVCHECK_VERSION
#define PROVCHECK_VERSION "0.0.0"
#endif

namespace {

using provcheck::cli::kExitError;

void AddIndexFlag(CLI::App* cmd, std::string* dir) {
  cmd->add_option("--index", *dir, "Index folder (default: $PROVCHECK_INDEX, else .provcheck)")
      ->type_name("DIR");
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe becomes EPIPE, handled quietly
  CLI::App app{"provcheck: finds reused passages in a draft, checks credits, signs reports"};
  app.set_version_flag("--version", std::string("provcheck ") + PROVCHECK_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Example:\n  provcheck index add corpus/\n  provcheck scan examples/copied.md\n"
      "Exit codes: 0 pass, 1 the rules fail the draft, 2 usage, input or I/O error,\n"
      "3 a signature or digest did not verify.");

  std::string index_flag;

  // provcheck index ...
  CLI::App* index = app.add_subcommand("index", "Build and inspect the corpus index");
  index->require_subcommand(1);
  index->footer("Example:\n  provcheck index add corpus/ && provcheck index stats");

  provcheck::cli::IndexAddOptions add;
  CLI::App* add_cmd = index->add_subcommand(
      "add", "Add files, folders and .jsonl corpora to the index (created if missing)");
  add_cmd->add_option("paths", add.paths, "Files or folders (folders: every .txt .md .html .json .jsonl)")
      ->required()->type_name("PATH");
  add_cmd->add_option("--input-format", add.input_format,
                      "Read every file as text, markdown, html, json or jsonl")->type_name("FORMAT");
  add_cmd->add_option("-j,--jobs", add.threads,
                      "Threads that fingerprint documents (default: one per core)")
      ->type_name("N")->check(CLI::Range(1, 256));
  AddIndexFlag(add_cmd, &index_flag);
  add_cmd->footer(
      "Example:\n  provcheck index add corpus/ wire-feed.jsonl --index archive.idx\n"
      "Documents with the same id and content are left as they are; a changed one is replaced.\n"
      "A file that cannot be read is reported and skipped (exit 2); the rest are indexed.");

  provcheck::cli::IndexRemoveOptions remove;
  CLI::App* remove_cmd = index->add_subcommand("remove", "Remove documents by id");
  remove_cmd->add_option("ids", remove.ids, "Document ids")->required()->type_name("ID");
  AddIndexFlag(remove_cmd, &index_flag);
  remove_cmd->footer("Example:\n  provcheck index remove hh-001 hh-002");

  provcheck::cli::IndexReadOptions read;
  CLI::App* list_cmd = index->add_subcommand("list", "List the indexed documents");
  CLI::App* stats_cmd = index->add_subcommand("stats", "Show documents, fingerprints, size, id, digest");
  CLI::App* verify_cmd = index->add_subcommand("verify", "Check the index's integrity and digest");
  for (CLI::App* cmd : {list_cmd, stats_cmd}) {
    cmd->add_option("--format", read.format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
  }
  for (CLI::App* cmd : {list_cmd, stats_cmd, verify_cmd}) AddIndexFlag(cmd, &index_flag);
  list_cmd->footer("Example:\n  provcheck index list --format json");
  stats_cmd->footer("Example:\n  provcheck index stats --format json");
  verify_cmd->footer("Example:\n  provcheck index verify --index archive.idx   # exit 3 when damaged");

  // provcheck scan ...
  provcheck::cli::ScanCommandOptions scan;
  scan.version = PROVCHECK_VERSION;
  CLI::App* scan_cmd = app.add_subcommand("scan", "Scan drafts for passages found in the index");
  scan_cmd->add_option("drafts", scan.drafts, "Draft files (.txt .md .html .json)")
      ->required()->type_name("DRAFT");
  scan_cmd->add_option("--format", scan.format, provcheck::cli::kOutputFormatHelp)
      ->check(CLI::IsMember({"text", "json", "sarif", "html", "github"}));
  scan_cmd->add_flag("--brief", scan.brief,
                     "With --format text: one line per finding, file:line:col: severity: message");
  scan_cmd->add_option("--input-format", scan.input_format,
                       "Read drafts as text, markdown, html or json")->type_name("FORMAT");
  scan_cmd->add_option("--out", scan.out, "Write the report to this file")->type_name("FILE");
  scan_cmd->add_option("--color", scan.colour, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  scan_cmd->add_option("--sign", scan.sign_key,
                       "Sign with this private key: write DSSE envelopes (one per line) "
                       "instead of the report")->type_name("KEY");
  scan_cmd->add_option("--rules", scan.rules,
                       "Rules file (JSON, rules/schema.json); default: the built-in rules")
      ->type_name("FILE");
  scan_cmd->add_option("--date", scan.date,
                       "Publication date for the copyright year (default: the draft's date, "
                       "else today)")->type_name("YYYY-MM-DD");
  scan_cmd->add_option("--fail-on", scan.fail_on,
                       "Fail the draft on any error (default) or on any warning too")
      ->check(CLI::IsMember({"error", "warning"}));
  AddIndexFlag(scan_cmd, &index_flag);
  scan_cmd->footer(
      "Example:\n  provcheck scan examples/copied.md --format json --out report.json\n"
      "  provcheck scan examples/broken-credits.md --rules rules/newsroom.json\n"
      "  provcheck scan examples/copied.md --sign desk.key --out copied.dsse.json\n"
      "  provcheck scan examples/*.md --format html --out report.html\n"
      "Exit codes: 0 every draft passes, 1 a draft fails, 2 an error.");

  // provcheck ci: the drafts changed in a git checkout (ci_flags.cc).
  provcheck::cli::CiOptions ci;
  ci.scan.version = PROVCHECK_VERSION;
  CLI::App* ci_cmd = provcheck::cli::AddCiCommand(app, &ci);

  // provcheck keygen / sign / verify: signed reports (README, "Signed reports").
  provcheck::cli::KeygenOptions keygen;
  CLI::App* keygen_cmd = app.add_subcommand(
      "keygen", "Create an Ed25519 key pair: NAME.key (private, mode 0600) and NAME.pub");
  keygen_cmd->add_option("name", keygen.name, "Key file name without extension")
      ->required()->type_name("NAME");
  keygen_cmd->footer(
      "Example:\n  provcheck keygen desk   # writes desk.key and desk.pub, never overwrites");

  provcheck::cli::SignOptions sign_opts;
  CLI::App* sign_cmd = app.add_subcommand(
      "sign", "Sign a JSON report: a DSSE envelope holding an in-toto statement");
  sign_cmd->add_option("report", sign_opts.report, "One report, as scan --format json writes it")
      ->required()->type_name("REPORT.json");
  sign_cmd->add_option("--key", sign_opts.key, "Private key (mode 0600)")
      ->required()->type_name("NAME.key");
  sign_cmd->add_option("--out", sign_opts.out, "Write the envelope to this file")
      ->type_name("ENVELOPE");
  sign_cmd->footer(
      "Example:\n  provcheck sign report.json --key desk.key --out report.dsse.json");

  provcheck::cli::VerifyOptions verify_opts;
  CLI::App* verify_env_cmd = app.add_subcommand(
      "verify", "Verify a signed report and, when given, the draft, index and rules digests");
  verify_env_cmd->add_option("envelope", verify_opts.envelope, "DSSE envelope")
      ->required()->type_name("ENVELOPE");
  verify_env_cmd->add_option("--key", verify_opts.key, "The signer's public key")
      ->required()->type_name("NAME.pub");
  verify_env_cmd->add_option("--draft", verify_opts.draft, "Check the draft's sha256")
      ->type_name("FILE");
  verify_env_cmd->add_option("--index", verify_opts.index_dir, "Check the index digest")
      ->type_name("DIR");
  verify_env_cmd->add_option("--rules", verify_opts.rules, "Check the rules file's sha256")
      ->type_name("FILE");
  verify_env_cmd->footer(
      "Example:\n  provcheck verify report.dsse.json --key desk.pub --draft draft.md "
      "--index .provcheck\n"
      "Exit codes: 0 everything verified, 3 a signature or digest did not verify,\n"
      "2 unreadable input.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::fprintf(stderr, "provcheck: %s\n", e.what());
    std::fprintf(stderr, "provcheck: run with --help for usage\n");
    return kExitError;
  }

  const std::string dir = provcheck::cli::ResolveIndexDir(index_flag);
  if (add_cmd->parsed()) {
    add.index_dir = dir;
    return provcheck::cli::RunIndexAdd(add);
  }
  if (remove_cmd->parsed()) {
    remove.index_dir = dir;
    return provcheck::cli::RunIndexRemove(remove);
  }
  read.index_dir = dir;
  if (list_cmd->parsed()) return provcheck::cli::RunIndexList(read);
  if (stats_cmd->parsed()) return provcheck::cli::RunIndexStats(read);
  if (verify_cmd->parsed()) return provcheck::cli::RunIndexVerify(read);
  if (scan_cmd->parsed()) {
    scan.index_dir = dir;
    return provcheck::cli::RunScan(scan);
  }
  if (ci_cmd->parsed()) return provcheck::cli::RunCi(ci);
  if (keygen_cmd->parsed()) return provcheck::cli::RunKeygen(keygen);
  if (sign_cmd->parsed()) return provcheck::cli::RunSign(sign_opts);
  if (verify_env_cmd->parsed()) return provcheck::cli::RunVerify(verify_opts);
  return kExitError;
}
