"""Issue 15: findings an editor can trust on real articles.

A rival outlet's drafts (tests/data/issue15/) reuse a news article (its
corpus/) paragraph by paragraph, with sentences of their own between, a
quotation beside copied text and edited words; others carry captions in the
shapes newsrooms use and a byline without "By". Each test checks the exact
passages or credit findings the real binary reports.
"""

import os
import re
import shutil
import tempfile
import unittest

from common import SOURCE_DIR, provcheck

DATA = os.path.join(SOURCE_DIR, "tests", "data", "issue15")
SOURCE = os.path.join(DATA, "corpus", "2026-09-03-skerry-ferry-contract.md")
CAPTION_RULES = os.path.join(DATA, "captions-rules.json")
INDEX = None


def setUpModule():
    global INDEX
    INDEX = tempfile.mkdtemp(prefix="provcheck-e2e-issue15-")
    run = provcheck("index", "add", os.path.join(DATA, "corpus"), "--index", INDEX)
    assert run.code == 0, repr(run)


def tearDownModule():
    shutil.rmtree(INDEX, True)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def span_of(data, first, last):
    """Byte range from the start of `first` to the end of the `last` after it."""
    start = data.index(first.encode())
    end = data.index(last.encode(), start) + len(last.encode())
    return start, end


def scan(name, *extra):
    run = provcheck("scan", os.path.join(DATA, name), "--index", INDEX, "--format", "json",
                    *extra)
    assert run.code in (0, 1), repr(run)
    return run.json()


def reuse(report):
    return [f for f in report["findings"] if f["kind"] == "reuse"]


class PassagesTest(unittest.TestCase):

    def assertPassage(self, finding, draft_name, draft_span, source_span):
        draft, source = read(os.path.join(DATA, draft_name)), read(SOURCE)
        got = (finding["draft"]["start"], finding["draft"]["end"])
        self.assertEqual(got, span_of(draft, *draft_span), "found %r" % draft[got[0]:got[1]])
        got = (finding["source"]["start"], finding["source"]["end"])
        self.assertEqual(got, span_of(source, *source_span), "found %r" % source[got[0]:got[1]])
        self.assertEqual(finding["source"]["id"], "tg-041")
        # The word count is the passage's own words.
        self.assertEqual(finding["words"],
                         len(re.findall(r"\w+(?:[\u2019']\w+)*", finding["draft"]["text"])))

    def test_original_sentences_between_reused_paragraphs_split_the_passage(self):
        findings = reuse(scan("interleaved.md"))
        self.assertEqual(len(findings), 3, [f["draft"]["text"] for f in findings])
        first, second, quote = findings
        # A verbatim paragraph: exactly its words, similarity 1.
        self.assertPassage(first, "interleaved.md",
                           ("Councillors in Brantwick", "across the Fennick estuary"),
                           ("Councillors in Brantwick", "across the Fennick estuary"))
        self.assertEqual(first["similarity"], 1)
        self.assertEqual(first["words"], 38)
        # Two words replaced ("operated" -> "run", "reliability" ->
        # "dependability"): one passage, not 1.00.
        self.assertPassage(second, "interleaved.md",
                           ("The incumbent, Corran Shipping", "age of its two vessels"),
                           ("The incumbent, Corran Shipping", "age of its two vessels"))
        self.assertEqual(second["words"], 49)
        self.assertEqual(second["similarity"], round(2 * 47 / (49 + 49), 4))
        self.assertNotIn("Analysts said", first["draft"]["text"] + second["draft"]["text"])
        # The quotation after "The spokesman put it plainly." is a passage of
        # its own, and stays quoted.
        self.assertPassage(quote, "interleaved.md",
                           ("We listened to the people", "Odette Vasquez-Hale"),
                           ("We listened to the people", "Odette Vasquez-Hale"))
        self.assertNotIn("spokesman", quote["draft"]["text"])
        self.assertTrue(quote["quoted"])
        self.assertEqual(quote["rule"], "reuse.quoted")
        self.assertEqual(quote["outcome"], "quoted")
        self.assertEqual(quote["quoted_words"], 34)

    def test_report_shows_which_words_are_inside_quotation_marks(self):
        findings = reuse(scan("quote-beside-copy.md"))
        self.assertEqual(len(findings), 2, [f["draft"]["text"] for f in findings])
        mixed, quote = findings
        draft = read(os.path.join(DATA, "quote-beside-copy.md"))
        self.assertPassage(mixed, "quote-beside-copy.md",
                           ("Corran Shipping said it was", "Hamish Strachan, said"),
                           ("Corran Shipping said it was", "Hamish Strachan, said"))
        self.assertEqual(mixed["words"], 40)
        # The quoted words are marked, and the rules count only the others:
        # 22 unquoted words are under the built-in 25, so a warning.
        self.assertFalse(mixed["quoted"])
        self.assertEqual(mixed["quoted_words"], 18)
        self.assertEqual([tuple(q) for q in mixed["quotes"]],
                         [span_of(draft, "We have carried", "walk away quietly")])
        self.assertEqual(mixed["rule"], "reuse.short")
        self.assertEqual(mixed["severity"], "warning")
        self.assertIn("18 inside quotation marks", mixed["message"])
        # A whole quoted paragraph (two quotations and the attribution
        # between) is quoted.
        self.assertTrue(quote["quoted"])
        self.assertEqual(quote["rule"], "reuse.quoted")
        self.assertEqual([tuple(q) for q in quote["quotes"]],
                         [span_of(draft, "We listened", "want it earlier"),
                          span_of(draft, "Nobody should", "a job in town")])

    def test_quotation_marks_of_other_shapes_count(self):
        source = read(SOURCE).decode()
        quote = source[source.index("We listened"):source.index("want it earlier") + 15]
        for opening, closing in (("\u2018", "\u2019"), ("\u00AB", "\u00BB"), ("'", "'"),
                                 ("\u201E", "\u201C"), ('"', '"')):
            with self.subTest(marks=opening + closing):
                tmp = tempfile.mkdtemp(prefix="provcheck-e2e-issue15-q-")
                self.addCleanup(shutil.rmtree, tmp, True)
                path = os.path.join(tmp, "draft.md")
                with open(path, "w", encoding="utf-8") as f:
                    f.write("# Ferry row\n\nThe council's transport lead was blunt. %s%s%s she "
                            "said on Thursday.\n" % (opening, quote, closing))
                run = provcheck("scan", path, "--index", INDEX, "--format", "json")
                findings = reuse(run.json())
                self.assertEqual(len(findings), 1, repr(run))
                self.assertTrue(findings[0]["quoted"], findings[0])
                self.assertEqual(findings[0]["rule"], "reuse.quoted")


class CaptionsTest(unittest.TestCase):

    def credit_findings(self, name, rules):
        report = scan(name, "--rules", rules)
        data = read(os.path.join(DATA, name))
        out = []
        for f in report["findings"]:
            if f["kind"] != "credit":
                continue
            self.assertEqual(data[f["draft"]["start"]:f["draft"]["end"]].decode(),
                             f["draft"]["text"])
            out.append((f["rule"], f["draft"]["text"]))
        return out

    def test_markdown_caption_shapes(self):
        self.assertEqual(self.credit_findings("captions.md", CAPTION_RULES), [
            # A caption paragraph right after an image paragraph.
            ("caption.credit", "Paper lanterns line the harbour wall at dusk on Saturday"),
            # The rules file's own caption shape ("Pictured:").
            ("caption.credit", "Pictured: the heron turning on to Quay Street"),
            # A caption paragraph ending in a credit, with no image.
            ("caption.agency", "Wirepix"),
        ])

    def test_html_figure_paragraph_is_a_caption(self):
        self.assertEqual(self.credit_findings("figure.html", CAPTION_RULES),
                         [("caption.credit", "Stalls along Chandler Row on Friday evening")])

    def test_json_captions_field(self):
        self.assertEqual(self.credit_findings("captions.json", CAPTION_RULES),
                         [("caption.credit", "Swimmers enter the water at Gull Point")])

    def test_byline_without_by_from_the_rules_example(self):
        rules = os.path.join(SOURCE_DIR, "rules", "bylines-without-by.json")
        self.assertEqual(self.credit_findings("byline-without-by.md", rules), [])
        tmp = tempfile.mkdtemp(prefix="provcheck-e2e-issue15-b-")
        self.addCleanup(shutil.rmtree, tmp, True)
        draft = read(os.path.join(DATA, "byline-without-by.md")).replace(
            b"**Callum Pryce**", b"Dorota Lindqvist")
        path = os.path.join(tmp, "draft.md")
        with open(path, "wb") as f:
            f.write(draft)
        run = provcheck("scan", path, "--index", INDEX, "--rules", rules, "--format", "json")
        self.assertEqual(run.code, 1, repr(run))
        self.assertEqual([(f["rule"], f["draft"]["text"]) for f in run.json()["findings"]],
                         [("byline.unknown", "Dorota Lindqvist")])


if __name__ == "__main__":
    unittest.main()
