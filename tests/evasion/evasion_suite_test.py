"""The evasion suite: passages taken from corpus articles, hidden behind each
evasion DESIGN.md's *normalise* lists, alone and combined, must be found every
time with correct offsets in draft and source; text without reuse stays clean.

Passages are whole runs of 12-30 plain words (letters, digits, basic
punctuation) from the Markdown articles in corpus/, chosen with a fixed seed.
Each evasion transforms words or the spaces between them while tracking where
the first word starts and the last word ends, so the expected byte offsets in
the draft are known exactly.
"""

import hashlib
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from common import CORPUS, provcheck  # noqa: E402

SEED = 20261125
PASSAGES = 24
HOMOGLYPHS = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441",
              "x": "\u0445", "i": "\u0456", "y": "\u0443"}
ACCENTS = {"a": "\u00e1", "e": "\u00e9", "i": "\u00ed", "o": "\u00f3", "u": "\u00fa"}
# Original filler sentences, written for this test, that share nothing with corpus/.
FILLER = [
    "A lantern swung above the gate while the night porter counted keys.",
    "Nobody on the committee could remember who had ordered forty folding chairs.",
    "The parrot in the window of the pet shop has learned to imitate a kettle.",
    "Three allotment holders disagreed loudly about the proper depth for onions.",
    "Our correspondent spent a wet afternoon measuring puddles outside the station.",
    "Somewhere beneath the floorboards a clock was still ticking after forty years.",
]
PLAIN = re.compile(r"^[A-Za-z0-9 ,.;'\u2019\-]+$")


def corpus_passages(rng):
    """(source id, source path, passage text, byte range in the source file)."""
    found = []
    for root, _, files in sorted(os.walk(CORPUS)):
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = os.path.join(root, name)
            data = open(path, encoding="utf-8").read()
            doc_id = data.split("id: ", 1)[1].split("\n", 1)[0].strip()
            body = data.split("\n---\n", 1)[1]
            for para in body.split("\n\n"):
                for sentence in re.split(r"(?<=[.;]) ", para.strip()):
                    words = sentence.split(" ")
                    if len(words) < 12 or not PLAIN.match(sentence):
                        continue
                    words = words[:rng.randint(12, 30)]
                    text = " ".join(words).strip(",.;'\u2019- ")
                    start = data.encode("utf-8").index(text.encode("utf-8"))
                    found.append((doc_id, path, text, (start, start + len(text.encode("utf-8")))))
    rng.shuffle(found)
    seen, chosen = set(), []
    for p in found:  # one passage per article, for independence
        if p[0] not in seen:
            seen.add(p[0])
            chosen.append(p)
    return chosen[:PASSAGES]


# Word evasions: change a word's characters, never at its first or last
# position when inserting, so the word's edges stay where they were.
def homoglyphs(w, rng):
    return "".join(HOMOGLYPHS.get(c, c) if rng.random() < 0.5 else c for c in w)


def inside(w, mark, rng):
    if len(w) < 3:
        return w
    k = rng.randint(1, len(w) - 1)
    return w[:k] + mark + w[k:]


def fullwidth(w, rng):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in w)


def accents(w, rng):
    return "".join(ACCENTS.get(c, c) if rng.random() < 0.5 else c for c in w)


WORD_EVASIONS = {
    "homoglyphs": homoglyphs,
    "zero-width space": lambda w, r: inside(w, "\u200b", r),
    "zero-width joiner": lambda w, r: inside(w, "\u200d", r),
    "soft hyphen": lambda w, r: inside(w, "\u00ad", r),
    "variation selector": lambda w, r: inside(w, "\ufe0f", r),
    "full-width forms": fullwidth,
    "case change": lambda w, r: w.upper() if r.random() < 0.5 else w.swapcase(),
    "added diacritics": accents,
    "quote swap": lambda w, r: w.replace("'", "\u2019").replace("\u2019", "\u2019"),
}
# Space evasions: what stands between two words.
SPACE_EVASIONS = {
    "re-wrapped lines": lambda r: "\n" if r.random() < 0.3 else " ",
    "split paragraph": None,  # one "\n\n" in the middle
    "braille blank": lambda r: "\u2800" if r.random() < 0.3 else " ",
    "dash swap": lambda r: " \u2013 " if r.random() < 0.1 else " ",
}
MARKUP_EVASIONS = ["markdown bold", "markdown link", "html tags and entities"]


def evade(words, evasions, rng):
    """The evaded passage and the byte offsets of its first word's start and
    its last word's end inside it."""
    words = list(words)
    for name in evasions:
        f = WORD_EVASIONS.get(name)
        if f:
            words = [f(w, rng) for w in words]
    seps = [" "] * (len(words) - 1)
    for name in evasions:
        f = SPACE_EVASIONS.get(name, 0)
        if f:
            seps = [f(rng) for _ in seps]
        elif name == "split paragraph":
            seps[len(seps) // 2] = "\n\n"
    inner = list(range(1, len(words) - 1))
    if "markdown bold" in evasions:
        for i in rng.sample(inner, 3):
            words[i] = "**" + words[i] + "**"
    if "markdown link" in evasions:
        i = rng.choice(inner)
        words[i] = "[" + words[i] + "](https://example.org/x)"
    if "html tags and entities" in evasions:
        words = [html.escape(w, quote=False).replace("\u2019", "&rsquo;").replace("'", "&#39;")
                 for w in words]
        for i in rng.sample(inner, 3):
            words[i] = "<b>" + words[i] + "</b>"
    text = words[0]
    for sep, w in zip(seps, words[1:]):
        text += sep + w
    first_end = 0
    last_start = len(text.encode("utf-8")) - len(words[-1].encode("utf-8"))
    return text, first_end, last_start + len(words[-1].encode("utf-8"))


class EvasionSuiteTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="provcheck-evasion-")
        cls.index = os.path.join(cls.tmp, "idx")
        run = provcheck("index", "add", CORPUS, "--index", cls.index)
        assert run.code == 0, repr(run)
        cls.rng = random.Random(SEED)
        cls.passages = corpus_passages(cls.rng)
        assert len(cls.passages) == PASSAGES, len(cls.passages)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, True)

    def scan_draft(self, name, passage_text, evasions, rng):
        is_html = "html tags and entities" in evasions
        evaded, first, last = evade(passage_text.split(" "), evasions, rng)
        # Words next to the passage that no article has there: otherwise a
        # shared next word ("the") rightly extends the match by one word.
        before = " ".join(rng.sample(FILLER, 2)) + " Quixotically" + (
            "\n\n" if not is_html else "</p>\n<p>")
        after = ("\n\n" if not is_html else "</p>\n<p>") + "Zygodactyl " + " ".join(
            rng.sample(FILLER, 2))
        if is_html:
            head, tail = "<html><body><p>", "</p></body></html>\n"
        else:
            head, tail = "# A draft\n\n", "\n"
        prefix = head + before
        data = prefix + evaded + after + tail
        path = os.path.join(self.tmp, name + (".html" if is_html else ".md"))
        with open(path, "w", encoding="utf-8") as f:
            f.write(data)
        base = len(prefix.encode("utf-8"))
        run = provcheck("scan", path, "--index", self.index, "--format", "json")
        self.assertIn(run.code, (0, 1), repr(run))
        return run.json(), (base + first, base + last)

    def check(self, evasions):
        rng = random.Random(SEED + hash(tuple(evasions)) % 1000)
        misses = []
        for n, (doc_id, path, text, source_span) in enumerate(self.passages):
            report, draft_span = self.scan_draft("d%d" % n, text, evasions, rng)
            hits = [f for f in report["findings"] if f.get("source", {}).get("id") == doc_id]
            if len(hits) != 1:
                misses.append("%s: %d findings for %r" % (doc_id, len(hits), text[:50]))
                continue
            f = hits[0]
            got_d = (f["draft"]["start"], f["draft"]["end"])
            got_s = (f["source"]["start"], f["source"]["end"])
            if got_d != draft_span or got_s != source_span:
                misses.append("%s: draft %s (expected %s), source %s (expected %s) for %r" % (
                    doc_id, got_d, draft_span, got_s, source_span, text[:50]))
        self.assertEqual(misses, [], "evasions %s" % evasions)

    def test_each_evasion_alone(self):
        for name in list(WORD_EVASIONS) + list(SPACE_EVASIONS) + MARKUP_EVASIONS:
            with self.subTest(evasion=name):
                self.check([name])

    def test_evasions_combined(self):
        rng = random.Random(SEED)
        for _ in range(6):
            combo = rng.sample(list(WORD_EVASIONS), 3) + rng.sample(list(SPACE_EVASIONS), 1)
            combo += rng.sample(MARKUP_EVASIONS, 1)
            with self.subTest(evasions=combo):
                self.check(combo)

    def test_text_without_reuse_stays_clean(self):
        rng = random.Random(SEED)
        for n in range(10):
            text = " ".join(rng.sample(FILLER, len(FILLER)))
            path = os.path.join(self.tmp, "clean%d.md" % n)
            with open(path, "w", encoding="utf-8") as f:
                f.write("# Nothing copied\n\n" + text + "\n")
            report = provcheck("scan", path, "--index", self.index, "--format", "json").json()
            self.assertEqual(report["findings"], [], text)


if __name__ == "__main__":
    unittest.main()
