"""Signed reports (issue 5): keygen, scan --sign, sign, verify, and every tampering.

A tiny corpus and draft keep the signed payload small, so each test can flip
every one of its bytes. The cross-checks verify with independent code: Python's
`cryptography` package (computing DSSE's PAE itself) and the openssl command
line; each is skipped, saying so, when it is missing.
"""

import base64
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

from common import FolderFiles, TempDirTest, provcheck

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ed25519
    HAVE_CRYPTOGRAPHY = True
except ImportError:  # Debian: python3-cryptography
    HAVE_CRYPTOGRAPHY = False

OPENSSL = shutil.which("openssl")
PAYLOAD_TYPE = "application/vnd.in-toto+json"

ONE = ("The harbour board voted on Tuesday to close the old ferry terminal after forty years "
       "of service, citing rising repair costs and falling passenger numbers across the winter "
       "timetable, and said a smaller pontoon would be built beside the lifeboat station before "
       "the summer season begins next year.\n")
TWO = ("A new cycling bridge over the river opened this morning, linking the station to the "
       "market square and cutting ten minutes from the walk for thousands of commuters who "
       "cross the water every day.\n")
THREE = ("Volunteers planted four hundred oak saplings along the old railway line on Saturday, "
         "the first stage of a plan to turn the disused track into a woodland path.\n")
CLEAN = "Council members met to discuss a budget for parks.\n"
# Thirty words of ONE, unquoted: the built-in rules fail this draft.
COPIED = ("Residents were told that the harbour board voted on Tuesday to close the old ferry "
          "terminal after forty years of service, citing rising repair costs and falling "
          "passenger numbers across the winter timetable, officials said.\n")

# The tamper matrix: what was tried, and how many of those provcheck refused.
MATRIX = {}

FIX = None  # the module fixture: a folder with corpus, index, keys, draft, envelope


def tally(name, tried, refused):
    MATRIX[name] = (tried, refused)


def pae(payload_type, payload):
    """DSSE's pre-authentication encoding, written from the spec, not from provcheck."""
    t = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)


def b64(data):
    return base64.b64encode(data).decode()


def envelope_json(payload, payload_type, signatures):
    return json.dumps({"payload": b64(payload), "payloadType": payload_type,
                       "signatures": signatures}, separators=(",", ":"))


class Fixture(FolderFiles):
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="provcheck-e2e-sign-")
        self.write("corpus/one.txt", ONE)
        self.write("corpus/two.txt", TWO)
        self.index = self.path("idx")
        run = provcheck("index", "add", self.path("corpus"), "--index", self.index)
        assert run.code == 0, repr(run)
        run = provcheck("keygen", "desk", cwd=self.dir)
        assert run.code == 0, repr(run)
        self.key, self.pub = self.path("desk.key"), self.path("desk.pub")
        # Relative draft path: the subject name stays short.
        self.write("draft.txt", CLEAN)
        run = provcheck("scan", "draft.txt", "--index", self.index, "--sign", self.key,
                        "--out", self.path("draft.dsse.json"), cwd=self.dir)
        assert run.code == 0, repr(run)
        self.envelope_path = self.path("draft.dsse.json")
        with open(self.envelope_path, "rb") as f:
            self.envelope_bytes = f.read()
        self.envelope = json.loads(self.envelope_bytes)
        self.payload = base64.b64decode(self.envelope["payload"])
        self.sig = base64.b64decode(self.envelope["signatures"][0]["sig"])
        self.keyid = self.envelope["signatures"][0]["keyid"]


def setUpModule():
    global FIX
    FIX = Fixture()


def tearDownModule():
    shutil.rmtree(FIX.dir, True)
    if MATRIX:
        lines = ["", "tamper matrix (tried / refused):"]
        for name, (tried, refused) in MATRIX.items():
            lines.append("  %-48s %5d / %5d%s" % (name, tried, refused,
                                                  "" if tried == refused else "  <-- ACCEPTED"))
        sys.stderr.write("\n".join(lines) + "\n")


def verify(envelope, *extra, key=None, cwd=None):
    return provcheck("verify", envelope, "--key", key or FIX.pub, *extra, cwd=cwd)


class SignedReportTest(TempDirTest):

    def write_envelope(self, data, name="env.json"):
        return self.write(name, data if isinstance(data, bytes) else data.encode())

    def assertRefused(self, run, code, *fragments):
        self.assertExit(run, code)
        self.assertOneErrorLine(run, *fragments)

    # --- Round trip

    def test_round_trip_verifies_everything(self):
        run = verify(FIX.envelope_path, "--draft", FIX.path("draft.txt"), "--index", FIX.index)
        self.assertExit(run, 0)
        self.assertEqual(run.stderr, "")
        out = run.stdout
        self.assertIn("signature     ok  Ed25519, keyid " + FIX.keyid, out)
        self.assertIn("payload type  ok  " + PAYLOAD_TYPE, out)
        self.assertIn("statement     ok  in-toto Statement v1, predicate "
                      "https://provcheck.example/report/v1", out)
        self.assertIn("created       2026-", out)
        self.assertIn("verdict       pass", out)
        self.assertIn("draft         ok  ", out)
        self.assertIn("index         ok  ", out)
        self.assertIn("rules         --  none (built-in rules), not checked (no --rules)", out)
        self.assertTrue(out.endswith("result        verified\n"), out)

    def test_envelope_holds_in_toto_statement_of_the_report(self):
        self.assertEqual(FIX.envelope["payloadType"], PAYLOAD_TYPE)
        self.assertEqual(len(FIX.envelope["signatures"]), 1)
        statement = json.loads(FIX.payload)
        self.assertEqual(statement["_type"], "https://in-toto.io/Statement/v1")
        self.assertEqual(statement["predicateType"], "https://provcheck.example/report/v1")
        sha = hashlib.sha256(CLEAN.encode()).hexdigest()
        self.assertEqual(statement["subject"], [{"name": "draft.txt", "digest": {"sha256": sha}}])
        # The predicate is the very report scan --format json writes.
        run = provcheck("scan", "draft.txt", "--index", FIX.index, "--format", "json",
                        cwd=FIX.dir)
        self.assertExit(run, 0)
        self.assertEqual(statement["predicate"], run.json())
        # Canonical bytes (RFC 8785): sorted members, no whitespace.
        self.assertEqual(FIX.payload, json.dumps(statement, sort_keys=True, separators=(",", ":"),
                                                 ensure_ascii=False).encode())
        # The keyid is the SHA-256 of the public key's DER SubjectPublicKeyInfo.
        with open(FIX.pub) as f:
            pem = f.read()
        der = base64.b64decode("".join(l for l in pem.splitlines() if not l.startswith("-----")))
        self.assertEqual(FIX.keyid, hashlib.sha256(der).hexdigest())

    def test_sign_command_matches_scan_sign(self):
        report = self.path("report.json")
        run = provcheck("scan", "draft.txt", "--index", FIX.index, "--format", "json",
                        "--out", report, cwd=FIX.dir)
        self.assertExit(run, 0)
        out = self.path("signed.json")
        run = provcheck("sign", report, "--key", FIX.key, "--out", out)
        self.assertExit(run, 0)
        with open(out, "rb") as f:
            self.assertEqual(f.read(), FIX.envelope_bytes)  # Ed25519 is deterministic
        # A pretty-printed report re-canonicalises to the same signed bytes.
        with open(report) as f:
            pretty = json.dumps(json.load(f), indent=2)
        run = provcheck("sign", self.write("pretty.json", pretty), "--key", FIX.key)
        self.assertExit(run, 0)
        self.assertEqual(run.stdout.encode(), FIX.envelope_bytes)

    def test_failing_draft_signs_and_verifies_with_verdict_fail(self):
        draft = self.write("copied.txt", COPIED)
        env = self.path("copied.dsse.json")
        run = provcheck("scan", draft, "--index", FIX.index, "--sign", FIX.key, "--out", env)
        self.assertExit(run, 1)  # the draft fails; the envelope is still written
        run = verify(env, "--draft", draft, "--index", FIX.index)
        self.assertExit(run, 0)
        self.assertIn("verdict       fail", run.stdout)

    def test_several_drafts_one_envelope_per_line(self):
        a = self.write("a.txt", CLEAN)
        b = self.write("b.txt", "Another short note about the weather and nothing else.\n")
        run = provcheck("scan", a, b, "--index", FIX.index, "--sign", FIX.key)
        self.assertExit(run, 0)
        lines = run.stdout.splitlines()
        self.assertEqual(len(lines), 2)
        for line, draft in zip(lines, (a, b)):
            env = self.write_envelope(line + "\n", "one.json")
            self.assertExit(verify(env, "--draft", draft), 0)
        both = self.write_envelope(run.stdout, "both.json")
        self.assertRefused(verify(both), 2, "expected end of input", "one per line")

    def test_index_rebuilt_from_same_content_verifies(self):
        rebuilt = self.path("rebuilt")
        self.assertExit(provcheck("index", "add", FIX.path("corpus"), "--index", rebuilt), 0)
        run = verify(FIX.envelope_path, "--index", rebuilt)
        self.assertExit(run, 0)
        self.assertIn("rebuilt from the same content", run.stdout)

    # --- Tampering: every one refused

    def test_every_payload_byte_flip_is_refused(self):
        codes = {}
        for i in range(len(FIX.payload)):
            tampered = bytearray(FIX.payload)
            tampered[i] ^= 1 << (i % 8)
            env = dict(FIX.envelope, payload=b64(bytes(tampered)))
            run = verify(self.write_envelope(json.dumps(env)))
            codes[run.code] = codes.get(run.code, 0) + 1
        refused = codes.get(3, 0)
        tally("payload: each byte, one bit flipped (exit 3)", len(FIX.payload), refused)
        self.assertEqual(codes, {3: len(FIX.payload)})

    def test_every_envelope_byte_flip_is_refused(self):
        codes = {}
        data = FIX.envelope_bytes
        for i in range(len(data)):
            tampered = bytearray(data)
            tampered[i] ^= 1 << (i % 8)
            run = verify(self.write_envelope(bytes(tampered)))
            codes[run.code] = codes.get(run.code, 0) + 1
        refused = codes.get(2, 0) + codes.get(3, 0)
        tally("envelope file: each byte, one bit flipped (exit 2/3: %d/%d)"
              % (codes.get(2, 0), codes.get(3, 0)), len(data), refused)
        self.assertNotIn(0, codes)
        self.assertEqual(refused, len(data), codes)

    def test_every_signature_byte_flip_is_refused(self):
        refused = 0
        for i in range(len(FIX.sig)):
            sig = bytearray(FIX.sig)
            sig[i] ^= 1 << (i % 8)
            env = dict(FIX.envelope, signatures=[{"keyid": FIX.keyid, "sig": b64(bytes(sig))}])
            run = verify(self.write_envelope(json.dumps(env)))
            refused += run.code == 3
        tally("signature: each byte, one bit flipped (exit 3)", len(FIX.sig), refused)
        self.assertEqual(refused, 64)

    def test_changed_payload_type_is_refused(self):
        env = dict(FIX.envelope, payloadType="application/json")
        run = verify(self.write_envelope(json.dumps(env)))
        tally("payloadType changed", 1, int(run.code == 3))
        self.assertRefused(run, 3, "payloadType \"application/json\"")

    def test_other_key_is_refused(self):
        self.assertExit(provcheck("keygen", "other", cwd=self.tmp), 0)
        run = verify(FIX.envelope_path, key=self.path("other.pub"))
        self.assertRefused(run, 3, "does not verify with the given key")
        # An envelope signed by the other key, checked against ours.
        report = self.path("r.json")
        provcheck("scan", "draft.txt", "--index", FIX.index, "--format", "json", "--out", report,
                  cwd=FIX.dir)
        other_env = self.path("other.dsse.json")
        self.assertExit(provcheck("sign", report, "--key", self.path("other.key"),
                                  "--out", other_env), 0)
        run2 = verify(other_env)
        self.assertRefused(run2, 3, "signed by another key, or altered")
        # The other key's signature under our keyid.
        with open(other_env) as f:
            other_sig = json.load(f)["signatures"][0]["sig"]
        env = dict(FIX.envelope, signatures=[{"keyid": FIX.keyid, "sig": other_sig}])
        run3 = verify(self.write_envelope(json.dumps(env)))
        self.assertRefused(run3, 3, "does not verify")
        tally("signature by another key (3 ways)", 3,
              sum(r.code == 3 for r in (run, run2, run3)))

    def test_extra_and_duplicate_signatures_are_refused(self):
        self.assertExit(provcheck("keygen", "other", cwd=self.tmp), 0)
        report = self.path("r.json")
        provcheck("scan", "draft.txt", "--index", FIX.index, "--format", "json", "--out", report,
                  cwd=FIX.dir)
        other_env = self.path("other.dsse.json")
        provcheck("sign", report, "--key", self.path("other.key"), "--out", other_env)
        with open(other_env) as f:
            other = json.load(f)["signatures"][0]
        ours = FIX.envelope["signatures"][0]
        garbage = {"keyid": FIX.keyid, "sig": b64(b"\0" * 64)}
        cases = {
            "other signer's valid signature appended": [ours, other],
            "other signer's valid signature first": [other, ours],
            "our signature twice": [ours, ours],
            "garbage signature with our keyid appended": [ours, garbage],
            "garbage signature with another keyid": [ours, dict(garbage, keyid="x")],
            "our signature with keyid altered": [dict(ours, keyid="0" * 64)],
        }
        refused = 0
        for name, sigs in cases.items():
            run = verify(self.write_envelope(json.dumps(dict(FIX.envelope, signatures=sigs))))
            with self.subTest(name):
                self.assertRefused(run, 3, "signatures[")
            refused += run.code == 3
        tally("extra / duplicate / re-labelled signatures", len(cases), refused)

    def test_draft_edited_after_signing_is_refused(self):
        edited = self.write("draft.txt", CLEAN.replace("parks", "roads"))
        run = verify(FIX.envelope_path, "--draft", edited)
        tally("draft edited after signing", 1, int(run.code == 3))
        self.assertRefused(run, 3, "not verified", "the draft changed after it was checked")
        self.assertIn("draft         FAIL ", run.stdout)
        self.assertIn("result        NOT VERIFIED", run.stdout)
        # One byte appended is enough.
        run = verify(FIX.envelope_path, "--draft", self.write("d2.txt", CLEAN + " "))
        self.assertExit(run, 3)

    def test_different_index_is_refused(self):
        self.write("corpus/one.txt", ONE)
        self.write("corpus/three.txt", THREE)
        other = self.path("other-idx")
        self.assertExit(provcheck("index", "add", self.path("corpus"), "--index", other), 0)
        run = verify(FIX.envelope_path, "--index", other)
        tally("different index", 1, int(run.code == 3))
        self.assertRefused(run, 3, "a different corpus or settings")
        self.assertIn("index         FAIL ", run.stdout)

    def test_rules_file_is_refused_for_report_without_rules(self):
        rules = self.write("rules.json", "{}")
        run = verify(FIX.envelope_path, "--rules", rules)
        tally("different rules file (report made without one)", 1, int(run.code == 3))
        self.assertRefused(run, 3, "made with the built-in rules")

    def test_all_failures_are_reported_together(self):
        edited = self.write("draft.txt", "edited\n")
        rules = self.write("rules.json", "{}")
        run = verify(FIX.envelope_path, "--draft", edited, "--rules", rules)
        self.assertRefused(run, 3, "draft changed", "built-in rules")

    # --- Malformed envelopes: exit 2 or 3 with one message, never a crash

    def test_malformed_envelopes(self):
        good = FIX.envelope
        sig = good["signatures"][0]
        cases = {
            "empty file": (b"", 2, "expected a JSON value"),
            "not JSON": (b"hello", 2, "expected a JSON value"),
            "JSON array": (b"[]", 2, "expected a JSON object"),
            "truncated": (FIX.envelope_bytes[:100], 2, "unterminated string"),
            "bad base64 payload": (json.dumps(dict(good, payload="@@" + good["payload"][2:])),
                                   2, "invalid base64"),
            "line-wrapped base64 payload": (
                json.dumps(dict(good, payload=good["payload"][:76] + "\n" + good["payload"][76:])),
                2, "invalid base64"),
            "URL-safe base64 sig": (
                json.dumps(dict(good, signatures=[dict(sig, sig="-_" + sig["sig"][2:])])),
                2, "invalid base64"),
            "bad base64 sig": (json.dumps(dict(good, signatures=[dict(sig, sig="!" + sig["sig"][1:])])),
                               2, "invalid base64"),
            "short sig": (json.dumps(dict(good, signatures=[dict(sig, sig=b64(b"x" * 10))])),
                          2, "expected a 64-byte Ed25519 signature"),
            "missing payload": (json.dumps({k: v for k, v in good.items() if k != "payload"}),
                                2, "missing \"payload\""),
            "missing payloadType": (json.dumps({k: v for k, v in good.items()
                                                if k != "payloadType"}),
                                    2, "missing \"payloadType\""),
            "missing signatures": (json.dumps({k: v for k, v in good.items()
                                               if k != "signatures"}),
                                   2, "missing \"signatures\""),
            "no signatures": (json.dumps(dict(good, signatures=[])), 2, "\"signatures\" is empty"),
            "missing keyid": (json.dumps(dict(good, signatures=[{"sig": sig["sig"]}])),
                              2, "missing \"keyid\""),
            "missing sig": (json.dumps(dict(good, signatures=[{"keyid": sig["keyid"]}])),
                            2, "missing \"sig\""),
            "payload not a string": (json.dumps(dict(good, payload=7)), 2, "is not a string"),
            "huge payloadType": (json.dumps(dict(good, payloadType="t" * 1000000)),
                                 2, "more than the limit of 256"),
            "huge keyid": (json.dumps(dict(good, signatures=[dict(sig, keyid="k" * 1000000)])),
                           2, "more than the limit of 256"),
            "huge sig": (json.dumps(dict(good, signatures=[dict(sig, sig="A" * 1000000)])),
                         2, "more than the limit of 1024"),
            "many signatures": (json.dumps(dict(good, signatures=[sig] * 1000)),
                                2, "more than the limit of 16"),
            "deep nesting": (b"[" * 100000 + b"]" * 100000, 2, "nesting deeper than"),
            "duplicate payload key": (
                ('{"payload":"%s","payload":"%s","payloadType":"%s","signatures":[%s]}'
                 % (b64(b"{}"), good["payload"], PAYLOAD_TYPE, json.dumps(sig))),
                2, "duplicate key \"payload\" in $"),
            "duplicate key via escape": (
                ('{"payload":"%s","p\\u0061yload":"%s","payloadType":"%s","signatures":[%s]}'
                 % (good["payload"], b64(b"{}"), PAYLOAD_TYPE, json.dumps(sig))),
                2, "duplicate key \"payload\""),
            "duplicate sig key": (
                ('{"payload":"%s","payloadType":"%s","signatures":[{"keyid":"%s","sig":"%s",'
                 '"sig":"%s"}]}' % (good["payload"], PAYLOAD_TYPE, sig["keyid"], b64(b"\0" * 64),
                                    sig["sig"])),
                2, "duplicate key \"sig\" in $.signatures[0]"),
            "unknown member": (json.dumps(dict(good, extra=1)), 2, "unexpected member \"extra\""),
            "invalid UTF-8": (FIX.envelope_bytes[:-2] + b"\xff}", 2, "invalid UTF-8"),
        }
        refused = 0
        for name, (data, code, fragment) in cases.items():
            run = verify(self.write_envelope(data))
            with self.subTest(name):
                self.assertRefused(run, code, fragment)
            refused += run.code in (2, 3)
        tally("malformed envelopes (exit 2)", len(cases), refused)

    def test_signed_payload_that_is_not_a_report_statement(self):
        # Signed by our key, but not a provcheck statement: still not verified.
        if not HAVE_CRYPTOGRAPHY:
            self.skipTest("python3-cryptography is not installed: cannot sign a custom payload")
        key, pub, keyid = self.python_key()
        for payload, fragment in ((b'{"_type":"x"}', "$._type is"),
                                  (b'{"a":1,"a":2}', "duplicate key"),
                                  (b'not json', "expected a JSON value")):
            env = envelope_json(payload, PAYLOAD_TYPE,
                                [{"keyid": keyid, "sig": b64(key.sign(pae(PAYLOAD_TYPE, payload)))}])
            run = verify(self.write_envelope(env), key=pub)
            self.assertRefused(run, 3, "not a provcheck report statement", fragment)

    def test_oversized_envelope_is_refused_without_reading_it(self):
        big = self.path("big.json")
        with open(big, "wb") as f:
            f.truncate((64 << 20) + 1)  # sparse: costs no disk
        self.assertRefused(verify(big), 2, "big.json", "more than the limit")

    def test_unreadable_inputs_exit_2(self):
        self.assertRefused(verify(self.path("none.json")), 2, "none.json", "no such file")
        self.assertRefused(verify(FIX.envelope_path, key=self.path("none.pub")), 2, "none.pub")
        self.assertRefused(verify(FIX.envelope_path, key=FIX.key), 2,
                           "expected a PEM public key")
        self.assertRefused(verify(FIX.envelope_path, "--draft", self.path("nope.txt")), 2,
                           "nope.txt")
        self.assertRefused(verify(FIX.envelope_path, "--index", self.path("no-idx")), 2,
                           "no-idx")

    # --- Keys

    def test_keygen_writes_0600_private_key_and_never_prints_it(self):
        run = provcheck("keygen", "k", cwd=self.tmp)
        self.assertExit(run, 0)
        self.assertEqual(stat.S_IMODE(os.stat(self.path("k.key")).st_mode), 0o600)
        self.assertEqual(stat.S_IMODE(os.stat(self.path("k.pub")).st_mode), 0o644)
        with open(self.path("k.key")) as f:
            pem = f.read()
        self.assertTrue(pem.startswith("-----BEGIN PRIVATE KEY-----\n"), pem[:40])
        body = pem.splitlines()[1]
        for text in (run.stdout, run.stderr):
            self.assertNotIn("PRIVATE KEY", text)
            self.assertNotIn(body, text)
        with open(self.path("k.pub")) as f:
            self.assertTrue(f.read().startswith("-----BEGIN PUBLIC KEY-----\n"))

    def test_keygen_refuses_to_overwrite(self):
        self.assertExit(provcheck("keygen", "k", cwd=self.tmp), 0)
        with open(self.path("k.key"), "rb") as f:
            before = f.read()
        run = provcheck("keygen", "k", cwd=self.tmp)
        self.assertRefused(run, 2, "k.key", "already exists")
        with open(self.path("k.key"), "rb") as f:
            self.assertEqual(f.read(), before)
        self.write("only.pub", "mine")
        self.assertRefused(provcheck("keygen", "only", cwd=self.tmp), 2, "only.pub",
                           "already exists")
        self.assertFalse(os.path.exists(self.path("only.key")))

    def test_private_key_readable_by_others_is_refused(self):
        self.assertExit(provcheck("keygen", "k", cwd=self.tmp), 0)
        os.chmod(self.path("k.key"), 0o644)
        report = self.path("r.json")
        provcheck("scan", "draft.txt", "--index", FIX.index, "--format", "json", "--out", report,
                  cwd=FIX.dir)
        run = provcheck("sign", report, "--key", self.path("k.key"))
        self.assertRefused(run, 2, "k.key", "permissions 0644 are too open", "chmod 600")
        run = provcheck("scan", FIX.path("draft.txt"), "--index", FIX.index,
                        "--sign", self.path("k.key"))
        self.assertRefused(run, 2, "permissions 0644 are too open")
        self.assertEqual(run.stdout, "")
        os.chmod(self.path("k.key"), 0o640)
        self.assertRefused(provcheck("sign", report, "--key", self.path("k.key")), 2,
                           "permissions 0640 are too open")
        os.chmod(self.path("k.key"), 0o600)
        self.assertExit(provcheck("sign", report, "--key", self.path("k.key")), 0)

    def test_sign_refuses_things_that_are_not_one_report(self):
        self.assertRefused(provcheck("sign", self.write("x.json", '{"a":1}'), "--key", FIX.key),
                           2, "not a provcheck report")
        self.assertRefused(provcheck("sign", self.write("d.json", '{"a":1,"a":1}'),
                                     "--key", FIX.key), 2, "duplicate key")
        report = provcheck("scan", "draft.txt", "--index", FIX.index, "--format", "json",
                           cwd=FIX.dir).stdout
        self.assertRefused(provcheck("sign", self.write("two.json", report + report),
                                     "--key", FIX.key), 2, "sign takes one report")

    def test_help_shows_examples(self):
        for cmd in ("keygen", "sign", "verify"):
            run = provcheck(cmd, "--help")
            self.assertExit(run, 0)
            self.assertIn("Example:", run.stdout)
        self.assertIn("--sign", provcheck("scan", "--help").stdout)

    # --- Cross-checks with independent implementations

    def python_key(self):
        key = ed25519.Ed25519PrivateKey.generate()
        der = key.public_key().public_bytes(serialization.Encoding.DER,
                                            serialization.PublicFormat.SubjectPublicKeyInfo)
        pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo)
        pub = self.write("py.pub", pem)
        return key, pub, hashlib.sha256(der).hexdigest()

    def test_python_cryptography_verifies_our_envelope(self):
        if not HAVE_CRYPTOGRAPHY:
            self.skipTest("python3-cryptography is not installed (apt-get install "
                          "python3-cryptography): cross-check skipped")
        with open(FIX.pub, "rb") as f:
            pub = serialization.load_pem_public_key(f.read())
        self.assertIsInstance(pub, ed25519.Ed25519PublicKey)
        der = pub.public_bytes(serialization.Encoding.DER,
                               serialization.PublicFormat.SubjectPublicKeyInfo)
        self.assertEqual(FIX.keyid, hashlib.sha256(der).hexdigest())
        pub.verify(FIX.sig, pae(PAYLOAD_TYPE, FIX.payload))  # raises if invalid
        with self.assertRaises(InvalidSignature):
            pub.verify(FIX.sig, pae(PAYLOAD_TYPE, FIX.payload + b" "))

    def test_signature_made_by_python_cryptography_verifies(self):
        if not HAVE_CRYPTOGRAPHY:
            self.skipTest("python3-cryptography is not installed (apt-get install "
                          "python3-cryptography): cross-check skipped")
        key, pub, keyid = self.python_key()
        sig = key.sign(pae(PAYLOAD_TYPE, FIX.payload))
        env = self.write_envelope(envelope_json(FIX.payload, PAYLOAD_TYPE,
                                                [{"keyid": keyid, "sig": b64(sig)}]))
        run = verify(env, "--draft", FIX.path("draft.txt"), "--index", FIX.index, key=pub)
        self.assertExit(run, 0)
        self.assertIn("keyid " + keyid, run.stdout)
        # And a PKCS#8 key written by Python signs with provcheck.
        priv = self.write("py.key", key.private_bytes(serialization.Encoding.PEM,
                                                      serialization.PrivateFormat.PKCS8,
                                                      serialization.NoEncryption()))
        os.chmod(priv, 0o600)
        report = provcheck("scan", "draft.txt", "--index", FIX.index, "--format", "json",
                           cwd=FIX.dir).stdout
        run = provcheck("sign", self.write("r.json", report), "--key", priv)
        self.assertExit(run, 0)
        ours = json.loads(run.stdout)
        self.assertEqual(base64.b64decode(ours["signatures"][0]["sig"]), sig)

    def test_openssl_command_line_verifies_raw_signature_over_pae(self):
        if OPENSSL is None:
            self.skipTest("the openssl command line is not installed (apt-get install "
                          "openssl): cross-check skipped")
        pae_file = self.write("pae.bin", pae(FIX.envelope["payloadType"], FIX.payload))
        sig_file = self.write("sig.bin", FIX.sig)

        def openssl_verify(data_file):
            return subprocess.run([OPENSSL, "pkeyutl", "-verify", "-rawin", "-pubin", "-inkey",
                                   FIX.pub, "-in", data_file, "-sigfile", sig_file],
                                  capture_output=True, text=True)

        proc = openssl_verify(pae_file)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn("Signature Verified Successfully", proc.stdout)
        bad = self.write("bad.bin", pae(FIX.envelope["payloadType"], FIX.payload[:-1] + b" "))
        self.assertNotEqual(openssl_verify(bad).returncode, 0)
        # The keyid with openssl too: SHA-256 of the DER public key.
        der = subprocess.run([OPENSSL, "pkey", "-pubin", "-in", FIX.pub, "-outform", "DER"],
                             capture_output=True, check=True).stdout
        self.assertEqual(hashlib.sha256(der).hexdigest(), FIX.keyid)

    def test_readme_stock_tool_commands_work(self):
        if OPENSSL is None or shutil.which("sha256sum") is None:
            self.skipTest("openssl or sha256sum is not installed: README commands not run")
        from common import SOURCE_DIR
        with open(os.path.join(SOURCE_DIR, "README.md")) as f:
            readme = f.read()
        section = readme[readme.index("### Verifying without provcheck"):]
        script = section[section.index("```sh\n") + 6:section.index("\n```\n")]
        shutil.copy(FIX.pub, self.path("desk.pub"))
        shutil.copy(FIX.envelope_path, self.path("draft.dsse.json"))
        shutil.copy(FIX.path("draft.txt"), self.path("draft.md"))
        proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=self.tmp,
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        out = proc.stdout
        self.assertIn("Signature Verified Successfully", out)
        self.assertIn("keyid  " + FIX.keyid, out)
        self.assertIn("%s  -" % FIX.keyid, out)  # sha256sum of the DER
        sha = hashlib.sha256(CLEAN.encode()).hexdigest()
        self.assertIn("draft  %s draft.txt" % sha, out)
        self.assertIn("%s  draft.md" % sha, out)
        # The same commands refuse a tampered envelope.
        env = dict(FIX.envelope, payload=b64(FIX.payload.replace(b"pass", b"fail")))
        with open(self.path("draft.dsse.json"), "w") as f:
            json.dump(env, f)
        proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=self.tmp,
                              capture_output=True, text=True)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("Signature Verification Failure", proc.stdout + proc.stderr)


if __name__ == "__main__":
    unittest.main()
