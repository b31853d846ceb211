// The commands behind the command line. Each takes plain options parsed by
// main.cc, does its work through the library, and returns an exit code.
#ifndef PROVCHECK_SRC_CLI_COMMANDS_H_
#define PROVCHECK_SRC_CLI_COMMANDS_H_

#include <string>
#include <vector>

namespace provcheck::cli {

// --index DIR, else $PROVCHECK_INDEX, else .provcheck
std::string ResolveIndexDir(const std::string& flag);

struct IndexAddOptions {
  std::string index_dir;
  std::vector<std::string> paths;
  std::string input_format;  // empty: by extension
};
int RunIndexAdd(const IndexAddOptions& options);

struct IndexRemoveOptions {
  std::string index_dir;
  std::vector<std::string> ids;
};
int RunIndexRemove(const IndexRemoveOptions& options);

struct IndexReadOptions {
  std::string index_dir;
  std::string format = "text";  // text or json
};
int RunIndexList(const IndexReadOptions& options);
int RunIndexStats(const IndexReadOptions& options);
int RunIndexVerify(const IndexReadOptions& options);

struct ScanCommandOptions {
  std::string index_dir;
  std::vector<std::string> drafts;
  std::string format = "text";  // text or json
  std::string input_format;     // empty: by extension
  std::string out;              // empty: stdout
  std::string colour = "auto";  // auto, always, never
  std::string version;
};
int RunScan(const ScanCommandOptions& options);

}  // namespace provcheck::cli

#endif  // PROVCHECK_SRC_CLI_COMMANDS_H_
