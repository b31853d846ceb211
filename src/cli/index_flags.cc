// The flags of `provcheck index ...`.
#include <memory>

#include "cli/commands.h"
#include "cli/flags.h"

namespace provcheck::cli {

void AddIndexFlag(CLI::App* cmd, std::string* dir, const std::string& default_help) {
  cmd->add_option("--index", *dir,
                  "Index folder or postgresql:// URI (default: " + default_help + ")")
      ->type_name("DIR|URI");
}

void AddIndexCommands(CLI::App& app, Runner* run) {
  const std::string index_default = "$PROVCHECK_INDEX, else .provcheck";
  CLI::App* index = app.add_subcommand("index", "Build and inspect the corpus index");
  index->require_subcommand(1);
  index->footer("Example:\n  provcheck index add corpus/ && provcheck index stats");

  auto add = std::make_shared<IndexAddOptions>();
  CLI::App* add_cmd = index->add_subcommand(
      "add", "Add files, folders and .jsonl corpora to the index (created if missing)");
  add_cmd
      ->add_option("paths", add->paths,
                   "Files or folders (folders: every .txt .md .html .json .jsonl .docx .odt)")
      ->required()
      ->type_name("PATH");
  add_cmd
      ->add_option("--input-format", add->input_format,
                   "Read every file as text, markdown, html, json, jsonl, docx or odt")
      ->type_name("FORMAT");
  add_cmd
      ->add_option("-j,--jobs", add->threads,
                   "Threads that fingerprint documents (default: one per core)")
      ->type_name("N")
      ->check(CLI::Range(1, 256));
  add_cmd
      ->add_option("--batch-files", add->batch_files,
                   "Commit after this many files (default 65536) or 256 MB, whichever comes "
                   "first; smaller batches show other readers the new documents sooner")
      ->type_name("N")
      ->check(CLI::Range(size_t{1}, size_t{1} << 30));
  add_cmd->add_flag("-a,--text", add->text,
                    "Read files holding NUL bytes, each NUL as a space (default: refused as "
                    "binary)");
  add_cmd->add_flag("-q,--quiet", add->quiet,
                    "No progress and no summary: errors and the exit code only");
  AddIndexFlag(add_cmd, &add->index_dir, index_default);
  add_cmd->footer(
      "Example:\n  provcheck index add corpus/ wire-feed.jsonl --index archive.idx\n"
      "Documents with the same id and content are left as they are; a changed one is replaced.\n"
      "A file that cannot be read is reported and skipped (exit 2); the rest are indexed.");
  RunWithIndex(add_cmd, add, run, RunIndexAdd);

  auto remove = std::make_shared<IndexRemoveOptions>();
  CLI::App* remove_cmd = index->add_subcommand("remove", "Remove documents by id");
  remove_cmd->add_option("ids", remove->ids, "Document ids")->required()->type_name("ID");
  AddIndexFlag(remove_cmd, &remove->index_dir, index_default);
  remove_cmd->footer("Example:\n  provcheck index remove hh-001 hh-002");
  RunWithIndex(remove_cmd, remove, run, RunIndexRemove);

  auto shard = std::make_shared<IndexShardAddOptions>();
  CLI::App* shard_cmd =
      index->add_subcommand("shard", "Spread a PostgreSQL index over several servers");
  shard_cmd->require_subcommand(1);
  CLI::App* shard_add = shard_cmd->add_subcommand(
      "add", "Add empty shard databases to a router database and move documents onto them");
  shard_add->add_option("shards", shard->shards, "libpq URIs of empty databases (none: only rebalance)")
      ->type_name("URI");
  AddIndexFlag(shard_add, &shard->index_dir, index_default);
  shard_add->footer(
      "Example:\n  provcheck index shard add postgresql://pc@db2/shard postgresql://pc@db3/shard "
      "--index postgresql://pc@db1/router\n"
      "The router database (empty, or a router already) runs every lookup on all shards with "
      "PL/Proxy.\nPasswords come from PGPASSFILE or a service file, never from the URIs.");
  RunWithIndex(shard_add, shard, run, RunIndexShardAdd);

  struct ReadCommand {
    const char* name;
    const char* help;
    const char* example;
    bool json;
    int (*command)(const IndexReadOptions&);
  };
  const ReadCommand reads[] = {
      {"list", "List the indexed documents", "provcheck index list --format json", true,
       RunIndexList},
      {"stats", "Show documents, fingerprints, size, id, digest",
       "provcheck index stats --format json", true, RunIndexStats},
      {"verify", "Check the index's integrity and digest",
       "provcheck index verify --index archive.idx   # exit 3 when damaged", false, RunIndexVerify},
  };
  for (const ReadCommand& r : reads) {
    auto options = std::make_shared<IndexReadOptions>();
    CLI::App* cmd = index->add_subcommand(r.name, r.help);
    if (r.json) {
      cmd->add_option("-f,--format", options->format, "text or json")
          ->check(CLI::IsMember({"text", "json"}));
    }
    AddIndexFlag(cmd, &options->index_dir, index_default);
    cmd->footer(std::string("Example:\n  ") + r.example);
    RunWithIndex(cmd, options, run, r.command);
  }
}

}  // namespace provcheck::cli
