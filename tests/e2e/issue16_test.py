"""Issue 16, hardening round 2: no hangs on FIFOs, no lost records, no collisions, confined
paths, no workflow-command injection, --text. Each test failed before its fix."""

import base64
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from common import BIN, EXAMPLES, SOURCE_DIR, TempDirTest, provcheck

# Long enough for any of these small runs; a run blocked on a FIFO never ends.
QUICK = 20

ARTICLE = ("The harbour board met on Thursday to weigh the cost of dredging the north channel "
           "before the autumn storms, and the fishermen asked for a second slipway at the quay. ")


def record(i, body=None):
    return json.dumps({"id": "r%d" % i, "title": "Record %d" % i, "publisher": "Test",
                       "body": body or ("Record %d says: " % i) + ARTICLE * 3})


class Issue16Fifo(TempDirTest):
    """Item 3: a FIFO is refused at once, one error line, exit 2 (not waited on)."""

    def setUp(self):
        super().setUp()
        self.index = self.path("idx")
        self.write("corpus/one.txt", ARTICLE * 4)
        self.assertExit(provcheck("index", "add", self.path("corpus"), "--index", self.index), 0)

    def fifo(self, name):
        p = self.path(name)
        os.mkfifo(p)
        return p

    def assertRefusesFifo(self, run, fifo):
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, fifo, "a FIFO (named pipe), expected a regular file")

    def test_issue16_scan_of_a_fifo_is_refused(self):
        fifo = self.fifo("fifo.md")
        self.assertRefusesFifo(
            provcheck("scan", fifo, "--index", self.index, timeout=QUICK), fifo)

    def test_issue16_index_add_of_a_fifo_is_refused(self):
        fifo = self.fifo("fifo.jsonl")
        run = provcheck("index", "add", fifo, "--index", self.index, timeout=QUICK)
        self.assertExit(run, 2)
        self.assertIn("provcheck: %s: a FIFO (named pipe), expected a regular file" % fifo,
                      run.stderr)

    def test_issue16_verify_of_a_fifo_envelope_is_refused(self):
        self.assertExit(provcheck("keygen", "desk", cwd=self.tmp), 0)
        fifo = self.fifo("env.fifo")
        self.assertRefusesFifo(
            provcheck("verify", fifo, "--key", self.path("desk.pub"), timeout=QUICK), fifo)

    def test_issue16_rules_roster_fifo_is_refused(self):
        fifo = self.fifo("staff.txt")
        rules = self.write("rules.json", '{"version": 1, "bylines": {"roster": {"file": '
                                         '"staff.txt"}}}\n')
        draft = self.write("draft.md", ARTICLE)
        run = provcheck("scan", draft, "--index", self.index, "--rules", rules, timeout=QUICK)
        self.assertRefusesFifo(run, fifo)


class Issue16RacingCreators(TempDirTest):
    """Item 4: twenty `index add` runs creating one new index all succeed, and share it."""

    def test_issue16_twenty_racing_creators_share_one_index(self):
        creators = 20
        for i in range(creators):
            self.write("c%d/doc%d.txt" % (i, i), ("Creator %d writes: " % i) + ARTICLE * 3)
        index = self.path("idx")
        env = dict(os.environ)
        env.pop("PROVCHECK_INDEX", None)
        procs = [subprocess.Popen([BIN, "index", "add", self.path("c%d" % i), "--index", index],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
                 for i in range(creators)]
        errors = [p.communicate(timeout=120)[1].decode() for p in procs]
        for i, p in enumerate(procs):
            self.assertEqual(p.returncode, 0, "creator %d: %s" % (i, errors[i]))
        stats = provcheck("index", "stats", "--format", "json", "--index", index).json()
        self.assertEqual(stats["documents"], creators)
        self.assertEqual([n for n in os.listdir(index) if n.startswith("index.db.creating")], [])
        self.assertExit(provcheck("index", "verify", "--index", index), 0)


class Issue16BadRecordBytes(TempDirTest):
    """Item 5: a NUL or invalid UTF-8 byte in record 2 of 3 costs record 2 only."""

    def check(self, bad_byte, message):
        lines = [record(i).encode() for i in (1, 2, 3)]
        at = lines[1].index(b"says") + 1
        lines[1] = lines[1][:at] + bad_byte + lines[1][at + 1:]
        data = b"\n".join(lines) + b"\n"
        feed = self.write("feed.jsonl", data)
        index = self.path("idx")
        run = provcheck("index", "add", feed, "--index", index)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "%s:2: %s at byte %d" % (feed, message, data.index(bad_byte)))
        listed = provcheck("index", "list", "--format", "json", "--index", index).json_lines()
        self.assertEqual(sorted(d["id"] for d in listed), ["r1", "r3"])

    def test_issue16_invalid_utf8_in_one_record_costs_that_record_only(self):
        self.check(b"\xff", "invalid UTF-8")

    def test_issue16_nul_in_one_record_costs_that_record_only(self):
        self.check(b"\0", "NUL byte")


def canonical_table():
    """The rows of docs/report-format.md's "What is canonical, and what verifies" table."""
    with open(os.path.join(SOURCE_DIR, "docs", "report-format.md"), encoding="utf-8") as f:
        doc = f.read()
    section = doc.split("### What is canonical, and what verifies", 1)[1].split("\n### ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and not set(cells[1]) <= set("-") and cells[1] != "`provcheck verify`":
            rows[cells[0]] = cells[1]
    return rows


class Issue16CanonicalEnvelope(TempDirTest):
    """Item 8: the documented table of accepted envelope encodings is what verify does."""

    def variants(self, raw):
        env = json.loads(raw)
        p, t = env["payload"], env["payloadType"]
        k, sig = env["signatures"][0]["keyid"], env["signatures"][0]["sig"]
        body = raw.rstrip(b"\n")
        # A base64 value with + or / for the URL-safe case (the signature or payload).
        b64 = next(v for v in (sig, p) if "+" in v or "/" in v)
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        bare = sig.rstrip("=")
        stray = bare[:-1] + alphabet[alphabet.index(bare[-1]) ^ 1] + sig[len(bare):]
        return {
            "members in another order": [json.dumps(
                {"signatures": [{"sig": sig, "keyid": k}], "payloadType": t, "payload": p}).encode()],
            "other whitespace between tokens": [
                json.dumps(env, indent=2).encode(), body, body + b"\r\n", raw + b"\n  \n"],
            "a character of a member name written as a JSON escape": [
                raw.replace(b'"payload":', b'"p\\u0061yload":', 1)],
            "a character of a string value written as a JSON escape": [
                raw.replace(b"application/vnd", b"application\\/vnd", 1),
                raw.replace(b'"payload":"e', b'"payload":"\\u0065', 1)],
            "base64 without its `=` padding": [
                raw.replace(sig.encode(), bare.encode()),
                raw.replace(p.encode(), (p[:76] + "\\n" + p[76:]).encode()),
                raw.replace(b64.encode(), b64.replace("+", "-").replace("/", "_").encode()),
                raw.replace(sig.encode(), stray.encode())],
            "`keyid` in upper case": [raw.replace(k.encode(), k.upper().encode())],
            "a member twice": [raw.replace(b'{"payload"', b'{"payloadType":"x","payload"', 1),
                               raw.replace(b'{"payload"', b'{"p\\u0061yload":"","payload"', 1)],
            "a member not in the format": [raw.replace(b'{"payload"', b'{"x":1,"payload"', 1),
                                           raw.replace(b'{"keyid"', b'{"x":1,"keyid"', 1)],
            "a byte order mark": [b"\xef\xbb\xbf" + raw, raw + raw, body + b" x"],
            "a second signature entry": [
                raw.replace(b'"signatures":[', b'"signatures":[' +
                            json.dumps(env["signatures"][0]).encode() + b",", 1),
                raw.replace(b'"signatures":[', b'"signatures":[{"keyid":"00","sig":"' +
                            base64.b64encode(b"\0" * 64) + b'"},', 1)],
        }

    def test_issue16_documented_envelope_encodings_are_what_verify_accepts(self):
        self.assertExit(provcheck("keygen", "desk", cwd=self.tmp), 0)
        self.write("corpus/one.txt", ARTICLE * 4)
        index = self.path("idx")
        self.assertExit(provcheck("index", "add", self.path("corpus"), "--index", index), 0)
        self.write("draft.txt", ARTICLE)
        envelope = self.path("env.json")
        self.assertExit(provcheck("scan", "draft.txt", "--index", index, "--sign",
                                  self.path("desk.key"), "--out", envelope, cwd=self.tmp), 1)
        with open(envelope, "rb") as f:
            raw = f.read()
        self.assertExit(provcheck("verify", envelope, "--key", self.path("desk.pub")), 0)
        rows = canonical_table()
        variants = self.variants(raw)
        self.assertEqual(len(rows), len(variants), rows)
        for row, verdict in rows.items():
            key = next(k for k in variants if row.startswith(k))
            code = 0 if verdict == "accepted" else int(verdict.rsplit(" ", 1)[1])
            for i, data in enumerate(variants[key]):
                self.assertNotEqual(data, raw)
                path = self.write("variant.json", data)
                run = provcheck("verify", path, "--key", self.path("desk.pub"))
                self.assertEqual(run.code, code, "%s (variant %d): %r" % (row, i, run))


if __name__ == "__main__":
    unittest.main()
