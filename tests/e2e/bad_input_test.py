"""Bad input: one clear line on stderr naming the file, exit 2, index untouched."""

import os

from common import TempDirTest, provcheck


class BadInputTest(TempDirTest):

    def setUp(self):
        super().setUp()
        self.index = self.path("idx")
        self.write("corpus/story.txt",
                   "The ferry operator said on Monday that the winter timetable would be cut "
                   "to two crossings a day because the older vessel needs a new engine.")
        self.assertExit(provcheck("index", "add", self.path("corpus"), "--index", self.index), 0)
        self.digest = provcheck("index", "stats", "--format", "json", "--index", self.index).json()["digest"]

    def assertIndexUntouched(self):
        stats = provcheck("index", "stats", "--format", "json", "--index", self.index).json()
        self.assertEqual(stats["digest"], self.digest)
        self.assertEqual(stats["documents"], 1)

    def test_missing_draft(self):
        run = provcheck("scan", self.path("nope.md"), "--index", self.index)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "nope.md", "no such file")

    def test_folder_given_as_draft(self):
        os.mkdir(self.path("folder.md"))
        run = provcheck("scan", self.path("folder.md"), "--index", self.index)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "folder.md", "folder")

    def test_invalid_utf8_names_byte_offset(self):
        p = self.write("bad.md", b"Good start, then \xc3\x28 broken")
        run = provcheck("scan", p, "--index", self.index)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "bad.md", "invalid UTF-8 at byte 17")

    def test_binary_file(self):
        p = self.write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        run = provcheck("scan", p, "--index", self.index)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "image.txt", "binary")

    def test_unknown_format(self):
        p = self.write("draft.pdf", "words")
        run = provcheck("scan", p, "--index", self.index)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "draft.pdf: unknown extension")

    def test_missing_index(self):
        p = self.write("draft.txt", "words")
        run = provcheck("scan", p, "--index", self.path("no-index"))
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "no-index", "no index")

    def test_damaged_index(self):
        p = self.write("draft.txt", "words")
        damaged = self.path("damaged")
        os.mkdir(damaged)
        self.write("damaged/index.db", b"garbage " * 512)
        run = provcheck("scan", p, "--index", damaged)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "damaged")

    def test_folder_that_is_not_an_index_is_left_alone(self):
        self.write("other/notes.txt", "my notes")
        run = provcheck("index", "add", self.path("corpus"), "--index", self.path("other"))
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "other", "not empty")
        self.assertEqual(os.listdir(self.path("other")), ["notes.txt"])

    def test_bad_corpus_file_is_skipped_and_named_rest_indexed(self):
        self.write("more/good.txt", "The library committee met in the town hall to argue about "
                   "opening hours for the reading room and the cost of heating it in January.")
        self.write("more/bad.txt", b"caf\xe9 au lait")
        run = provcheck("index", "add", self.path("more"), "--index", self.index)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "bad.txt", "invalid UTF-8 at byte 3")
        stats = provcheck("index", "stats", "--format", "json", "--index", self.index).json()
        self.assertEqual(stats["documents"], 2)

    def test_bad_jsonl_record_is_named_by_line_and_the_rest_indexed(self):
        good = '{"id": "r%d", "title": "T", "publisher": "P", "body": "Record %d tells of a harbour wall rebuilt stone by stone over a long wet summer."}'
        lines = [good % (1, 1), '{"id": "r2", "title": oops}', good % (3, 3),
                 '{"id": "r4", "body": "a stray \\u0000 control character is read as a space"}']
        feed = self.write("feed/wire.jsonl", "\n".join(lines) + "\n")
        run = provcheck("index", "add", feed, "--index", self.index)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "wire.jsonl:2")
        self.assertIn("skipped: 0 files, 1 records", run.stdout)
        listed = provcheck("index", "list", "--format", "json", "--index", self.index).json_lines()
        self.assertEqual(sorted(d["id"] for d in listed), ["r1", "r3", "r4", "story"])

    def test_bad_draft_among_good_ones_still_reports_the_good(self):
        good = self.write("good.txt", "A short clean draft about nothing in particular.")
        bad = self.write("bad.txt", b"\xff")
        run = provcheck("scan", good, bad, "--format", "json", "--index", self.index)
        self.assertExit(run, 2)
        self.assertEqual(len(run.json_lines()), 1)
        self.assertIndexUntouched()

    def test_empty_draft_passes(self):
        p = self.write("empty.md", "")
        run = provcheck("scan", p, "--format", "json", "--index", self.index)
        self.assertExit(run, 0)
        report = run.json()
        self.assertEqual(report["verdict"], "pass")
        self.assertEqual(report["findings"], [])

    def test_unknown_flag_is_a_usage_error(self):
        run = provcheck("scan", "--no-such-flag")
        self.assertExit(run, 2)
        self.assertTrue(run.stderr.startswith("provcheck: "), repr(run))

    def test_help_shows_an_example(self):
        for args in (["--help"], ["scan", "--help"], ["index", "add", "--help"],
                     ["index", "stats", "--help"], ["index", "verify", "--help"]):
            run = provcheck(*args)
            self.assertExit(run, 0)
            self.assertIn("Example", run.stdout, repr(run))
