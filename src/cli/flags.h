// The command line's flags, each defined once (name, help, type, parser),
// with CLI11 generating -h and --help from them. Each Add*Commands adds a
// group of subcommands and, when one of them is chosen, sets *run to the
// command to run with its parsed options.
#ifndef PROVCHECK_SRC_CLI_FLAGS_H_
#define PROVCHECK_SRC_CLI_FLAGS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace provcheck::cli {

std::string ResolveIndexDir(const std::string& flag);  // commands.h

using Runner = std::function<int()>;

// index add | remove | list | stats | verify
void AddIndexCommands(CLI::App& app, Runner* run);
// scan, ci: one flag set shared by both
void AddScanCommands(CLI::App& app, Runner* run);
// keygen, sign, verify
void AddSignCommands(CLI::App& app, Runner* run);

// A flag taking one of a few names, parsed into an enum at parse time:
// "--format foo" fails with "--format foo: expected one of text, json, ...".
template <typename T>
CLI::Option* AddChoice(CLI::App* cmd, const std::string& flag, T* out,
                       std::vector<std::pair<std::string, T>> choices, const std::string& help) {
  std::string names;
  for (const auto& c : choices) names += (names.empty() ? "" : ", ") + c.first;
  const std::string name = flag.substr(flag.rfind(',') + 1);
  return cmd
      ->add_option_function<std::string>(
          flag,
          [out, choices, names, name](const std::string& value) {
            for (const auto& c : choices) {
              if (c.first == value) {
                *out = c.second;
                return;
              }
            }
            throw CLI::ValidationError(name + " " + value, "expected one of " + names);
          },
          help)
      ->type_name(names);
}

// --index DIR, with where its default comes from.
void AddIndexFlag(CLI::App* cmd, std::string* dir, const std::string& default_help);

// Sets `cmd` to run `command(*options)` once the line is parsed, with
// options->index_dir resolved first (--index, $PROVCHECK_INDEX,
// .provcheck.json: ResolveIndexDir).
template <typename Options>
void RunWithIndex(CLI::App* cmd, std::shared_ptr<Options> options, Runner* run,
                  int (*command)(const Options&)) {
  cmd->callback([options, run, command] {
    *run = [options, command] {
      options->index_dir = ResolveIndexDir(options->index_dir);
      return command(*options);
    };
  });
}

}  // namespace provcheck::cli

#endif  // PROVCHECK_SRC_CLI_FLAGS_H_
