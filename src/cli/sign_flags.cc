// The flags of `provcheck keygen`, `sign` and `verify`: signed reports
// (README, "Signed reports"; docs/signing.md).
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
  keygen_cmd
      ->add_option("--keyring", keygen->keyring,
                   "Also add the public key to this keyring (created if missing)")
      ->type_name("FILE");
  keygen_cmd
      ->add_option("--key-name", keygen->key_name,
                   "The key's name in the keyring (default: NAME without folders)")
      ->type_name("NAME");
  keygen_cmd
      ->add_option("--not-before", keygen->not_before,
                   "Keyring: the key is valid from this UTC time (default: now)")
      ->type_name("TIME");
  keygen_cmd
      ->add_option("--not-after", keygen->not_after,
                   "Keyring: the key is valid until this UTC time (default: no end)")
      ->type_name("TIME");
  keygen_cmd->footer(
      "Example:\n  provcheck keygen desk   # writes desk.key and desk.pub, never overwrites\n"
      "  provcheck keygen desk-2027 --keyring newsroom.keyring.json \\\n"
      "      --not-before 2027-01-01T00:00:00Z --not-after 2027-12-31T23:59:59Z");
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
  sign_cmd->add_option("-o,--out", sign->out, "Write the envelope (or bundle) to this file")
      ->type_name("ENVELOPE");
  sign_cmd
      ->add_option("--timestamp", sign->timestamp,
                   "Have this RFC 3161 time-stamping authority stamp the signature; "
                   "writes a Sigstore bundle holding the envelope and the token")
      ->type_name("URL");
  sign_cmd->footer(
      "Example:\n  provcheck sign report.json --key desk.key --out report.dsse.json\n"
      "  provcheck sign report.json --key desk.key --timestamp http://tsa.example/tsr "
      "--out report.bundle.json");
  sign_cmd->callback([sign, run] { *run = [sign] { return RunSign(*sign); }; });

  auto verify = std::make_shared<VerifyOptions>();
  CLI::App* verify_cmd = app.add_subcommand(
      "verify", "Verify a signed report and, when given, the draft, index and rules digests");
  verify_cmd->add_option("envelope", verify->envelope, "DSSE envelope or Sigstore bundle")
      ->required()
      ->type_name("ENVELOPE");
  CLI::Option* key = verify_cmd->add_option("--key", verify->key, "The signer's public key")
                         ->type_name("NAME.pub");
  CLI::Option* keyring =
      verify_cmd
          ->add_option("--keyring", verify->keyring,
                       "Trusted keys with validity periods; says which one signed")
          ->type_name("FILE");
  key->excludes(keyring);
  verify_cmd
      ->add_option("--tsa-ca", verify->tsa_ca,
                   "Trusted root certificates (PEM) of time-stamping authorities")
      ->type_name("FILE");
  verify_cmd->add_option("--draft", verify->draft, "Check the draft's sha256")->type_name("FILE");
  verify_cmd->add_option("--index", verify->index_dir, "Check the index digest")->type_name("DIR");
  verify_cmd->add_option("--rules", verify->rules, "Check the rules file's sha256")
      ->type_name("FILE");
  verify_cmd->footer(
      "Example:\n  provcheck verify report.dsse.json --key desk.pub --draft draft.md "
      "--index .provcheck\n"
      "  provcheck verify report.bundle.json --keyring newsroom.keyring.json --tsa-ca tsa.pem\n"
      "One of --key and --keyring is needed.\n"
      "Exit codes: 0 everything verified, 3 a signature, timestamp or digest did not verify,\n"
      "2 unreadable or malformed input.");
  verify_cmd->callback([verify, run] { *run = [verify] { return RunVerify(*verify); }; });
}

}  // namespace provcheck::cli
