"""Issue 16, hardening round 2: no hangs on FIFOs, no lost records, no collisions, confined
paths, no workflow-command injection, --text. Each test failed before its fix."""

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


if __name__ == "__main__":
    unittest.main()
