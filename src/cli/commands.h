// The commands behind the command line. Each takes plain options parsed by
// main.cc, does its work through the library, and returns an exit code.
#ifndef PROVCHECK_SRC_CLI_COMMANDS_H_
#define PROVCHECK_SRC_CLI_COMMANDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "provcheck/report.h"
#include "provcheck/report_writer.h"
#include "provcheck/result.h"
#include "provcheck/sign.h"

namespace provcheck::cli {

// --index DIR, else $PROVCHECK_INDEX, else .provcheck
std::string ResolveIndexDir(const std::string& flag);

struct IndexAddOptions {
  std::string index_dir;
  std::vector<std::string> paths;
  std::string input_format;  // empty: by extension
  unsigned threads = 0;      // fingerprinting workers; 0: every core
  size_t batch_files = 0;    // --batch-files; 0: the library's default
  bool text = false;         // --text: each NUL byte read as a space
  bool quiet = false;        // -q: no progress, no summary; errors and the exit code only
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

struct IndexShardAddOptions {
  std::string index_dir;            // the router: a PostgreSQL conninfo
  std::vector<std::string> shards;  // empty databases to add (none: rebalance only)
};
int RunIndexShardAdd(const IndexShardAddOptions& options);

// --color: ANSI colours always, never, or on a terminal (NO_COLOR unset).
enum class ColourMode { kAuto, kAlways, kNever };

struct ScanCommandOptions {
  std::string index_dir;
  std::vector<std::string> drafts;
  OutputFormat format = OutputFormat::kText;
  std::string input_format;  // empty: by extension
  std::string out;           // empty: stdout
  ColourMode colour = ColourMode::kAuto;
  std::string sign_key;                 // --sign KEY: write DSSE envelopes, one per line
  std::string sign_timestamp;           // --timestamp URL: Sigstore bundles with RFC 3161 tokens
  bool brief = false;                   // --brief: text as one line per finding
  std::string rules;                    // --rules F: a rules file; empty: the built-in rules
  std::string date;                     // --date YYYY-MM-DD: the publication date
  Severity fail_on = Severity::kError;  // --fail-on error|warning
  bool text = false;                    // --text: a draft's NUL bytes read as spaces
  bool quiet = false;                   // -q: nothing on stdout (a --out file is still written)
  // --allow-outside-paths: a rules file's roster (and, for ci, the rules
  // and index .provcheck.json names) may lie outside its folder
  bool allow_outside_paths = false;
  // When set (by ci), drafts are read from draft_root/<path> while reports
  // name them by <path>, relative to the repository root.
  std::string draft_root;
};
int RunScan(const ScanCommandOptions& options);

// What a scan did with one draft, for ci's summary.
struct DraftOutcome {
  enum class State { kPass, kFail, kError };
  std::string path;
  State state = State::kError;
  uint32_t passages = 0;
  uint32_t findings = 0;
  uint32_t words = 0;
  double reused_share = 0;
  std::string error;  // kError: the message
};
// RunScan's work; when `outcomes` is not null it receives one entry per
// draft, in input order. Returns the exit code.
int ScanDrafts(const ScanCommandOptions& options, std::vector<DraftOutcome>* outcomes);

// --- provcheck ci (ci_command.cc)

struct CiOptions {
  ScanCommandOptions scan;             // format, brief, out, colour, date, fail_on
  std::string index_flag;              // --index as given (empty: config, env, default)
  std::string rules_flag;              // --rules as given (empty: config)
  std::string base;                    // --base REV (empty: upstream merge base, else HEAD~1)
  std::vector<std::string> pathspecs;  // empty: config "paths", else every draft
};
int RunCi(const CiOptions& options);

// --- Signed reports (sign_commands.cc, flags in sign_flags.cc): glue over
// include/provcheck/sign.h.

struct KeygenOptions {
  std::string name;        // writes NAME.key and NAME.pub
  std::string keyring;     // --keyring FILE: also add the public key there
  std::string key_name;    // --key-name: its name in the keyring (default: NAME's file name)
  std::string not_before;  // --not-before TIME (default: now)
  std::string not_after;   // --not-after TIME (default: no end)
};
int RunKeygen(const KeygenOptions& options);

struct SignOptions {
  std::string report;     // one JSON report
  std::string key;        // private key
  std::string out;        // empty: stdout
  std::string timestamp;  // --timestamp URL: an RFC 3161 TSA; writes a Sigstore bundle
};
int RunSign(const SignOptions& options);

struct VerifyOptions {
  std::string envelope;   // a DSSE envelope or a Sigstore bundle
  std::string key;        // public key; or
  std::string keyring;    // a keyring (exactly one of the two)
  std::string tsa_ca;     // trusted TSA root certificates (PEM); empty: time unproven
  std::string draft;      // empty: not checked
  std::string index_dir;  // empty: not checked
  std::string rules;      // empty: not checked
};
int RunVerify(const VerifyOptions& options);

}  // namespace provcheck::cli

#endif  // PROVCHECK_SRC_CLI_COMMANDS_H_
