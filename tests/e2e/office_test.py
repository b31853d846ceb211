"""Word (.docx) and OpenDocument (.odt) drafts and corpus documents (issue 17):
paragraphs copied from corpus/ are found at their paragraph (line) and
character (column); tracked deletions are skipped and insertions read;
footnotes, tables and hyperlinks are text; metadata comes from the document's
properties; zip and XML bombs get one error line and exit 2 in bounded time
and memory. The files are built by the tests (office_files.py)."""

import os
import re
import subprocess
import time
import unittest
import zipfile

from common import (BIN, CORPUS, EXAMPLES, SOURCE_DIR, TIME_SCALE, TempDirTest,
                    module_corpus_index, provcheck)
import office_files

INDEX = None

with open(os.path.join(CORPUS, "harbour-herald", "2026-03-14-cranes-fall-silent.md"),
          encoding="utf-8") as _f:
    _ARTICLE = [p for p in _f.read().split("\n\n") if p.startswith(("The gantry", "Pickets"))]
GANTRY, PICKETS = _ARTICLE  # two paragraphs of hh-001

OWN = [
    "Council notes from the editor's desk",
    "This paragraph was written for the test and appears in no article of the sample corpus "
    "at all, so nothing in it should be reported.",
    "Another line of our own, about lantern festivals on a river that exists only here.",
]

MAKERS = {"docx": office_files.docx, "odt": office_files.odt}


def setUpModule():
    global INDEX
    INDEX = module_corpus_index("office")


def document_text(paragraphs):
    """The document text provcheck reads: one paragraph per line."""
    return "".join(p + "\n" for p in paragraphs)


class OfficeDraftTest(TempDirTest):

    def scan(self, *args, stdin=b""):
        return provcheck("scan", *args, "--index", INDEX, stdin=stdin)

    def reuse(self, run):
        return [f for f in run.json()["findings"] if f["kind"] == "reuse"]

    def test_copied_paragraphs_are_found_at_their_paragraph(self):
        paragraphs = [{"text": OWN[0], "style": "heading"}, OWN[1], GANTRY, OWN[2], PICKETS]
        plain = [OWN[0], OWN[1], GANTRY, OWN[2], PICKETS]
        text = document_text(plain).encode("utf-8")
        for ext, make in MAKERS.items():
            with self.subTest(ext):
                path = self.write("draft." + ext, make(paragraphs))
                run = self.scan(path, "--format", "json")
                self.assertExit(run, 1)
                found = self.reuse(run)
                self.assertEqual([f["source"]["id"] for f in found], ["hh-001", "hh-001"], repr(run))
                for finding, paragraph, line in zip(found, (GANTRY, PICKETS), (3, 5)):
                    span = finding["draft"]
                    self.assertEqual(span["line"], line)
                    self.assertEqual(span["column"], 1)
                    self.assertEqual(span["end_line"], line)
                    self.assertEqual(span["start"], text.index(paragraph.encode("utf-8")))
                    self.assertEqual(text[span["start"]:span["end"]].decode("utf-8"), span["text"])
                    self.assertTrue(paragraph.startswith(span["text"][:60]), span["text"])
                    self.assertGreater(finding["words"], 40)

    def test_text_report_names_paragraph_and_html_report_shows_the_text(self):
        for ext, make in MAKERS.items():
            with self.subTest(ext):
                path = self.write("story." + ext, make([OWN[1], GANTRY]))
                brief = self.scan(path, "--brief")
                self.assertExit(brief, 1)
                self.assertIn(path + ":2:1: error", brief.stdout)
                html = self.scan(path, "--format", "html")
                self.assertExit(html, 1)
                marked = re.sub(r"<[^>]+>", "", html.stdout)
                self.assertIn("written for the test", marked)
                self.assertIn("The gantry cranes that normally swing", marked)
                self.assertIn("<mark", html.stdout)
                self.assertNotIn("word/document.xml", html.stdout)
                self.assertNotIn("PK\x03\x04", html.stdout)

    def test_tracked_changes_footnotes_tables_and_links(self):
        own = OWN[2]
        cases = [
            # inserted by a tracked change: read
            ({"text": own + " ", "inserted": GANTRY}, True),
            # deleted by a tracked change: not read
            ({"text": own, "deleted": " " + GANTRY}, False),
            ({"text": own, "footnote": PICKETS}, True),
            ({"table": [[OWN[1], GANTRY]]}, True),
            ({"text": own + " ", "link": GANTRY}, True),
        ]
        for ext, make in MAKERS.items():
            for n, (paragraph, found) in enumerate(cases):
                with self.subTest(ext=ext, case=n):
                    path = self.write(f"case{n}.{ext}", make([OWN[1], paragraph]))
                    run = self.scan(path, "--format", "json")
                    self.assertExit(run, 1 if found else 0)
                    self.assertEqual(bool(self.reuse(run)), found, repr(run))
                    if n == 1:
                        self.assertLess(run.json()["draft"]["words"], 60)

    def test_standard_input_and_folders(self):
        data = office_files.docx([OWN[1], GANTRY])
        piped = self.scan("-", "--input-format", "docx", "--format", "json", stdin=data)
        self.assertExit(piped, 1)
        self.assertEqual(self.reuse(piped)[0]["draft"]["line"], 2)
        folder = self.path("drafts")
        os.makedirs(folder)
        self.write("drafts/a.docx", data)
        self.write("drafts/b.odt", office_files.odt([OWN[2]]))
        run = self.scan(folder, "--format", "json")
        self.assertExit(run, 1)
        self.assertEqual([os.path.basename(r["draft"]["path"]) for r in run.json_lines()],
                         ["a.docx", "b.odt"])

    def test_signed_report_of_a_docx_verifies_against_the_file(self):
        path = self.write("signed.docx", office_files.docx([GANTRY]))
        keygen = provcheck("keygen", self.path("desk"))
        self.assertExit(keygen, 0)
        envelope = self.path("report.dsse.json")
        run = self.scan(path, "--sign", self.path("desk.key"), "-o", envelope)
        self.assertExit(run, 1)
        ok = provcheck("verify", envelope, "--key", self.path("desk.pub"), "--draft", path)
        self.assertExit(ok, 0)


class OfficeCreditsTest(TempDirTest):
    """The credit rules read a Word or OpenDocument draft as they read
    examples/broken-credits.md: captions (by style, or the paragraph after a
    picture), byline, additional reporting, copyright line, date."""

    def paragraphs(self, caption_by_style):
        with open(os.path.join(EXAMPLES, "broken-credits.md"), encoding="utf-8") as f:
            md = f.read()
        blocks = md.split("---\n", 2)[2].strip().split("\n\n")
        out = []
        for block in blocks:
            block = block.replace("**", "")
            if block.startswith("# "):
                out.append({"text": block[2:], "style": "heading"})
            elif block.startswith("!["):
                caption = block.split("\n", 1)[1].strip("*")
                out.append({"text": caption, "style": "caption"} if caption_by_style
                           else {"text": caption, "picture": True})
            else:
                out.append(block)
        return out

    def test_credit_findings_match_the_markdown_draft(self):
        rules = os.path.join(SOURCE_DIR, "rules", "newsroom.json")
        expected = provcheck("scan", os.path.join(EXAMPLES, "broken-credits.md"), "--rules", rules,
                             "--index", INDEX, "--format", "json")
        want = sorted(f["rule"] for f in expected.json()["findings"])
        for ext, make in MAKERS.items():
            for by_style in (True, False):
                with self.subTest(ext=ext, caption_by_style=by_style):
                    path = self.write(f"credits-{by_style}.{ext}", make(
                        self.paragraphs(by_style), title="Fish market moves indoors",
                        creator="Marnie Coultard", created="2026-11-26T06:00:00Z"))
                    run = provcheck("scan", path, "--rules", rules, "--index", INDEX,
                                    "--format", "json")
                    self.assertExit(run, 1)
                    self.assertEqual(sorted(f["rule"] for f in run.json()["findings"]), want,
                                     repr(run))


class OfficeCorpusTest(TempDirTest):

    def test_office_documents_are_indexed_with_their_properties(self):
        own_docx = ("The harbour ferry timetable changes next spring, when the new pontoon at "
                    "Gull Steps opens and crossings run every twelve minutes through the day, with a late boat on "
                    "Fridays for the theatre crowd.")
        own_odt = ("Volunteers counted four hundred and twelve oystercatchers on the mudflats at "
                   "low tide, the highest tally since the survey began nine winters ago, and two "
                   "avocets were seen for the first time.")
        self.write("archive/ferry.docx", office_files.docx(
            [{"text": "Ferry timetable", "style": "heading"}, own_docx],
            title="New ferry timetable", creator="Ines Marlow", created="2026-02-03T08:00:00Z"))
        self.write("archive/birds.odt", office_files.odt(
            [own_odt], title="Record bird count", creator="Jonah Pike",
            created="2026-01-09T10:11:12"))
        index = self.path("idx")
        self.assertExit(provcheck("index", "add", self.path("archive"), "--index", index), 0)
        listed = provcheck("index", "list", "--format", "json", "--index", index)
        self.assertExit(listed, 0)
        docs = {d["title"]: d for d in listed.json_lines()}
        self.assertEqual(set(docs), {"New ferry timetable", "Record bird count"})
        self.assertEqual(docs["New ferry timetable"]["date"], "2026-02-03")
        self.assertEqual(docs["Record bird count"]["date"], "2026-01-09")
        self.assertExit(provcheck("index", "verify", "--index", index), 0)
        draft = self.write("draft.md", "# Notes\n\nWe heard that " + own_docx + "\n\n" + own_odt + "\n")
        run = provcheck("scan", draft, "--index", index, "--format", "json")
        self.assertExit(run, 1)
        sources = sorted((f["source"]["title"], f["source"]["authors"][0])
                         for f in run.json()["findings"])
        self.assertEqual(sources, [("New ferry timetable", "Ines Marlow"),
                                   ("Record bird count", "Jonah Pike")])
        for f in run.json()["findings"]:
            self.assertIn(f["source"]["text"][:40], own_docx + own_odt)
        # Adding the same files again changes nothing.
        again = provcheck("index", "add", self.path("archive"), "--index", index)
        self.assertExit(again, 0)
        self.assertIn("2 unchanged", again.stdout + again.stderr)


def peak_kib(args):
    """Runs provcheck under /usr/bin/time; (Run-like tuple, peak RSS in KiB, seconds)."""
    start = time.monotonic()
    proc = subprocess.run(["/usr/bin/time", "-f", "PEAK %M", BIN] + args, capture_output=True,
                          timeout=120 * TIME_SCALE)
    took = time.monotonic() - start
    err = proc.stderr.decode("utf-8", "replace")
    peak = int(re.search(r"PEAK (\d+)", err).group(1))
    lines = [l for l in err.splitlines()
             if l.strip() and not l.startswith(("PEAK", "Command exited"))]
    return proc.returncode, lines, peak, took


@unittest.skipUnless(os.path.exists("/usr/bin/time"), "needs /usr/bin/time (Debian: time)")
class HostileOfficeTest(TempDirTest):

    def refused(self, name, data, *fragments):
        path = self.write(name, data)
        code, lines, peak, took = peak_kib(["scan", path, "--index", INDEX])
        self.assertEqual(code, 2, lines)
        self.assertEqual(len(lines), 1, lines)
        self.assertTrue(lines[0].startswith("provcheck: " + path), lines)
        for f in fragments:
            self.assertIn(f, lines[0])
        self.assertLess(took, 20 * TIME_SCALE)
        # The index and the binary cost ~60 MB; a bomb read whole would cost GBs.
        self.assertLess(peak, 400 * 1024 * (3 if TIME_SCALE > 1 else 1), lines)
        return lines[0]

    def test_entry_larger_than_the_limit(self):
        big = b"<w:document>" + b" " * (100 << 20) + b"</w:document>"
        self.refused("huge.docx", office_files.zip_of({"word/document.xml": big}),
                     "word/document.xml", "uncompressed")

    def test_entry_that_inflates_too_far(self):
        bomb = b"<w:document>" + b"a" * (20 << 20) + b"</w:document>"
        self.refused("ratio.docx", office_files.zip_of({"word/document.xml": bomb}),
                     "zip bomb")

    def test_too_many_entries(self):
        buf = self.path("many.odt")
        with zipfile.ZipFile(buf, "w") as z:
            for i in range(10050):
                z.writestr(f"e/{i}", b"")
        with open(buf, "rb") as f:
            data = f.read()
        self.refused("many.odt", data, "10050 entries")

    def test_xml_nested_too_deep(self):
        deep = ("<w:document><w:body>" + "<w:sdt>" * 100000 + "</w:sdt>" * 100000 +
                "</w:body></w:document>")
        self.refused("deep.docx", office_files.zip_of({"word/document.xml": deep},
                                                      zipfile.ZIP_STORED), "nested")

    def test_entity_expansion_is_refused(self):
        laughs = '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha">' + "".join(
            f'<!ENTITY {chr(98 + i)} "&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};'
            f'&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};&{chr(97 + i)};'
            f'&{chr(97 + i)};">' for i in range(9)) + \
            ']><w:document><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>'
        self.refused("laughs.docx", office_files.zip_of({"word/document.xml": laughs}), "DOCTYPE")

    def test_not_office_documents(self):
        self.refused("noise.docx", os.urandom(4096), "not a zip archive")
        self.refused("empty.docx", office_files.zip_of({"other.txt": "hello"}),
                     "not a Word document")
        self.refused("sheet.odt", office_files.zip_of({
            "mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<a/>"}),
            "not an OpenDocument text")
        line = self.refused("broken.docx", office_files.zip_of(
            {"word/document.xml": "<w:document>\n<w:body><w:p></w:body>"}), "word/document.xml:2:")
        self.assertIn("expected well-formed XML", line)


if __name__ == "__main__":
    unittest.main()
