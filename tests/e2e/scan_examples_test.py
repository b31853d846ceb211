"""Scans each example draft against corpus/ and checks the exact passages."""

import os
import re
import shutil
import tempfile
import unittest

from common import CORPUS, EXAMPLES, provcheck, index_corpus

INDEX = None


def setUpModule():
    global INDEX
    INDEX = tempfile.mkdtemp(prefix="provcheck-e2e-corpus-")
    run = index_corpus(INDEX)
    assert run.code == 0, repr(run)


def tearDownModule():
    shutil.rmtree(INDEX, True)


def read_bytes(*parts):
    with open(os.path.join(*parts), "rb") as f:
        return f.read()


def span_of(data, first, last):
    """Byte range from the start of `first` to the end of the `last` after it."""
    start = data.index(first.encode())
    end = data.index(last.encode(), start) + len(last.encode())
    return start, end


def corpus_file(doc_id):
    for root, _, files in os.walk(CORPUS):
        for name in files:
            path = os.path.join(root, name)
            if ("id: %s\n" % doc_id).encode() in read_bytes(path):
                return path
    raise AssertionError("no corpus file with id " + doc_id)


def scan(name, *extra):
    return provcheck("scan", os.path.join(EXAMPLES, name), "--index", INDEX,
                     "--format", "json", *extra)


class ScanExamplesTest(unittest.TestCase):

    def check_passage(self, finding, draft_name, draft_span, source_id, source_span):
        draft = read_bytes(EXAMPLES, draft_name)
        source = read_bytes(corpus_file(source_id))
        self.assertEqual(finding["source"]["id"], source_id)
        got_d = (finding["draft"]["start"], finding["draft"]["end"])
        self.assertEqual(got_d, span_of(draft, *draft_span),
                         "draft text found: %r" % draft[got_d[0]:got_d[1]])
        got_s = (finding["source"]["start"], finding["source"]["end"])
        self.assertEqual(got_s, span_of(source, *source_span),
                         "source text found: %r" % source[got_s[0]:got_s[1]])
        self.assertEqual(finding["draft"]["text"].encode(), draft[got_d[0]:got_d[1]])
        self.assertEqual(finding["source"]["text"].encode(), source[got_s[0]:got_s[1]])
        # Line and column point at the start offset.
        line_start = draft.rfind(b"\n", 0, got_d[0]) + 1
        self.assertEqual(finding["draft"]["line"], draft.count(b"\n", 0, got_d[0]) + 1)
        self.assertEqual(finding["draft"]["column"],
                         len(draft[line_start:got_d[0]].decode("utf-8")) + 1)

    def test_clean_draft_reports_nothing(self):
        run = scan("clean.md")
        self.assertEqual(run.code, 0, repr(run))
        report = run.json()
        self.assertEqual(report["verdict"], "pass")
        self.assertEqual(report["findings"], [])
        self.assertEqual(report["summary"]["passages"], 0)

    def test_copied_draft_finds_three_exact_passages(self):
        run = scan("copied.md")
        self.assertEqual(run.code, 1, repr(run))
        report = run.json()
        self.assertEqual(report["verdict"], "fail")
        findings = report["findings"]
        self.assertEqual(len(findings), 3, [f["draft"]["text"] for f in findings])
        self.check_passage(findings[0], "copied.md",
                           ("Port Ellery has overtaken", "land registry on Thursday"),
                           "nc-004", ("Port Ellery has overtaken", "land registry on Thursday"))
        # Lightly edited: "attribute"->"put ... down", "trading"->"swapping",
        # "accelerated"->"sped up"; the passage still runs from its first to
        # its last matching word.
        self.check_passage(findings[1], "copied.md",
                           ("Estate agents put the jump", "has sped up the move"),
                           "nc-004", ("Estate agents attribute the jump", "has accelerated the move"))
        self.assertLess(findings[1]["similarity"], 1.0)
        self.assertGreater(findings[1]["similarity"], 0.8)
        self.check_passage(findings[2], "copied.md",
                           ("The line has 17 stops", "needed in the rush hour"),
                           "hh-004", ("The line has 17 stops", "needed in the rush hour"))
        for f in (findings[0], findings[2]):
            self.assertEqual(f["similarity"], 1)
        for f in findings:
            self.assertEqual(f["kind"], "reuse")
            self.assertEqual(f["severity"], "error")
            self.assertFalse(f["quoted"])
            self.assertGreaterEqual(f["words"], 25)
        sources = {s["id"]: s for s in report["summary"]["sources"]}
        self.assertEqual(set(sources), {"nc-004", "hh-004"})
        self.assertEqual(sources["nc-004"]["passages"], 2)
        self.assertGreater(report["summary"]["reused_share"], 0.3)

    def test_evasion_draft_still_finds_its_passage(self):
        run = scan("evasion.md")
        self.assertEqual(run.code, 1, repr(run))
        findings = run.json()["findings"]
        self.assertEqual(len(findings), 1, repr(run))
        self.check_passage(findings[0], "evasion.md",
                           ("The t\u043etal was up", "the prev\u0456ous year"),
                           "mw-002", ("The total was up", "the previous year"))
        self.assertEqual(findings[0]["similarity"], 1)

    def test_quoted_statement_is_marked_quoted_and_passes(self):
        run = scan("quoted.md")
        self.assertEqual(run.code, 0, repr(run))
        report = run.json()
        self.assertEqual(report["verdict"], "pass")
        self.assertEqual(len(report["findings"]), 1)
        f = report["findings"][0]
        self.assertTrue(f["quoted"])
        self.assertEqual(f["severity"], "note")
        self.assertEqual(f["source"]["id"], "hh-003")
        self.check_passage(f, "quoted.md",
                           ("The Narrows has not become", "closed for a month"),
                           "hh-003", ("The Narrows has not become", "closed for a month"))

    def test_credited_wire_copy_is_marked_credited(self):
        run = scan("wire-credited.md")
        report = run.json()
        self.assertEqual(len(report["findings"]), 1, repr(run))
        f = report["findings"][0]
        self.assertEqual(f["source"]["id"], "mw-005")
        self.assertEqual(f["source"]["publisher"], "Meridian Wire")
        self.assertTrue(f["credited"])
        self.assertFalse(f["quoted"])
        self.check_passage(f, "wire-credited.md",
                           ("The Kestrel Bank project", "around 840,000 homes"),
                           "mw-005", ("The Kestrel Bank project", "around 840,000 homes"))
        # Built-in rules forbid every source, credited or not.
        self.assertEqual(run.code, 1, repr(run))

    def test_report_has_the_core_fields(self):
        report = scan("copied.md").json()
        self.assertEqual(report["schema"], "provcheck.report/1")
        self.assertEqual(report["tool"]["name"], "provcheck")
        self.assertRegex(report["created"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        draft = read_bytes(EXAMPLES, "copied.md")
        self.assertEqual(report["draft"]["bytes"], len(draft))
        import hashlib
        self.assertEqual(report["draft"]["sha256"], hashlib.sha256(draft).hexdigest())
        stats = provcheck("index", "stats", "--format", "json", "--index", INDEX).json()
        self.assertEqual(report["index"], {"id": stats["id"], "digest": stats["digest"],
                                           "documents": stats["documents"]})
        self.assertIsNone(report["rules"])

    def test_json_is_canonical_and_reproducible(self):
        a = scan("copied.md").stdout
        b = scan("copied.md").stdout
        self.assertEqual(a, b)
        import json
        obj = json.loads(a)
        self.assertEqual(a.rstrip("\n"),
                         json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False))

    def test_several_drafts_give_json_lines_in_order(self):
        run = provcheck("scan", os.path.join(EXAMPLES, "clean.md"),
                        os.path.join(EXAMPLES, "copied.md"), "--index", INDEX, "--format", "json")
        self.assertEqual(run.code, 1, repr(run))
        reports = run.json_lines()
        self.assertEqual([r["draft"]["path"].rsplit("/", 1)[1] for r in reports],
                         ["clean.md", "copied.md"])

    def test_text_report_shows_passage_beside_source(self):
        run = provcheck("scan", os.path.join(EXAMPLES, "copied.md"), "--index", INDEX)
        self.assertEqual(run.code, 1, repr(run))
        self.assertIn("FAIL", run.stdout)
        self.assertIn("draft:", run.stdout)
        self.assertIn("source:", run.stdout)
        self.assertIn("nc-004", run.stdout)
        self.assertNotIn("\x1b[", run.stdout)  # no colour when not a terminal
        # Without colour, edited words are marked as wdiff does.
        self.assertIn("has {+sped up+} the move", run.stdout)
        self.assertIn("has [-accelerated-] the move", run.stdout)

    def test_colour_highlights_matching_words(self):
        run = provcheck("scan", os.path.join(EXAMPLES, "copied.md"), "--index", INDEX,
                        "--color", "always")
        self.assertIn("\x1b[1;4;31m", run.stdout)

    def test_out_writes_the_report_to_a_file(self):
        out = os.path.join(INDEX, "..", os.path.basename(INDEX) + "-report.json")
        self.addCleanup(lambda: os.path.exists(out) and os.remove(out))
        run = scan("copied.md", "--out", out)
        self.assertEqual(run.code, 1, repr(run))
        self.assertEqual(run.stdout, "")
        with open(out) as f:
            self.assertEqual(f.read(), scan("copied.md").stdout)


if __name__ == "__main__":
    unittest.main()
