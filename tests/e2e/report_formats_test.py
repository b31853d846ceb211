"""The reports people and CI look at: SARIF (validated against the OASIS
schema), GitHub annotations (parsed back), --brief lines, and the HTML page
(opened in headless Chromium: every passage highlighted and linked to its
source; a screenshot is kept as a test artefact)."""

import html.parser
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse

from common import BIN, EXAMPLES, SOURCE_DIR, index_corpus, provcheck

INDEX = None
SARIF_SCHEMA = os.environ.get(
    "PROVCHECK_SARIF_SCHEMA",
    os.path.join(SOURCE_DIR, "..", "shared", "schemas", "sarif-schema-2.1.0.json"))
ARTIFACTS = os.environ.get("PROVCHECK_ARTIFACT_DIR",
                           os.path.join(os.path.dirname(os.path.abspath(BIN)), "test-artifacts"))
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium"
                                        if os.path.exists("/usr/bin/chromium") else None)
DRAFTS = ["copied.md", "quoted.md", "wire-credited.md", "evasion.md", "clean.md"]


def setUpModule():
    global INDEX
    INDEX = tempfile.mkdtemp(prefix="provcheck-e2e-formats-")
    run = index_corpus(INDEX)
    assert run.code == 0, repr(run)


def tearDownModule():
    shutil.rmtree(INDEX, True)


def scan(*args, cwd=None):
    return provcheck("scan", *args, "--index", INDEX, cwd=cwd)


def json_reports(names, *extra, cwd=None):
    run = scan(*names, "--format", "json", *extra, cwd=cwd)
    return run.json_lines()


def unescape_data(s):
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(s):
    return (s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def parse_workflow_command(line):
    """Parses `::cmd k=v,k=v::message` as the Actions runner does."""
    m = re.fullmatch(r"::(\w+)(?: ([^:]*))?::(.*)", line)
    if not m:
        raise AssertionError("not a workflow command: %r" % line)
    props = {}
    if m.group(2):
        for pair in m.group(2).split(","):
            key, _, value = pair.partition("=")
            props[key] = unescape_property(value)
    return m.group(1), props, unescape_data(m.group(3))


class SarifTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        try:
            import jsonschema  # Debian: python3-jsonschema
        except ImportError:
            raise unittest.SkipTest("python3-jsonschema is not installed (scripts/install-deps)")
        cls.jsonschema = jsonschema
        if not os.path.exists(SARIF_SCHEMA):
            raise unittest.SkipTest("SARIF schema not found at " + SARIF_SCHEMA)
        with open(SARIF_SCHEMA) as f:
            cls.schema = json.load(f)

    def validate(self, log):
        cls = self.jsonschema.validators.validator_for(self.schema)
        errors = sorted(cls(self.schema).iter_errors(log), key=lambda e: list(e.path))
        self.assertEqual([], ["%s at %s" % (e.message, list(e.path)) for e in errors[:5]])

    def test_sarif_of_several_drafts_is_valid_and_locates_each_finding(self):
        names = [os.path.join("examples", n) for n in DRAFTS]
        run = scan(*names, "--format", "sarif", cwd=SOURCE_DIR)
        self.assertEqual(run.code, 1, repr(run))
        log = run.json()
        self.validate(log)
        self.assertEqual(log["version"], "2.1.0")
        self.assertEqual(len(log["runs"]), 1)
        sarif_run = log["runs"][0]
        driver = sarif_run["tool"]["driver"]
        self.assertEqual(driver["name"], "provcheck")
        rules = {r["id"]: r for r in driver["rules"]}
        for rule in rules.values():
            for field in ("shortDescription", "fullDescription", "help"):
                self.assertTrue(rule[field]["text"], (rule["id"], field))
            self.assertTrue(rule["name"])

        reports = json_reports(names, cwd=SOURCE_DIR)
        expected = [(r["draft"]["path"], f) for r in reports for f in r["findings"]]
        results = sarif_run["results"]
        self.assertEqual(len(results), len(expected))
        fingerprints = set()
        for result, (path, finding) in zip(results, expected):
            self.assertEqual(result["ruleId"], finding["rule"])
            self.assertEqual(driver["rules"][result["ruleIndex"]]["id"], finding["rule"])
            self.assertEqual(result["level"], finding["severity"])
            loc = result["locations"][0]["physicalLocation"]
            self.assertEqual(loc["artifactLocation"]["uri"], path)
            region = loc["region"]
            self.assertEqual(region["startLine"], finding["draft"]["line"])
            self.assertEqual(region["startColumn"], finding["draft"]["column"])
            self.assertEqual(region["endLine"], finding["draft"]["end_line"])
            self.assertEqual(region["endColumn"], finding["draft"]["end_column"] + 1)
            self.assertEqual(region["byteOffset"], finding["draft"]["start"])
            # The region's bytes are the passage.
            with open(os.path.join(SOURCE_DIR, path), "rb") as f:
                data = f.read()
            self.assertEqual(data[region["byteOffset"]:region["byteOffset"] + region["byteLength"]],
                             finding["draft"]["text"].encode())
            source = finding["source"]
            self.assertEqual(result["properties"]["source"]["id"], source["id"])
            self.assertEqual(result["properties"]["source"]["url"], source["url"])
            self.assertIn(source["text"], result["relatedLocations"][0]["message"]["text"])
            fingerprint = result["partialFingerprints"]["provcheckFinding/v1"]
            self.assertNotIn(fingerprint, fingerprints)
            fingerprints.add(fingerprint)

    def test_fingerprints_survive_lines_moving(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(EXAMPLES, "copied.md"), "rb") as f:
                data = f.read()
            with open(os.path.join(tmp, "draft.md"), "wb") as f:
                f.write(data)
            before = scan("draft.md", "--format", "sarif", cwd=tmp).json()
            # A new paragraph near the top moves every passage down.
            head, sep, body = data.partition(b"\n# ")
            with open(os.path.join(tmp, "draft.md"), "wb") as f:
                f.write(head + sep + body.replace(b"\n\n", b"\n\nA new paragraph.\n\n", 1))
            after = scan("draft.md", "--format", "sarif", cwd=tmp).json()

        def keyed(log):
            return [(r["partialFingerprints"]["provcheckFinding/v1"],
                     r["locations"][0]["physicalLocation"]["region"]["startLine"])
                    for r in log["runs"][0]["results"]]
        b, a = keyed(before), keyed(after)
        self.assertEqual([k for k, _ in b], [k for k, _ in a])
        self.assertTrue(all(la > lb for (_, lb), (_, la) in zip(b, a)), (b, a))

    def test_unreadable_draft_becomes_a_notification_in_valid_sarif(self):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "bad.md"), "wb") as f:
                f.write(b"caf\xe9\n")
            run = scan("bad.md", os.path.join(EXAMPLES, "clean.md"), "--format", "sarif", cwd=tmp)
        self.assertEqual(run.code, 2, repr(run))
        log = run.json()
        self.validate(log)
        invocation = log["runs"][0]["invocations"][0]
        self.assertFalse(invocation["executionSuccessful"])
        self.assertIn("bad.md", invocation["toolExecutionNotifications"][0]["message"]["text"])

    def test_file_name_with_space_and_non_utf8_byte_is_percent_encoded(self):
        with tempfile.TemporaryDirectory() as tmp:
            name = b"caf\xe9 copy.md"
            shutil.copy(os.path.join(EXAMPLES, "copied.md"), os.path.join(tmp.encode(), name))
            proc = subprocess.run([BIN, "scan", name, "--index", INDEX, "--format", "sarif"],
                                  cwd=tmp, capture_output=True, timeout=120)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        log = json.loads(proc.stdout)
        self.validate(log)
        uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        self.assertEqual(uri, "caf%E9%20copy.md")
        self.assertEqual(urllib.parse.unquote_to_bytes(uri), name)


class GithubAnnotationsTest(unittest.TestCase):

    def test_annotations_parse_back_to_the_findings(self):
        names = [os.path.join("examples", n) for n in DRAFTS]
        run = scan(*names, "--format", "github", cwd=SOURCE_DIR)
        self.assertEqual(run.code, 1, repr(run))
        reports = json_reports(names, cwd=SOURCE_DIR)
        expected = [(r["draft"]["path"], f) for r in reports for f in r["findings"]]
        lines = run.stdout.splitlines()
        self.assertEqual(len(lines), len(expected), run.stdout)
        levels = {"error": "error", "warning": "warning", "note": "notice"}
        for line, (path, finding) in zip(lines, expected):
            command, props, message = parse_workflow_command(line)
            self.assertEqual(command, levels[finding["severity"]])
            self.assertEqual(props["file"], path)
            self.assertEqual(int(props["line"]), finding["draft"]["line"])
            self.assertEqual(int(props["endLine"]), finding["draft"]["end_line"])
            if finding["draft"]["line"] == finding["draft"]["end_line"]:
                self.assertEqual(int(props["col"]), finding["draft"]["column"])
                self.assertEqual(int(props["endColumn"]), finding["draft"]["end_column"])
            self.assertIn(finding["rule"], props["title"])
            self.assertTrue(message.startswith(finding["message"]), message)
            self.assertIn(finding["source"]["url"], message)


class BriefTextTest(unittest.TestCase):

    def test_one_compiler_style_line_per_finding(self):
        names = [os.path.join("examples", n) for n in DRAFTS]
        run = scan(*names, "--brief", cwd=SOURCE_DIR)
        self.assertEqual(run.code, 1, repr(run))
        reports = json_reports(names, cwd=SOURCE_DIR)
        expected = ["%s:%d:%d: %s: %s [%s]" % (r["draft"]["path"], f["draft"]["line"],
                                               f["draft"]["column"], f["severity"], f["message"],
                                               f["rule"])
                    for r in reports for f in r["findings"]]
        self.assertEqual(run.stdout.splitlines(), expected)

    def test_brief_goes_only_with_text(self):
        run = scan(os.path.join(EXAMPLES, "clean.md"), "--format", "json", "--brief")
        self.assertEqual(run.code, 2, repr(run))
        self.assertIn("--brief", run.stderr)


class _DomCollector(html.parser.HTMLParser):
    """Collects, from the dumped DOM, the draft's marks by finding number,
    the numbered links, and each finding card's links and quoted text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []         # open elements: (tag, attrs)
        self.marked = {}        # (section, finding) -> text inside its marks
        self.numbers = {}       # id -> href of a numbered link in the draft
        self.cards = {}         # id -> {"links": [...], "quote": text}
        self.card = None
        self.section = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("br", "meta", "input", "img", "hr", "link"):
            return
        self.stack.append((tag, attrs))
        cls = attrs.get("class", "")
        if tag == "section" and "draft" in cls.split():
            self.section = attrs["id"]
        if tag == "a" and "num" in cls.split() and attrs.get("id"):
            self.numbers[attrs["id"]] = attrs.get("href")
        if tag == "article" and "finding" in cls.split():
            self.card = attrs["id"]
            self.cards[self.card] = {"links": [], "quote": ""}
        if tag == "a" and self.card and "src-link" in cls.split():
            self.cards[self.card]["links"].append(attrs.get("href"))

    def handle_endtag(self, tag):
        while self.stack:
            t, attrs = self.stack.pop()
            if t == "article":
                self.card = None
            if t == tag:
                break

    def handle_data(self, data):
        in_draft = any("text" in a.get("class", "").split() and t == "pre" for t, a in self.stack)
        marks = [a for t, a in self.stack if t == "mark" and "data-f" in a]
        if in_draft and marks and not any(t == "a" for t, _ in self.stack):
            for n in marks[-1]["data-f"].split():
                key = (self.section, int(n))
                self.marked[key] = self.marked.get(key, "") + data
        if self.card and any(t == "blockquote" for t, _ in self.stack):
            self.cards[self.card]["quote"] += data


@unittest.skipIf(CHROMIUM is None,
                 "chromium is not installed (Debian package chromium; scripts/install-deps): "
                 "the HTML report was not opened in a browser")
class HtmlInChromiumTest(unittest.TestCase):

    def chromium(self, *args):
        profile = tempfile.mkdtemp(prefix="provcheck-chromium-")
        self.addCleanup(shutil.rmtree, profile, True)
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile] + list(args)
        return subprocess.run(cmd, capture_output=True, timeout=180)

    def check_keyboard(self, page):
        """j and k move the focus between the passages and mark the current
        one and its source; Enter (a click) on a number reaches the source."""
        with open(page, encoding="utf-8") as f:
            text = f.read()
        probe = """<script>
window.addEventListener('load', function () {
  function press(k) { document.dispatchEvent(new KeyboardEvent('keydown', {key: k, bubbles: true})); }
  var log = [];
  press('j'); log.push(document.activeElement.id);
  press('j'); log.push(document.activeElement.id);
  press('k'); log.push(document.activeElement.id);
  log.push(document.querySelectorAll('.draft-col mark.current').length > 0);
  log.push(document.querySelector('article.current').id);
  document.activeElement.click(); log.push(document.activeElement.id);
  var p = document.createElement('p'); p.id = 'probe'; p.textContent = JSON.stringify(log);
  document.body.appendChild(p);
});
</script></body>"""
        with tempfile.TemporaryDirectory() as tmp:
            probed = os.path.join(tmp, "probe.html")
            with open(probed, "w", encoding="utf-8") as f:
                f.write(text.replace("</body>", probe))
            dom = self.chromium("--dump-dom", "file://" + probed)
        m = re.search(r'<p id="probe">([^<]*)</p>', dom.stdout.decode("utf-8"))
        self.assertIsNotNone(m, dom.stderr[-2000:])
        self.assertEqual(json.loads(m.group(1)), ["d1-p1", "d1-p2", "d1-p1", True, "d1-f1", "d1-f1"])

    def test_every_passage_is_highlighted_and_linked_to_its_source(self):
        rules = os.path.join(SOURCE_DIR, "rules", "newsroom.json")
        names = [os.path.join("examples", n) for n in DRAFTS]
        if os.path.exists(os.path.join(EXAMPLES, "broken-credits.md")) and os.path.exists(rules):
            names.append(os.path.join("examples", "broken-credits.md"))
            extra = ["--rules", rules]
        else:
            extra = []
        os.makedirs(ARTIFACTS, exist_ok=True)
        page = os.path.join(ARTIFACTS, "report.html")
        run = scan(*names, "--format", "html", "--out", page, *extra, cwd=SOURCE_DIR)
        self.assertEqual(run.code, 1, repr(run))
        reports = json_reports(names, *extra, cwd=SOURCE_DIR)

        dom = self.chromium("--dump-dom", "file://" + page)
        self.assertEqual(dom.returncode, 0, dom.stderr[-2000:])
        collector = _DomCollector()
        collector.feed(dom.stdout.decode("utf-8"))
        self.assertIn("<p class=\"verdict\" id=\"verdict\">FAIL</p>", dom.stdout.decode("utf-8"))
        count = 0
        for d, report in enumerate(reports, 1):
            for n, finding in enumerate(report["findings"], 1):
                count += 1
                where = "%s finding %d" % (report["draft"]["path"], n)
                self.assertEqual(collector.marked.get(("d%d" % d, n)), finding["draft"]["text"],
                                 where)
                self.assertEqual(collector.numbers.get("d%d-p%d" % (d, n)), "#d%d-f%d" % (d, n),
                                 where)
                card = collector.cards.get("d%d-f%d" % (d, n))
                self.assertIsNotNone(card, where)
                if finding.get("source"):
                    self.assertEqual(card["links"], [finding["source"]["url"]], where)
                    self.assertEqual(card["quote"], finding["source"]["text"], where)
        self.assertGreater(count, 5)

        self.check_keyboard(page)

        png = os.path.join(ARTIFACTS, "report.png")
        if os.path.exists(png):
            os.remove(png)
        shot = self.chromium("--window-size=1400,2400", "--hide-scrollbars",
                             "--screenshot=" + png, "file://" + page)
        self.assertEqual(shot.returncode, 0, shot.stderr[-2000:])
        with open(png, "rb") as f:
            data = f.read()
        self.assertTrue(data.startswith(b"\x89PNG\r\n\x1a\n"))
        self.assertGreater(len(data), 20000)
        print("\nHTML report screenshot: %s (page %s)" % (png, page))


if __name__ == "__main__":
    unittest.main()
