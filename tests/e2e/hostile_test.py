"""Hostile input (issue 8): each input has one clear outcome, in bounded time and memory.

Either a clear error (one stderr line naming the file and the place, exit 2) or a bounded,
correct result. Time and peak memory of each large run are measured with wait4's rusage
for that one child. The bounds are generous (several times what a laptop needs) so the
test catches blow-ups, not noise. The whole file runs in well under a minute.
"""

import json
import os
import shutil
import stat
import subprocess
import tempfile
import time
import unittest

from common import BIN, TIME_SCALE, TempDirTest, provcheck

MB = 1 << 20
# The draft size limit (src/cli/scan_command.cc, kMaxDraftBytes).
DRAFT_LIMIT = 64 * MB

SENTENCE = ("The harbour board met on Thursday to weigh the cost of dredging the north channel "
            "before the autumn storms, and the fishermen asked for a second slipway. ")
SOURCE = ("Councillors on the coastal committee agreed last night that the old lifeboat station "
          "would become a museum of local shipwrecks, with the restored boat as its centrepiece "
          "and volunteers guiding visitors through the records of every rescue since 1880.")


def measured(*args, timeout=120):
    """Runs provcheck; returns (code, stdout, stderr, seconds, peak RSS in MB) for that run."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        return _measured(out, err, args, timeout)


def _measured(out, err, args, timeout):
    env = dict(os.environ)
    env.pop("PROVCHECK_INDEX", None)
    start = time.monotonic()
    proc = subprocess.Popen([BIN] + list(args), stdout=out, stderr=err, env=env)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            raise AssertionError("provcheck %s: still running after %ds" % (args, timeout))
        time.sleep(0.01)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    return (proc.returncode, out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"), seconds, usage.ru_maxrss / 1024.0)


class HostileInputTest(TempDirTest):

    @classmethod
    def setUpClass(cls):
        cls.shared = tempfile.mkdtemp(prefix="provcheck-hostile-")
        corpus = os.path.join(cls.shared, "corpus")
        os.mkdir(corpus)
        with open(os.path.join(corpus, "lifeboat.txt"), "w") as f:
            f.write(SOURCE)
        cls.index = os.path.join(cls.shared, "idx")
        run = provcheck("index", "add", corpus, "--index", cls.index)
        assert run.code == 0, repr(run)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.shared, True)

    def scan(self, *args):
        return provcheck("scan", *args, "--index", self.index)

    def assertOneLine(self, stderr, *fragments):
        lines = [l for l in stderr.splitlines() if l.strip()]
        self.assertEqual(len(lines), 1, stderr)
        self.assertTrue(lines[0].startswith("provcheck: "), stderr)
        for fragment in fragments:
            self.assertIn(fragment, lines[0])

    # --- Encoding -------------------------------------------------------------------------

    def test_invalid_utf8_at_start_middle_and_end_names_the_byte(self):
        cases = {"start.txt": (b"\xff and then good words", 0),
                 "middle.md": (b"Good words \xc3\x28 then more", 11),
                 "end.html": (b"<p>Good words until the end \xe2\x82", 28)}
        for name, (data, offset) in cases.items():
            with self.subTest(name):
                run = self.scan(self.write(name, data))
                self.assertExit(run, 2)
                self.assertOneErrorLine(run, name, "invalid UTF-8 at byte %d" % offset)

    def test_nul_bytes_are_refused_as_binary_with_their_offset(self):
        early = self.write("early.txt", b"words\x00more words")
        late = self.write("late.txt", SENTENCE.encode() * 100 + b"\x00tail")
        for path, offset in ((early, 5), (late, len(SENTENCE) * 100)):
            with self.subTest(os.path.basename(path)):
                run = self.scan(path)
                self.assertExit(run, 2)
                self.assertOneErrorLine(run, os.path.basename(path),
                                        "NUL byte at byte %d" % offset)

    # --- Size -----------------------------------------------------------------------------

    def test_100mb_draft_is_refused_with_the_limit_quickly(self):
        path = self.path("huge.txt")
        chunk = (SENTENCE * (MB // len(SENTENCE) + 1))[:MB].encode()
        with open(path, "wb") as f:
            for _ in range(100):
                f.write(chunk)
        code, _, err, seconds, rss = measured("scan", path, "--index", self.index)
        self.assertEqual(code, 2, err)
        self.assertOneLine(err, "huge.txt", "%d bytes" % (100 * MB),
                           "more than the limit of %d" % DRAFT_LIMIT)
        self.assertLess(seconds, 10 * TIME_SCALE)
        self.assertLess(rss, 200, "refusing a draft must not read it")

    def test_draft_of_one_10mb_line_is_scanned_in_bounded_time_and_memory(self):
        words = (SENTENCE.replace(".", ",") * (10 * MB // len(SENTENCE) + 1))[:10 * MB]
        path = self.write("oneline.txt", words + " " + SOURCE)
        code, out, err, seconds, rss = measured("scan", path, "--format", "json",
                                                "--index", self.index)
        self.assertIn(code, (0, 1), err)
        self.assertNotIn("\n", words)
        self.assertGreater(json.loads(out)["draft"]["words"], 1000000)
        self.assertLess(seconds, 40 * TIME_SCALE)
        self.assertLess(rss, 2048)

    # --- HTML -----------------------------------------------------------------------------

    def test_deeply_nested_html_is_refused_cleanly(self):
        path = self.write("deep.html", "<div>" * 100000 + "words" + "</div>" * 100000)
        code, _, err, seconds, rss = measured("scan", path, "--index", self.index)
        self.assertEqual(code, 2, err)
        self.assertOneLine(err, "deep.html", "nested deeper than 10000")
        self.assertLess(seconds, 10 * TIME_SCALE)
        self.assertLess(rss, 500)

    def test_10mb_html_is_read_in_bounded_time_and_memory(self):
        para = "<p>" + SENTENCE + "<b>bold</b> &amp; <a href='#x'>a link</a></p>\n"
        body = para * (10 * MB // len(para) + 1)
        path = self.write("big.html", "<html><body>" + body + "<p>" + SOURCE + "</p></body></html>")
        code, out, err, seconds, rss = measured("scan", path, "--format", "json",
                                                "--index", self.index)
        self.assertIn(code, (0, 1), err)
        self.assertGreater(json.loads(out)["draft"]["words"], 1000000)
        self.assertLess(seconds, 40 * TIME_SCALE)
        self.assertLess(rss, 3072)

    # --- Corpus ---------------------------------------------------------------------------

    def test_jsonl_corpus_with_one_bad_line_names_it_and_indexes_the_rest(self):
        good = ('{"id": "r%d", "title": "Record %d", "body": "Record %d tells of the harbour '
                'wall rebuilt stone by stone over a long wet summer by volunteers."}')
        lines = [good % (i, i, i) for i in range(1, 1001)]
        lines[499] = '{"id": "r500", "body": "unterminated'
        feed = self.write("feed/wire.jsonl", "\n".join(lines) + "\n")
        index = self.path("idx")
        run = provcheck("index", "add", feed, "--index", index)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "wire.jsonl:500")
        self.assertIn("skipped: 0 files, 1 records", run.stdout)
        stats = provcheck("index", "stats", "--format", "json", "--index", index).json()
        self.assertEqual(stats["documents"], 999)

    def test_symlink_loops_and_dangling_links_in_a_corpus_folder(self):
        self.write("corpus/real.txt", SOURCE)
        os.symlink(".", self.path("corpus", "loop"))  # a folder linking to itself
        os.symlink(self.path("corpus"), self.path("corpus", "up"))
        os.symlink("b.txt", self.path("corpus", "a.txt"))  # a.txt -> b.txt -> a.txt
        os.symlink("a.txt", self.path("corpus", "b.txt"))
        os.symlink("missing.txt", self.path("corpus", "dangling.txt"))
        index = self.path("idx")
        code, out, err, seconds, _ = measured("index", "add", self.path("corpus"), "--index", index)
        self.assertEqual(code, 0, err)
        self.assertLess(seconds, 10 * TIME_SCALE)
        self.assertIn("read 1 files", out)
        listed = provcheck("index", "list", "--format", "json", "--index", index).json_lines()
        self.assertEqual([d["id"] for d in listed], ["real"])

    def test_unreadable_file_in_a_corpus_folder_is_named(self):
        if os.geteuid() == 0:
            self.skipTest("running as root: chmod 000 does not stop root reading a file")
        self.write("corpus/good.txt", SOURCE)
        secret = self.write("corpus/secret.txt", SENTENCE)
        os.chmod(secret, 0)
        self.addCleanup(os.chmod, secret, stat.S_IRUSR | stat.S_IWUSR)
        run = provcheck("index", "add", self.path("corpus"), "--index", self.path("idx"))
        self.assertExit(run, 2)
        self.assertIn("secret.txt", run.stderr)
        self.assertIn("Permission denied", run.stderr)

    def test_file_names_with_spaces_newlines_and_non_utf8_bytes(self):
        names = [b"with space.txt", b"new\nline.txt", b"caf\xe9.txt"]
        corpus = os.path.join(self.tmp.encode(), b"corpus")
        os.mkdir(corpus)
        for i, name in enumerate(names):
            with open(os.path.join(corpus, name), "wb") as f:
                f.write(("Document %d: " % i + SOURCE.replace("1880", str(1900 + i))).encode())
        index = self.path("idx")
        run = provcheck("index", "add", self.path("corpus"), "--index", index)
        # Current behaviour: a name holding a newline gives a document id with a control
        # character, which the index refuses; that file is named and skipped, the rest added.
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "line.txt", "control character")
        self.assertIn("read 2 files", run.stdout)
        listed = provcheck("index", "list", "--format", "json", "--index", index).json_lines()
        paths = sorted(d["path"] for d in listed)
        self.assertEqual(len(paths), 2, listed)
        self.assertTrue(paths[1].endswith("/with space.txt"), paths)
        # A name that is not UTF-8 travels as explicit bytes: %XX for each bad byte.
        self.assertTrue(paths[0].endswith("/caf%E9.txt"), paths)
        # Drafts with such names are scanned, and each report names its draft.
        for name in names:
            draft = os.path.join(self.tmp.encode(), b"draft " + name)
            with open(draft, "wb") as f:
                f.write(SOURCE.encode())
            proc = subprocess.run([BIN, "scan", draft, "--format", "json", "--index", index],
                                  capture_output=True, timeout=60)
            self.assertIn(proc.returncode, (0, 1), proc.stderr)
            # "replace": a source id from a non-UTF-8 name comes out raw (see below).
            shown = json.loads(proc.stdout.decode("utf-8", "replace"))["draft"]["path"]
            self.assertEqual(shown, draft.decode("utf-8", "replace"))

    def test_json_report_stays_utf8_when_a_source_file_name_is_not(self):
        # A corpus file named b"caf\xe9.txt" gets the id "caf%E9": the bytes travel
        # explicitly, and the JSON report stays JSON.
        corpus = os.path.join(self.tmp.encode(), b"corpus")
        os.mkdir(corpus)
        with open(os.path.join(corpus, b"caf\xe9.txt"), "w") as f:
            f.write(SOURCE)
        index = self.path("idx")
        self.assertExit(provcheck("index", "add", self.path("corpus"), "--index", index), 0)
        draft = self.write("draft.txt", SOURCE)
        proc = subprocess.run([BIN, "scan", draft, "--format", "json", "--index", index],
                              capture_output=True, timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        report = json.loads(proc.stdout.decode("utf-8"))
        self.assertEqual(report["findings"][0]["source"]["id"], "caf%E9")

    # --- Rules ----------------------------------------------------------------------------

    def test_catastrophic_backtracking_pattern_finishes_fast(self):
        rules = self.write("rules.json", """{
          "version": 1,
          "sources": {"default": "credit", "publishers": [
            {"name": "Wire", "policy": "credit", "credit_patterns": ["(a+)+$", "(x+x+)+y"]}]},
          "copyright": {"required": true, "detect": "(a|aa)+$", "pattern": "^(?P<holder>(a+)+)+ (?P<year>\\\\d{4})$"}
        }""")
        draft = self.write("aaa.txt", SOURCE + "\n\n" + "a" * 100000 + "!\n\n" + "x" * 50000 + "\n")
        code, out, err, seconds, _ = measured("scan", draft, "--rules", rules, "--format", "json",
                                              "--index", self.index)
        self.assertIn(code, (0, 1), err)
        self.assertIn('"verdict":', out)
        self.assertLess(seconds, 5 * TIME_SCALE)

    def test_issue8_credit_default_and_a_source_without_publisher_does_not_crash(self):
        # Regression: a reused source with no publisher under "default": "credit" made the
        # reuse policy dereference a null pattern list (src/rules/reuse_policy.cc, Judge):
        # SIGSEGV instead of a verdict.
        rules = self.write("rules.json", '{"version": 1, "sources": {"default": "credit"}}')
        run = self.scan(self.write("d.txt", SOURCE), "--rules", rules, "--format", "json")
        self.assertExit(run, 1)
        finding = run.json()["findings"][0]
        self.assertEqual(finding["outcome"], "violating")
        self.assertIn("without a credit matching the publisher's name", finding["message"])

    def test_rules_pattern_re2_cannot_run_is_a_clear_error(self):
        rules = self.write("rules.json", '{"version": 1, "sources": {"publishers": ['
                           '{"name": "Wire", "policy": "credit", "credit_patterns": ["(a)\\\\1"]}]}}')
        run = self.scan(self.write("d.txt", SOURCE), "--rules", rules)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "rules.json:", "credit_patterns[0]")

    # --- Index ----------------------------------------------------------------------------

    def test_folder_that_is_not_an_index(self):
        draft = self.write("d.txt", SOURCE)
        self.write("notes/a.txt", "my notes")
        self.write("notes/index.db", b"SQLite format 3\x00" + b"\xff" * 4000)
        plain = self.write("plainfile", "not a folder")
        for where in (self.path("notes"), plain):
            with self.subTest(where):
                run = provcheck("scan", draft, "--index", where)
                self.assertExit(run, 2)
                self.assertOneErrorLine(run, os.path.basename(where))
                run = provcheck("index", "add", draft, "--index", where)
                self.assertExit(run, 2)
                self.assertOneErrorLine(run, os.path.basename(where))
        self.assertEqual(sorted(os.listdir(self.path("notes"))), ["a.txt", "index.db"])
        with open(self.path("notes", "index.db"), "rb") as f:
            self.assertEqual(f.read(), b"SQLite format 3\x00" + b"\xff" * 4000)


if __name__ == "__main__":
    unittest.main()
