"""Drafts piped on standard input (`scan -` with --input-format, as a CMS hands
text over), folders of drafts (`scan DIR`), and the command line's answers to a mistyped subcommand or an
extension it does not know (issue 17)."""

import json
import unittest

import os

from common import EXAMPLES, TempDirTest, example, module_corpus_index, provcheck

INDEX = None


def setUpModule():
    global INDEX
    INDEX = module_corpus_index("stdin")


def findings(run):
    """The findings of a JSON report, without the draft's name."""
    report = run.json()
    return [{k: v for k, v in f.items() if k != "location"} for f in report["findings"]], \
        report["draft"]["sha256"]


class StandardInputTest(TempDirTest):

    def scan(self, *args, stdin=b""):
        return provcheck("scan", *args, "--index", INDEX, stdin=stdin)

    def test_piped_draft_gives_the_findings_of_the_file(self):
        piped = self.scan("-", "--input-format", "markdown", "--format", "json",
                          stdin=example("copied.md"))
        self.assertExit(piped, 1)
        from_file = self.scan(os.path.join(EXAMPLES, "copied.md"), "--format", "json")
        self.assertExit(from_file, 1)
        self.assertEqual(piped.json()["draft"]["path"], "-")
        self.assertGreater(len(piped.json()["findings"]), 0)
        self.assertEqual(findings(piped), findings(from_file))

    def test_piped_text_report_names_standard_input(self):
        run = self.scan("-", "--input-format", "markdown", stdin=example("copied.md"))
        self.assertExit(run, 1)
        self.assertTrue(run.stdout.startswith("-: FAIL"), repr(run))

    def test_piped_clean_draft_passes_beside_files(self):
        run = self.scan(os.path.join(EXAMPLES, "copied.md"), "-", "--input-format", "markdown",
                        "--format", "json", stdin=example("clean.md"))
        self.assertExit(run, 1)  # the file is copied; standard input is clean
        reports = run.json_lines()
        self.assertEqual([r["draft"]["path"] for r in reports],
                         [os.path.join(EXAMPLES, "copied.md"), "-"])
        self.assertEqual([r["verdict"] for r in reports], ["fail", "pass"])

    def test_standard_input_needs_an_input_format(self):
        run = self.scan("-", stdin=b"Some text.\n")
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "-: standard input", "--input-format")
        self.assertEqual(run.stdout, "")

    def test_standard_input_named_twice(self):
        run = self.scan("-", "-", "--input-format", "text", stdin=b"Some text.\n")
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "more than once")

    def test_standard_input_over_the_draft_limit(self):
        run = self.scan("-", "--input-format", "text", stdin=b"word " * (14 << 20))
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "-: standard input holds more than the draft limit of 64 MiB")

    def test_empty_standard_input_passes(self):
        run = self.scan("-", "--input-format", "text")
        self.assertExit(run, 0)


class FolderOfDraftsTest(TempDirTest):

    def scan(self, *args):
        return provcheck("scan", *args, "--index", INDEX, "--format", "json")

    def test_folder_scans_its_drafts_as_ci_picks_them(self):
        self.write("drafts/copied.md", example("copied.md"))
        self.write("drafts/desk/clean.md", example("clean.md"))
        self.write("drafts/desk/notes.TXT", "Nothing copied here.\n")
        self.write("drafts/.drafts/hidden.md", example("copied.md"))
        self.write("drafts/article.json", "{not even json")
        self.write("drafts/picture.jpg", b"\xff\xd8\xff")
        os.symlink(os.path.join(EXAMPLES, "quoted.md"), self.path("drafts/link.md"))
        run = self.scan(self.path("drafts"))
        self.assertExit(run, 1)
        self.assertEqual(run.stderr, "")
        reports = run.json_lines()
        self.assertEqual([r["draft"]["path"] for r in reports],
                         [self.path("drafts/copied.md"), self.path("drafts/desk/clean.md"),
                          self.path("drafts/desk/notes.TXT")])
        self.assertEqual([r["verdict"] for r in reports], ["fail", "pass", "pass"])

    def test_folder_and_files_together(self):
        self.write("drafts/clean.md", example("clean.md"))
        run = self.scan(self.path("drafts"), os.path.join(EXAMPLES, "copied.md"))
        self.assertExit(run, 1)
        self.assertEqual(len(run.json_lines()), 2)

    def test_folder_without_drafts_is_an_error_naming_it(self):
        self.write("empty/photo.jpg", b"\xff\xd8\xff")
        run = self.scan(self.path("empty"))
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, self.path("empty") + ": a folder with no drafts")


class QuietTest(TempDirTest):
    """-q: nothing on standard output, the exit code says it (ripgrep's -q)."""

    def test_scan_quiet_gives_only_the_exit_code(self):
        copied = provcheck("scan", "-q", os.path.join(EXAMPLES, "copied.md"),
                           "--index", INDEX)
        self.assertExit(copied, 1)
        self.assertEqual((copied.stdout, copied.stderr), ("", ""))
        clean = provcheck("scan", "--quiet", os.path.join(EXAMPLES, "clean.md"),
                          "--index", INDEX)
        self.assertExit(clean, 0)
        self.assertEqual(clean.stdout, "")

    def test_scan_quiet_still_writes_the_out_file_and_errors(self):
        out = self.path("report.json")
        run = provcheck("scan", "-q", "-f", "json", "-o", out, os.path.join(EXAMPLES, "copied.md"),
                        "--index", INDEX)
        self.assertExit(run, 1)
        self.assertEqual(run.stdout, "")
        with open(out, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["verdict"], "fail")
        missing = provcheck("scan", "-q", self.path("absent.md"), "--index", INDEX)
        self.assertExit(missing, 2)
        self.assertOneErrorLine(missing, "absent.md")

    def test_index_add_quiet_prints_nothing(self):
        self.write("corpus/a.md", "# A\n\nSome words of an article written for this test.\n")
        run = provcheck("index", "add", "-q", self.path("corpus"), "--index", self.path("idx"))
        self.assertExit(run, 0)
        self.assertEqual((run.stdout, run.stderr), ("", ""))
        listed = provcheck("index", "list", "--index", self.path("idx"))
        self.assertIn("a", listed.stdout)


class CommandLineHintsTest(TempDirTest):

    def first_line(self, run):
        self.assertExit(run, 2)
        return run.stderr.splitlines()[0]

    def test_mistyped_subcommand_gets_the_nearest(self):
        self.assertEqual(self.first_line(provcheck("scna", "x.md")),
                         'provcheck: unknown command "scna"; did you mean "scan"?')
        self.assertEqual(self.first_line(provcheck("verfy")),
                         'provcheck: unknown command "verfy"; did you mean "verify"?')
        self.assertEqual(self.first_line(provcheck("index", "ad", "corpus")),
                         'provcheck: unknown command "index ad"; did you mean "index add"?')

    def test_word_far_from_every_subcommand_lists_them(self):
        self.assertEqual(self.first_line(provcheck("publish")),
                         'provcheck: unknown command "publish"; expected one of index, scan, ci, '
                         'keygen, sign, verify, serve')

    def test_missing_subcommand_still_says_so(self):
        self.assertIn("A subcommand is required", self.first_line(provcheck("index")))

    def test_unknown_extension_names_input_format(self):
        self.write("draft.docz", "Some text.\n")
        run = provcheck("scan", self.path("draft.docz"), "--index", INDEX)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "draft.docz: unknown extension", "--input-format")
        run = provcheck("scan", self.path("draft.docz"), "--input-format", "text",
                        "--index", INDEX)
        self.assertExit(run, 0)


if __name__ == "__main__":
    unittest.main()
