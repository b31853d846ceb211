// The flags of `provcheck ci`, defined once with CLI11 (main.cc calls this).
#ifndef PROVCHECK_SRC_CLI_CI_FLAGS_H_
#define PROVCHECK_SRC_CLI_CI_FLAGS_H_

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace provcheck::cli {

// Adds the `ci` subcommand to `app`, parsing into `options` (which must
// outlive parsing). Returns the subcommand.
CLI::App* AddCiCommand(CLI::App& app, CiOptions* options);

}  // namespace provcheck::cli

#endif  // PROVCHECK_SRC_CLI_CI_FLAGS_H_
