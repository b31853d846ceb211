// provcheck's command line: flags defined once (flags.h), parsed into plain
// option structs, then handed to a command.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>

#include "cli/did_you_mean.h"
#include "cli/exit_codes.h"
#include "cli/flags.h"
#include "cli/serve_command.h"
#include "provcheck/version.h"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a closed pipe becomes EPIPE, handled quietly
  CLI::App app{"provcheck: finds reused passages in a draft, checks credits, signs reports"};
  app.set_version_flag("-V,--version", std::string("provcheck ") + provcheck::kVersion);
  app.require_subcommand(1);
  app.footer(
      "Example:\n  provcheck index add corpus/\n  provcheck scan examples/copied.md\n"
      "Exit codes: 0 pass, 1 the rules fail the draft, 2 usage, input or I/O error,\n"
      "3 a signature or digest did not verify.");

  provcheck::cli::Runner run;
  provcheck::cli::AddIndexCommands(app, &run);
  provcheck::cli::AddScanCommands(app, &run);
  provcheck::cli::AddSignCommands(app, &run);
  provcheck::cli::AddServeCommands(app, &run);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    const std::optional<std::string> unknown = provcheck::cli::UnknownSubcommand(app, argc, argv);
    std::fprintf(stderr, "provcheck: %s\n", unknown ? unknown->c_str() : e.what());
    std::fprintf(stderr, "provcheck: run with --help for usage\n");
    return provcheck::cli::kExitError;
  }
  return run ? run() : provcheck::cli::kExitError;
}
