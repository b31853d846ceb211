"""Trusted timestamps and bundles (issue 20): sign --timestamp against a real
RFC 3161 authority on loopback (tsa_support.py), the Sigstore bundle v0.3 it
writes, and verify refusing every altered, misdirected, untrusted or expired
token with exit 3 and a reason.
"""

import base64
import hashlib
import json
import os
import shutil
import tempfile
import subprocess
import unittest

from common import SOURCE_DIR, FolderFiles, TempDirTest, provcheck
import tsa_support

FIX = None
MATRIX = {}

DRAFT = "Council members met to discuss a budget for parks and a new bus timetable.\n"
CORPUS = ("The harbour board voted on Tuesday to close the old ferry terminal after forty years "
          "of service, citing rising repair costs and falling passenger numbers.\n")


class Fixture(FolderFiles):
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="provcheck-e2e-ts-")
        self.tsa = tsa_support.Tsa(self.path("tsa")).start()
        self.write("corpus/one.txt", CORPUS)
        self.index = self.path("idx")
        assert provcheck("index", "add", self.path("corpus"), "--index", self.index).code == 0
        run = provcheck("keygen", "desk", "--keyring", "desk.keyring.json", cwd=self.dir)
        assert run.code == 0, repr(run)
        self.key, self.pub = self.path("desk.key"), self.path("desk.pub")
        self.keyring = self.path("desk.keyring.json")
        self.write("draft.txt", DRAFT)
        run = provcheck("scan", "draft.txt", "--index", self.index, "--format", "json",
                        "--out", self.path("report.json"), cwd=self.dir)
        assert run.code == 0, repr(run)
        self.report = self.path("report.json")
        self.envelope_path = self.path("draft.dsse.json")
        run = provcheck("sign", self.report, "--key", self.key, "--out", self.envelope_path)
        assert run.code == 0, repr(run)
        self.bundle_path = self.path("draft.bundle.json")
        run = provcheck("sign", self.report, "--key", self.key, "--timestamp", self.tsa.url,
                        "--out", self.bundle_path)
        assert run.code == 0, repr(run)
        with open(self.bundle_path, "rb") as f:
            self.bundle_bytes = f.read()
        self.bundle = json.loads(self.bundle_bytes)
        with open(self.envelope_path, "rb") as f:
            self.envelope = json.loads(f.read())
        self.sig = base64.b64decode(self.bundle["dsseEnvelope"]["signatures"][0]["sig"])
        self.token = base64.b64decode(self.bundle["verificationMaterial"]
                                      ["timestampVerificationData"]["rfc3161Timestamps"][0]
                                      ["signedTimestamp"])


def setUpModule():
    global FIX
    if tsa_support.OPENSSL is None:
        raise unittest.SkipTest("the openssl command line is needed for the test TSA")
    FIX = Fixture()


def tearDownModule():
    if FIX is not None:
        FIX.tsa.stop()
        shutil.rmtree(FIX.dir, True)
    if MATRIX:
        print("\ntimestamp tamper matrix (tried / refused with exit 3):")
        for name, (tried, refused) in MATRIX.items():
            print("  %-52s %4d / %4d%s" % (name, tried, refused,
                                           "" if tried == refused else "  <-- ACCEPTED"))


def keep_artifact(path, name):
    """Copies `path` into $PROVCHECK_ARTIFACT_DIR (when set) for a later look."""
    folder = os.environ.get("PROVCHECK_ARTIFACT_DIR")
    if not folder:
        return "(no PROVCHECK_ARTIFACT_DIR)"
    os.makedirs(folder, exist_ok=True)
    shutil.copy(FIX.tsa.ca_pem, os.path.join(folder, "stalled-tsa-ca.pem"))
    shutil.copy(FIX.pub, os.path.join(folder, "stalled-desk.pub"))
    return shutil.copy(path, os.path.join(folder, name))


def with_token(token):
    """The fixture's bundle with its timestamp replaced by `token` (DER bytes)."""
    bundle = json.loads(FIX.bundle_bytes)
    bundle["verificationMaterial"]["timestampVerificationData"]["rfc3161Timestamps"] = [
        {"signedTimestamp": base64.b64encode(token).decode()}]
    return json.dumps(bundle)


class TimestampTest(TempDirTest):

    def verify(self, path, *extra, key=True, tsa=True, timeout=300):
        args = ["verify", path] + (["--key", FIX.pub] if key else ["--keyring", FIX.keyring])
        if tsa:
            args += ["--tsa-ca", FIX.tsa.ca_pem]
        return provcheck(*(args + list(extra)), timeout=timeout)

    def refused(self, run, *fragments, code=3):
        self.assertExit(run, code)
        self.assertOneErrorLine(run, *fragments)

    # --- What sign --timestamp writes

    def test_bundle_has_the_sigstore_v03_shape(self):
        b = FIX.bundle
        self.assertEqual(sorted(b), ["dsseEnvelope", "mediaType", "verificationMaterial"])
        self.assertEqual(b["mediaType"], "application/vnd.dev.sigstore.bundle.v0.3+json")
        keyid = FIX.envelope["signatures"][0]["keyid"]
        self.assertEqual(b["verificationMaterial"]["publicKey"], {"hint": keyid})
        stamps = b["verificationMaterial"]["timestampVerificationData"]["rfc3161Timestamps"]
        self.assertEqual(len(stamps), 1)
        # The envelope inside is the very envelope sign writes without --timestamp
        # (Ed25519 is deterministic), and the file is canonical JSON on one line.
        self.assertEqual(b["dsseEnvelope"], FIX.envelope)
        self.assertEqual(FIX.bundle_bytes, json.dumps(b, sort_keys=True, separators=(",", ":"))
                         .encode() + b"\n")

    def test_token_is_over_the_sha256_of_the_signature(self):
        # openssl itself reads the stored reply and checks it against the signature bytes.
        sig = self.write("sig.bin", FIX.sig)
        tsr = self.write("ts.tsr", FIX.token)
        out = tsa_support.run(tsa_support.OPENSSL, "ts", "-verify", "-data", sig, "-in", tsr,
                              "-CAfile", FIX.tsa.ca_pem)
        self.assertIn(b"Verification: OK", out)
        text = tsa_support.run(tsa_support.OPENSSL, "ts", "-reply", "-in", tsr, "-text")
        self.assertIn(b"Hash Algorithm: sha256", text)
        digest = hashlib.sha256(FIX.sig).hexdigest()
        self.assertIn(digest[:2] + " " + digest[2:4], text.decode().replace("-", " "))

    def test_verify_bundle_proves_the_time(self):
        run = self.verify(FIX.bundle_path, "--draft", FIX.path("draft.txt"), "--index", FIX.index)
        self.assertExit(run, 0)
        self.assertIn("bundle        ok  Sigstore bundle v0.3", run.stdout)
        self.assertIn("timestamp     ok  RFC 3161: signed no later than 20", run.stdout)
        self.assertIn("CN=provcheck test TSA", run.stdout)
        self.assertIn("draft         ok  ", run.stdout)
        self.assertTrue(run.stdout.endswith("result        verified\n"), run.stdout)

    def test_without_trusted_roots_the_time_is_unproven(self):
        run = self.verify(FIX.bundle_path, tsa=False)
        self.assertExit(run, 0)
        self.assertIn("timestamp     --  RFC 3161 by CN=provcheck test TSA says", run.stdout)
        self.assertIn("the signing time is unproven", run.stdout)
        run = self.verify(FIX.envelope_path)
        self.assertExit(run, 0)
        self.assertIn("timestamp     --  none: the signing time is unproven", run.stdout)

    def test_scan_sign_timestamp_writes_one_bundle_per_draft(self):
        a = self.write("a.txt", DRAFT)
        b = self.write("b.txt", "A short note about the weather, and nothing more at all.\n")
        run = provcheck("scan", a, b, "--index", FIX.index, "--sign", FIX.key,
                        "--timestamp", FIX.tsa.url)
        self.assertExit(run, 0)
        lines = run.stdout.splitlines()
        self.assertEqual(len(lines), 2)
        for line, draft in zip(lines, (a, b)):
            self.assertEqual(json.loads(line)["mediaType"],
                             "application/vnd.dev.sigstore.bundle.v0.3+json")
            path = self.write("one.json", line + "\n")
            self.assertExit(self.verify(path, "--draft", draft), 0)
        run = provcheck("scan", a, "--index", FIX.index, "--timestamp", FIX.tsa.url)
        self.assertExit(run, 2)
        self.assertIn("--timestamp requires --sign", run.stderr)

    # --- Every bad token: exit 3 and why

    def test_tampered_token_bytes_are_refused(self):
        tried = refused = 0
        reasons = set()
        for i in range(0, len(FIX.token), 3):
            token = bytearray(FIX.token)
            token[i] ^= 1 << (i % 8)
            bundle = self.write("t.json", with_token(bytes(token)))
            try:  # a verify that stalls on a hostile token is a failure, named with its input
                run = self.verify(bundle, timeout=30)
            except subprocess.TimeoutExpired:
                kept = keep_artifact(bundle, "stalled-token-byte-%d.bundle.json" % i)
                self.fail("verify stalled over 30 s on token byte %d flipped (bundle kept: %s)"
                          % (i, kept))
            tried += 1
            refused += run.code == 3
            if run.code == 3:
                reasons.add(run.stderr.split("timestamp: ")[-1][:40])
            else:
                self.fail("flipping a bit of token byte %d: %r" % (i, run))
        MATRIX["token: one bit flipped in every third byte"] = (tried, refused)
        self.assertGreater(len(reasons), 1)

    def test_token_with_altered_time_or_serial_is_refused(self):
        stamp = FIX.token.find(b"\x18\x0f") + 2  # GeneralizedTime, 15 bytes: YYYYMMDDhhmmssZ
        self.assertGreater(stamp, 2)
        token = bytearray(FIX.token)
        token[stamp + 12] += 1 if token[stamp + 12] <= ord("4") else -1  # ten seconds off
        run = self.verify(self.write("t.json", with_token(bytes(token))))
        MATRIX["token: genTime ten seconds off"] = (1, int(run.code == 3))
        self.assertExit(run, 3)
        self.assertRegex(run.stderr, "signature does not verify|not yet valid")
        # The serial number just before it (INTEGER, one byte while the serial is small).
        self.assertEqual(FIX.token[stamp - 5:stamp - 3], b"\x02\x01")
        token = bytearray(FIX.token)
        token[stamp - 3] ^= 0x01
        run = self.verify(self.write("t.json", with_token(bytes(token))))
        MATRIX["token: serial number changed"] = (1, int(run.code == 3))
        self.refused(run, "timestamp: the TSA's signature does not verify")

    def test_token_over_other_bytes_is_refused(self):
        other = FIX.tsa.reply(FIX.tsa.query_for(b"some other signature"))
        for tsa in (True, False):  # the imprint is checked even without trusted roots
            run = self.verify(self.write("t.json", with_token(other)), tsa=tsa)
            self.refused(run, "stamps other bytes", "is not the SHA-256 of the signature")
        MATRIX["token over other bytes"] = (1, 1)

    def test_token_from_untrusted_tsa_is_refused(self):
        run = provcheck("verify", FIX.bundle_path, "--key", FIX.pub, "--tsa-ca",
                        FIX.tsa.other_ca_pem)
        MATRIX["token from a TSA the verifier does not trust"] = (1, int(run.code == 3))
        self.refused(run, "the TSA is not trusted", "other-ca.pem")

    def test_token_from_expired_tsa_certificate_is_refused(self):
        out = self.path("expired.bundle.json")
        run = provcheck("sign", FIX.report, "--key", FIX.key, "--timestamp",
                        FIX.tsa.url + "/expired", "--out", out)
        self.assertExit(run, 0)  # the signer cannot know; the verifier can
        run = self.verify(out)
        MATRIX["token signed with an expired TSA certificate"] = (1, int(run.code == 3))
        self.refused(run, "the TSA's certificate had expired at the token's time")

    def test_sign_refuses_bad_authorities(self):
        report = FIX.report
        cases = {
            "/other-bytes": (3, "stamps other bytes"),
            "/error": (2, "answered HTTP 500"),
            "/garbage": (3, "not a DER RFC 3161 TimeStampResp"),
        }
        for path, (code, fragment) in cases.items():
            with self.subTest(path):
                run = provcheck("sign", report, "--key", FIX.key, "--timestamp", FIX.tsa.url + path)
                self.refused(run, fragment, code=code)
                self.assertEqual(run.stdout, "")
        port = tsa_support.free_port()
        run = provcheck("sign", report, "--key", FIX.key, "--timestamp",
                        "http://127.0.0.1:%d/" % port)
        self.refused(run, "cannot connect", code=2)
        run = provcheck("sign", report, "--key", FIX.key, "--timestamp", "https://127.0.0.1/")
        self.refused(run, "https is not supported", code=2)

    # --- docs/signing.md: verifying a bundle with stock tools

    def run_documented_steps(self, bundle, keyring):
        with open(os.path.join(SOURCE_DIR, "docs", "signing.md")) as f:
            doc = f.read()
        section = doc[doc.index("## Verifying a bundle with stock tools"):]
        script = section[section.index("```sh\n") + 6:section.index("\n```\n")]
        with open(self.path("draft.bundle.json"), "w") as f:
            f.write(bundle)
        with open(self.path("newsroom.keyring.json"), "w") as f:
            f.write(keyring)
        shutil.copy(FIX.tsa.ca_pem, self.path("tsa-ca.pem"))
        return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=self.tmp,
                              capture_output=True, text=True, timeout=120)

    def test_documented_stock_openssl_steps_verify_a_bundle(self):
        with open(FIX.keyring) as f:
            keyring = f.read()
        proc = self.run_documented_steps(FIX.bundle_bytes.decode(), keyring)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        keyid = FIX.envelope["signatures"][0]["keyid"]
        self.assertIn("keyid   %s key desk" % keyid, proc.stdout)
        self.assertIn("%s  -" % keyid, proc.stdout)
        self.assertIn("Signature Verified Successfully", proc.stdout)
        self.assertIn("Verification: OK", proc.stdout)
        self.assertRegex(proc.stdout, r"time    20\d\d-\d\d-\d\dT[\d:]+Z, key desk valid then")
        # The same steps refuse an altered token, an altered payload, a revoked key.
        token = bytearray(FIX.token)
        stamp = FIX.token.find(b"\x18\x0f") + 2
        token[stamp - 3] ^= 0x01  # the serial number
        bad_payload = json.loads(FIX.bundle_bytes)
        env = bad_payload["dsseEnvelope"]
        env["payload"] = base64.b64encode(base64.b64decode(env["payload"]).replace(
            b"pass", b"fail")).decode()
        ring = json.loads(keyring)
        ring["keys"][0]["revokedAt"] = "2000-01-01T00:00:00Z"
        for name, bundle, keys, says in (
                ("altered token", with_token(bytes(token)), keyring, "Verification: FAILED"),
                ("altered payload", json.dumps(bad_payload), keyring,
                 "Signature Verification Failure"),
                ("revoked key", FIX.bundle_bytes.decode(), json.dumps(ring),
                 "signed after the key was revoked")):
            with self.subTest(name):
                proc = self.run_documented_steps(bundle, keys)
                self.assertNotEqual(proc.returncode, 0, proc.stdout)
                self.assertIn(says, proc.stdout + proc.stderr)

    # --- Malformed bundles: exit 2; a hint for another key: exit 3

    def test_malformed_bundles(self):
        good = FIX.bundle
        vm = good["verificationMaterial"]

        def edit(**changes):
            b = json.loads(FIX.bundle_bytes)
            b.update(changes)
            return json.dumps(b)

        cases = {
            "unknown member": (edit(extra=1), 2, "unexpected member \"extra\""),
            "other media type": (edit(mediaType="application/vnd.dev.sigstore.bundle.v0.1+json"),
                                 2, "mediaType"),
            "message signature": (edit(messageSignature={}), 2, "hold a DSSE envelope"),
            "certificate chain": (edit(verificationMaterial=dict(vm, x509CertificateChain={})),
                                  2, "not with a certificate"),
            "tlog entries": (edit(verificationMaterial=dict(vm, tlogEntries=[{}])), 2,
                             "transparency-log"),
            "no hint": (edit(verificationMaterial=dict(vm, publicKey={})), 2, "missing \"hint\""),
            "bad token base64": (with_token(b"").replace('""', '"@@@@"'), 2, "invalid base64"),
            "envelope field missing": (edit(dsseEnvelope={k: v for k, v in good["dsseEnvelope"]
                                                          .items() if k != "payload"}),
                                       2, "missing \"payload\""),
            "duplicate key": (FIX.bundle_bytes.decode().replace(
                '"mediaType":', '"mediaType":"x","mediaType":', 1), 2, "duplicate key"),
            "hint for another key": (edit(verificationMaterial=dict(vm, publicKey={"hint": "ab"})),
                                     3, "hint \"ab\" is not the signature's keyid"),
        }
        for name, (data, code, fragment) in cases.items():
            with self.subTest(name):
                self.refused(self.verify(self.write("b.json", data)), fragment, code=code)
        kept = {"tlogEntries": []}  # an empty transparency-log list is fine
        run = self.verify(self.write("b.json", edit(verificationMaterial=dict(vm, **kept))))
        self.assertExit(run, 0)


if __name__ == "__main__":
    unittest.main()
