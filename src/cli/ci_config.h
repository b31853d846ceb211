// .provcheck.json: the defaults of `provcheck ci` for a repository, read
// from its root so that `provcheck ci` alone works there.
//
//   {"index": ".provcheck",                  // index folder
//    "rules": "rules/newsroom.json",         // rules file
//    "paths": ["articles/", "drafts/*.md"]}  // git pathspecs selecting drafts
//
// Paths are relative to the repository root. Every member is optional;
// "$comment" is allowed and ignored; any other member is an error.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_CLI_CI_CONFIG_H_
#define PROVCHECK_SRC_CLI_CI_CONFIG_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/result.h"

namespace provcheck::cli {

inline constexpr char kCiConfigName[] = ".provcheck.json";

struct CiConfig {
  bool found = false;  // the file exists
  std::optional<std::string> index;
  std::optional<std::string> rules;
  std::optional<std::vector<std::string>> paths;
};

// Parses the bytes of the config file `name`. Fails with kInvalidInput and
// one message naming the place, "NAME:LINE:COLUMN: ..." (with the JSON path
// when the problem is a member's value): not strict JSON (RFC 8259, no
// duplicate keys), not an object, an unknown member, a value of the wrong
// type, an empty string or one holding a NUL character.
Result<CiConfig> ParseCiConfig(std::string_view name, std::string_view bytes);

// Reads `root`/.provcheck.json; a missing file gives an empty config.
Result<CiConfig> LoadCiConfig(const std::string& root);

}  // namespace provcheck::cli

#endif  // PROVCHECK_SRC_CLI_CI_CONFIG_H_
