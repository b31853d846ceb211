// A mistyped subcommand ("provcheck scna", "provcheck index ad") gets the
// nearest real name instead of CLI11's "A subcommand is required".
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace provcheck::cli {

// The message for the first word of argv that should name a subcommand of
// `app` (or of one of its subcommands) and does not, e.g.
// "unknown command \"scna\"; did you mean \"scan\"?"; nullopt when the words
// name real subcommands (or an option comes first).
std::optional<std::string> UnknownSubcommand(const CLI::App& app, int argc, char** argv);

}  // namespace provcheck::cli
