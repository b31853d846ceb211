// The flags of `provcheck keygen`, `sign` and `verify`: signed reports
// (README, "Signed reports").
#include <memory>

#include "cli/commands.h"
#include "cli/flags.h"

namespace provcheck::cli {

void AddSignCommands(CLI::App& app, Runner* run) {
  auto keygen = std::make_shared<KeygenOptions>();
  CLI::App* keygen_cmd = app.add_subcommand(
      "keygen", "Create an Ed25519 key pair: NAME.key (private, mode 0600) and NAME.pub");
  keygen_cmd->add_option("name", keygen->name, "Key file name without extension")
      ->required()
      ->type_name("NAME");
  keygen_cmd->footer(
      "Example:\n  provcheck keygen desk   # writes desk.key and desk.pub, never overwrites");
  keygen_cmd->callback([keygen, run] { *run = [keygen] { return RunKeygen(*keygen); }; });

  auto sign = std::make_shared<SignOptions>();
  CLI::App* sign_cmd = app.add_subcommand(
      "sign", "Sign a JSON report: a DSSE envelope holding an in-toto statement");
  sign_cmd->add_option("report", sign->report, "One report, as scan --format json writes it")
      ->required()
      ->type_name("REPORT.json");
  sign_cmd->add_option("--key", sign->key, "Private key (mode 0600)")
      ->required()
      ->type_name("NAME.key");
  sign_cmd->add_option("-o,--out", sign->out, "Write the envelope to this file")
      ->type_name("ENVELOPE");
  sign_cmd->footer("Example:\n  provcheck sign report.json --key desk.key --out report.dsse.json");
  sign_cmd->callback([sign, run] { *run = [sign] { return RunSign(*sign); }; });

  auto verify = std::make_shared<VerifyOptions>();
  CLI::App* verify_cmd = app.add_subcommand(
      "verify", "Verify a signed report and, when given, the draft, index and rules digests");
  verify_cmd->add_option("envelope", verify->envelope, "DSSE envelope")
      ->required()
      ->type_name("ENVELOPE");
  verify_cmd->add_option("--key", verify->key, "The signer's public key")
      ->required()
      ->type_name("NAME.pub");
  verify_cmd->add_option("--draft", verify->draft, "Check the draft's sha256")->type_name("FILE");
  verify_cmd->add_option("--index", verify->index_dir, "Check the index digest")->type_name("DIR");
  verify_cmd->add_option("--rules", verify->rules, "Check the rules file's sha256")
      ->type_name("FILE");
  verify_cmd->footer(
      "Example:\n  provcheck verify report.dsse.json --key desk.pub --draft draft.md "
      "--index .provcheck\n"
      "Exit codes: 0 everything verified, 3 a signature or digest did not verify,\n"
      "2 unreadable input.");
  verify_cmd->callback([verify, run] { *run = [verify] { return RunVerify(*verify); }; });
}

}  // namespace provcheck::cli
