"""Keyrings (issue 20): keygen --keyring writes the entry; verify --keyring says
which key signed and refuses, with exit 3 and why, a timestamp outside the
key's validity, after its revocation, a revoked key with no proven time, a
key not in the keyring, and a keyring that names a key twice.
"""

import json
import os
import shutil
import tempfile
import time
import unittest

from common import FolderFiles, TempDirTest, provcheck
import tsa_support

FIX = None
DRAFT = "The library will open on Sundays from March, the council said on Monday.\n"


def utc(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


class Fixture(FolderFiles):
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="provcheck-e2e-keyring-")
        self.tsa = tsa_support.Tsa(os.path.join(self.dir, "tsa")).start()
        os.makedirs(self.path("corpus"))
        with open(self.path("corpus", "c.txt"), "w") as f:
            f.write("An unrelated corpus text about harbour ferries and their timetables.\n")
        self.index = self.path("idx")
        assert provcheck("index", "add", self.path("corpus"), "--index", self.index).code == 0
        self.keygen = provcheck("keygen", "desk", "--keyring", "ring.json", cwd=self.dir)
        assert self.keygen.code == 0, repr(self.keygen)
        with open(self.path("ring.json")) as f:
            self.ring = json.load(f)
        with open(self.path("draft.txt"), "w") as f:
            f.write(DRAFT)
        run = provcheck("scan", "draft.txt", "--index", self.index, "--format", "json",
                        "--out", "report.json", cwd=self.dir)
        assert run.code == 0, repr(run)
        self.bundle = self.path("draft.bundle.json")
        run = provcheck("sign", "report.json", "--key", "desk.key", "--timestamp", self.tsa.url,
                        "--out", self.bundle, cwd=self.dir)
        assert run.code == 0, repr(run)
        self.envelope = self.path("draft.dsse.json")
        run = provcheck("sign", "report.json", "--key", "desk.key", "--out", self.envelope,
                        cwd=self.dir)
        assert run.code == 0, repr(run)


def setUpModule():
    global FIX
    if tsa_support.OPENSSL is None:
        raise unittest.SkipTest("the openssl command line is needed for the test TSA")
    FIX = Fixture()


def tearDownModule():
    if FIX is not None:
        FIX.tsa.stop()
        shutil.rmtree(FIX.dir, True)


class KeyringTest(TempDirTest):

    def ring(self, **changes):
        """A keyring file holding the fixture's key with `changes` to its entry."""
        entry = dict(FIX.ring["keys"][0], **changes)
        return self.write("ring.json", json.dumps({"schema": "provcheck.keyring/1",
                                                   "keys": [entry]}))

    def verify(self, path, ring, tsa=True):
        args = ["verify", path, "--keyring", ring]
        return provcheck(*(args + (["--tsa-ca", FIX.tsa.ca_pem] if tsa else [])))

    def refused(self, run, *fragments, code=3):
        self.assertExit(run, code)
        self.assertOneErrorLine(run, *fragments)

    # --- keygen --keyring

    def test_keygen_writes_the_keyring_entry(self):
        self.assertIn("keyring       ring.json: added \"desk\", valid from", FIX.keygen.stdout)
        self.assertEqual(FIX.ring["schema"], "provcheck.keyring/1")
        (entry,) = FIX.ring["keys"]
        self.assertEqual(sorted(entry), ["keyid", "name", "notAfter", "notBefore", "publicKey",
                                         "revokedAt"])
        self.assertEqual(entry["name"], "desk")
        with open(FIX.path("desk.pub")) as f:
            self.assertEqual(entry["publicKey"], f.read())
        self.assertIn("keyid         " + entry["keyid"], FIX.keygen.stdout)
        self.assertLessEqual(abs(time.mktime(time.strptime(entry["notBefore"],
                                                           "%Y-%m-%dT%H:%M:%SZ"))
                                 - time.mktime(time.gmtime())), 600)
        self.assertIsNone(entry["notAfter"])
        self.assertIsNone(entry["revokedAt"])

    def test_keygen_adds_to_an_existing_keyring_and_refuses_a_taken_name(self):
        shutil.copy(FIX.path("ring.json"), self.path("ring.json"))
        run = provcheck("keygen", "desk-2027", "--keyring", "ring.json", "--not-before",
                        "2027-01-01T00:00:00Z", "--not-after", "2027-12-31T23:59:59Z", cwd=self.tmp)
        self.assertExit(run, 0)
        with open(self.path("ring.json")) as f:
            keys = json.load(f)["keys"]
        self.assertEqual([k["name"] for k in keys], ["desk", "desk-2027"])
        self.assertEqual(keys[1]["notAfter"], "2027-12-31T23:59:59Z")
        run = provcheck("keygen", "again", "--keyring", "ring.json", "--key-name", "desk",
                        cwd=self.tmp)
        self.refused(run, "already holds a key named \"desk\"", code=2)
        self.assertFalse(os.path.exists(self.path("again.key")))  # refused before any key

    def test_keygen_refuses_bad_validity_flags(self):
        cases = [(["--not-before", "2027-01-01T00:00:00Z"], "add --keyring FILE"),
                 (["--keyring", "r.json", "--not-before", "2027-02-30T00:00:00Z"],
                  "expected a UTC time"),
                 (["--keyring", "r.json", "--not-before", "2027-01-01T00:00:00Z",
                   "--not-after", "2026-01-01T00:00:00Z"], "is not after")]
        for flags, fragment in cases:
            with self.subTest(flags):
                self.refused(provcheck("keygen", "k", *flags, cwd=self.tmp), fragment, code=2)
                self.assertFalse(os.path.exists(self.path("k.key")))

    # --- verify --keyring

    def test_verify_says_which_key_signed_and_that_it_was_valid(self):
        run = self.verify(FIX.bundle, FIX.path("ring.json"))
        self.assertExit(run, 0)
        self.assertIn("signature     ok  Ed25519, keyid %s (key \"desk\" of keyring %s)"
                      % (FIX.ring["keys"][0]["keyid"], FIX.path("ring.json")), run.stdout)
        self.assertIn("key validity  ok  \"desk\" valid from ", run.stdout)
        self.assertIn("the timestamp falls within it", run.stdout)

    def test_validity_is_judged_at_the_timestamp(self):
        now = time.time()
        cases = {
            "revoked later": (dict(revokedAt=utc(now + 86400)), 0, None),
            "revoked before the timestamp": (dict(revokedAt=utc(now - 3600)), 3,
                                             "at or after its revocation"),
            "expired before the timestamp": (dict(notBefore=utc(now - 2 * 86400),
                                                  notAfter=utc(now - 3600)), 3,
                                             "after its validity ended"),
            "not yet valid at the timestamp": (dict(notBefore=utc(now + 86400)), 3,
                                               "before its validity starts"),
        }
        for name, (changes, code, fragment) in cases.items():
            with self.subTest(name):
                run = self.verify(FIX.bundle, self.ring(**changes))
                if code == 0:
                    self.assertExit(run, 0)
                else:
                    self.refused(run, "key \"desk\"", "was not valid at the timestamp's time",
                                 fragment)

    def test_without_a_proven_time_only_a_revoked_key_fails(self):
        run = self.verify(FIX.envelope, self.ring())
        self.assertExit(run, 0)
        self.assertIn("timestamp     --  none: the signing time is unproven", run.stdout)
        self.assertIn("key validity  --  \"desk\" valid from", run.stdout)
        self.assertIn("not revoked, but the signing time is unproven", run.stdout)
        revoked = self.ring(revokedAt=utc(time.time() + 86400))
        self.refused(self.verify(FIX.envelope, revoked), "was revoked at",
                     "nothing proves it signed before that (no timestamp)")
        # A token that is not checked proves no time either.
        self.refused(self.verify(FIX.bundle, revoked, tsa=False), "was revoked at",
                     "no trusted TSA roots given")

    def test_key_not_in_the_keyring_is_refused(self):
        self.assertExit(provcheck("keygen", "other", "--keyring", "other.json", cwd=self.tmp), 0)
        self.refused(self.verify(FIX.bundle, self.path("other.json")), "is not in keyring",
                     "signed by a key this keyring does not trust")

    def test_keyring_naming_a_key_twice_is_refused(self):
        entry = FIX.ring["keys"][0]
        self.assertExit(provcheck("keygen", "other", "--keyring", "other.json", cwd=self.tmp), 0)
        with open(self.path("other.json")) as f:
            other = json.load(f)["keys"][0]
        cases = {
            "two keys, one name": ([entry, dict(other, name="desk")], "\"desk\" repeats"),
            "one key, two names": ([entry, dict(entry, name="desk-copy")], "the same public key"),
        }
        for name, (keys, fragment) in cases.items():
            with self.subTest(name):
                ring = self.write("dup.json", json.dumps({"schema": "provcheck.keyring/1",
                                                          "keys": keys}))
                self.refused(self.verify(FIX.bundle, ring), fragment)

    def test_malformed_keyrings_exit_2(self):
        entry = FIX.ring["keys"][0]
        text = json.dumps({"schema": "provcheck.keyring/1", "keys": [entry]})
        cases = {
            "duplicate JSON key": (text.replace('"name": "desk"', '"name": "x", "name": "desk"'),
                                   "duplicate key \"name\""),
            "keyid of another key": (json.dumps({"schema": "provcheck.keyring/1",
                                                 "keys": [dict(entry, keyid="0" * 64)]}),
                                     "is not the keyid of publicKey"),
            "bad time": (json.dumps({"schema": "provcheck.keyring/1",
                                     "keys": [dict(entry, notBefore="yesterday")]}),
                         "$.keys[0].notBefore: expected a UTC time"),
            "unknown member": (json.dumps({"schema": "provcheck.keyring/1",
                                           "keys": [dict(entry, trust="full")]}),
                               "unexpected member \"trust\""),
            "other schema": (json.dumps({"schema": "gpg", "keys": []}), "$.schema"),
            "not a key": (json.dumps({"schema": "provcheck.keyring/1",
                                      "keys": [dict(entry, publicKey="hello")]}),
                          "expected a PEM public key"),
        }
        for name, (data, fragment) in cases.items():
            with self.subTest(name):
                self.refused(self.verify(FIX.bundle, self.write("bad.json", data)), fragment,
                             code=2)

    def test_key_or_keyring_exactly_one(self):
        run = provcheck("verify", FIX.bundle)
        self.refused(run, "--key NAME.pub", "--keyring FILE", code=2)
        run = provcheck("verify", FIX.bundle, "--key", FIX.path("desk.pub"), "--keyring",
                        FIX.path("ring.json"))
        self.assertExit(run, 2)
        self.assertIn("excludes", run.stderr)


if __name__ == "__main__":
    unittest.main()
