"""Issue 4: scans with a rules file (rules/newsroom.json), and bad rules files."""

import hashlib
import json
import os
import re
import shutil
import tempfile
import unittest

from common import EXAMPLES, SOURCE_DIR, TempDirTest, index_corpus, provcheck

INDEX = None
RULES_DIR = os.path.join(SOURCE_DIR, "rules")
NEWSROOM = os.path.join(RULES_DIR, "newsroom.json")


def setUpModule():
    global INDEX
    INDEX = tempfile.mkdtemp(prefix="provcheck-e2e-rules-")
    run = index_corpus(INDEX)
    assert run.code == 0, repr(run)


def tearDownModule():
    shutil.rmtree(INDEX, True)


def scan(path, *extra, rules=NEWSROOM):
    args = ["scan", path, "--index", INDEX, "--format", "json"]
    if rules:
        args += ["--rules", rules]
    return provcheck(*(args + list(extra)))


def summary(report):
    """(rule, severity, line, column, source id or None) per finding, in order."""
    return [(f["rule"], f["severity"], f["draft"]["line"], f["draft"]["column"],
             (f.get("source") or {}).get("id")) for f in report["findings"]]


class ExampleDraftsTest(unittest.TestCase):
    """Each example draft under rules/newsroom.json: exactly these findings."""

    def check(self, name, exit_code, expected):
        run = scan(os.path.join(EXAMPLES, name))
        self.assertEqual(run.code, exit_code, repr(run))
        self.assertEqual(run.stderr, "")
        report = run.json()
        self.assertEqual(summary(report), expected)
        self.assertEqual(report["verdict"], "pass" if exit_code == 0 else "fail")
        return report

    def test_clean_draft_passes_every_rule(self):
        self.check("clean.md", 0, [])

    def test_copied_draft_violates_the_forbidden_sources(self):
        report = self.check("copied.md", 1, [
            ("reuse.forbidden", "error", 13, 145, "nc-004"),
            ("reuse.share", "error", 13, 145, None),
            ("reuse.forbidden", "error", 15, 87, "nc-004"),
            ("reuse.forbidden", "error", 19, 1, "hh-004"),
        ])
        f = report["findings"]
        self.assertEqual([x["decided_by"] for x in f],
                         ["$.sources.publishers[3]", "$.reuse.max_share",
                          "$.sources.publishers[3]", "$.sources.publishers[2]"])
        self.assertTrue(all(x["outcome"] == "violating" for x in f))
        self.assertEqual(report["reasons"], [
            "3 errors from rule reuse.forbidden: passage reused from a source whose reuse is "
            "forbidden",
            "1 error from rule reuse.share: too much of the draft is reused"])

    def test_credited_wire_copy_passes(self):
        report = self.check("wire-credited.md", 0, [("reuse.credited", "note", 15, 1, "mw-005")])
        f = report["findings"][0]
        self.assertEqual((f["outcome"], f["decided_by"], f["credited"]),
                         ("credited", "$.sources.publishers[0]", True))
        self.assertIn("credited as \u201cMeridian Wire\u201d", f["message"])

    def test_uncredited_wire_copy_fails(self):
        report = self.check("evasion.md", 1, [("reuse.uncredited", "error", 15, 1, "mw-002"),
                                              ("reuse.share", "error", 15, 1, None)])
        self.assertFalse(report["findings"][0]["credited"])

    def test_quoted_statement_passes(self):
        report = self.check("quoted.md", 0, [("reuse.quoted", "note", 17, 2, "hh-003")])
        self.assertEqual(report["findings"][0]["outcome"], "quoted")

    def test_broken_credits_gives_each_credit_finding_at_its_place(self):
        report = self.check("broken-credits.md", 1, [
            ("caption.credit", "error", 12, 2, None),
            ("byline.unknown", "error", 14, 45, None),
            ("caption.agency", "error", 23, 68, None),
            ("reporting.format", "error", 27, 1, None),
            ("copyright.year", "error", 29, 26, None),
        ])
        texts = [f["draft"]["text"] for f in report["findings"]]
        self.assertEqual(texts, [
            "Crates of mackerel wait for the auctioneer on the old quayside.",
            "Tobias Wrenfeld", "Harbour Herald", "Additional reporting: Callum Pryce", "2025"])
        for f in report["findings"]:
            self.assertEqual(f["kind"], "credit")
            self.assertNotIn("source", f)
        with open(os.path.join(EXAMPLES, "broken-credits.md"), "rb") as f:
            data = f.read()
        for f in report["findings"]:
            self.assertEqual(data[f["draft"]["start"]:f["draft"]["end"]].decode(),
                             f["draft"]["text"])
        self.assertIn("expected 2026 (the publication year, from the draft's date 2026-11-26)",
                      report["findings"][4]["message"])

    def test_broken_credits_pass_the_built_in_rules(self):
        run = scan(os.path.join(EXAMPLES, "broken-credits.md"), rules=None)
        self.assertEqual(run.code, 0, repr(run))
        self.assertEqual(run.json()["findings"], [])

    def test_report_names_the_rules_file_by_sha256(self):
        report = scan(os.path.join(EXAMPLES, "clean.md")).json()
        with open(NEWSROOM, "rb") as f:
            sha = hashlib.sha256(f.read()).hexdigest()
        self.assertEqual(report["rules"], {"path": NEWSROOM, "sha256": sha})

    def test_text_report_shows_rule_and_place(self):
        run = provcheck("scan", os.path.join(EXAMPLES, "broken-credits.md"), "--index", INDEX,
                        "--rules", NEWSROOM)
        self.assertEqual(run.code, 1, repr(run))
        self.assertIn("byline.unknown", run.stdout)
        self.assertIn("broken-credits.md:14:45", run.stdout)


class FlagsTest(TempDirTest):

    def test_date_sets_the_publication_year(self):
        run = scan(os.path.join(EXAMPLES, "clean.md"), "--date", "2027-01-05")
        self.assertEqual(run.code, 1, repr(run))
        findings = run.json()["findings"]
        self.assertEqual(summary(run.json()), [("copyright.year", "error", 28, 26, None)])
        self.assertIn("expected 2027 (the publication year, from --date 2027-01-05)",
                      findings[0]["message"])

    def test_a_bad_date_is_a_usage_error(self):
        for bad in ("2026-13-01", "26-01-01", "2026-02-30", "yesterday"):
            run = scan(os.path.join(EXAMPLES, "clean.md"), "--date", bad)
            self.assertEqual(run.code, 2, repr(run))
            self.assertEqual(run.stderr,
                             "provcheck: --date %s: expected a date YYYY-MM-DD\n" % bad)

    def test_fail_on_warning_fails_a_draft_with_only_warnings(self):
        with open(os.path.join(EXAMPLES, "clean.md"), encoding="utf-8") as f:
            clean = f.read()
        draft = self.write("draft.md", clean.replace(
            "Copyright Bayside", "Additional reporting by Jo Nobody\n\nCopyright Bayside"))
        run = scan(draft)
        self.assertEqual(run.code, 0, repr(run))
        self.assertEqual(summary(run.json()), [("reporting.unknown", "warning", 28, 25, None)])
        strict = scan(draft, "--fail-on", "warning")
        self.assertEqual(strict.code, 1, repr(strict))
        self.assertEqual(strict.json()["reasons"], [
            "1 warning from rule reporting.unknown: unknown name in \"Additional reporting by\" "
            "(check the spelling, or add the reporter to rules/staff.txt)"])

    def test_fail_on_warning_tightens_the_built_in_rules(self):
        draft = self.write("short.md", "# H\n\nBy A\n\nThe line has 17 stops, and trams run "
                                       "every six minutes at peak times.\n")
        loose = scan(draft, rules=None)
        self.assertEqual(loose.code, 0, repr(loose))
        self.assertEqual([f["rule"] for f in loose.json()["findings"]], ["reuse.short"])
        self.assertEqual(scan(draft, "--fail-on", "warning", rules=None).code, 1)

    def test_other_formats_are_checked_too(self):
        html = self.write("d.html", (
            "<!DOCTYPE html>\n<html><head><meta name=\"provcheck:date\" content=\"2026-12-01\">"
            "</head>\n<body><article>\n<h1>Harbour lights</h1>\n"
            "<figure><img src=\"a.jpg\" alt=\"\"><figcaption>The lights.</figcaption></figure>\n"
            "<p>By <strong>Marnie Coultard</strong> in Kestrel Bay</p>\n"
            "<p>The lights went on.</p>\n"
            "<p>Copyright Bayside Weekly 2026. All rights reserved.</p>\n"
            "</article></body></html>\n"))
        self.assertEqual(summary(scan(html).json()), [("caption.credit", "error", 5, 45, None)])
        jsn = self.write("d.json", json.dumps({
            "title": "Harbour lights", "date": "2026-12-01",
            "byline": "By Marnie Coultard and Jo Nobody",
            "captions": ["The lights. \u00a9 Lumen Pictures"],
            "copyright": "Copyright Bayside Weekly 2025. All rights reserved.",
            "body": "The lights went on."}, indent=1, ensure_ascii=False))
        self.assertEqual(summary(scan(jsn).json()), [("byline.unknown", "error", 4, 36, None),
                                                     ("copyright.year", "error", 8, 41, None)])
        txt = self.write("d.txt", "Harbour lights\n\nThe lights went on.\n")
        self.assertEqual(summary(scan(txt).json()), [("byline.missing", "error", 3, 1, None),
                                                     ("copyright.missing", "error", 4, 1, None)])

    def test_a_signed_report_verifies_against_its_rules_file(self):
        self.assertEqual(provcheck("keygen", self.path("desk")).code, 0)
        env = self.path("r.dsse.json")
        run = provcheck("scan", os.path.join(EXAMPLES, "clean.md"), "--index", INDEX,
                        "--rules", NEWSROOM, "--sign", self.path("desk.key"), "--out", env)
        self.assertEqual(run.code, 0, repr(run))
        ok = provcheck("verify", env, "--key", self.path("desk.pub"), "--rules", NEWSROOM)
        self.assertEqual(ok.code, 0, repr(ok))
        other = self.write("other.json", '{"version": 1}')
        self.assertEqual(provcheck("verify", env, "--key", self.path("desk.pub"),
                                   "--rules", other).code, 3)


class BadRulesFileTest(TempDirTest):
    """Every class of bad rules file: one exact message, exit 2, nothing scanned."""

    def bad(self, content, expected):
        path = self.write("rules.json", content)
        run = scan(os.path.join(EXAMPLES, "clean.md"), rules=path)
        self.assertEqual(run.code, 2, repr(run))
        self.assertEqual(run.stdout, "")
        self.assertEqual(run.stderr, "provcheck: " + expected.replace("FILE", path) + "\n")

    def test_not_json(self):
        self.bad('{"version": 1,\n  "reuse": {"min_words": 10,}}\n',
                 "FILE:2:29: expected a string key after ',', found '}'")

    def test_unknown_key(self):
        self.bad('{"version": 1,\n "sources": {"publishers": [\n'
                 '  {"name": "Meridian Wire", "polcy": "credit"}]}}\n',
                 'FILE:3:29: unknown key "polcy" (at $.sources.publishers[0].polcy: expected '
                 'one of "name", "aliases", "policy", "credit_patterns")')

    def test_wrong_type(self):
        self.bad('{"version": 1,\n "reuse": {"fail_words": "40"}}\n',
                 'FILE:2:26: wrong type: found a string (at $.reuse.fail_words: expected a '
                 'whole number from 1 to 1000000)')

    def test_duplicate_key(self):
        self.bad('{"version": 1,\n "copyright": {"required": true,\n   "required": false}}\n',
                 'FILE:3:4: duplicate key "required" in $.copyright (first at 2:16)')

    def test_invalid_pattern(self):
        self.bad('{"version": 1,\n "bylines": {\n  "byline": {"pattern": "^By (?P<names>.+"}}}\n',
                 "FILE:3:25: invalid pattern for rule byline.format: missing ): ^By (?P<names>.+ "
                 "(at $.bylines.byline.pattern: expected a valid RE2 pattern "
                 "(github.com/google/re2/wiki/Syntax))")

    def test_missing_roster_file(self):
        self.bad('{"version": 1,\n "bylines": {"roster": {"file": "staf.txt"}}}\n',
                 'FILE:2:33: cannot read the roster file: %s: no such file or folder (at '
                 '$.bylines.roster.file: expected a names file (one name per line) that can be '
                 "read, relative to the rules file's folder)" % self.path("staf.txt"))

    def test_unknown_rule(self):
        path = self.write("rules.json", '{"version": 1, "rules": {"byline.unkown": {}}}')
        run = scan(os.path.join(EXAMPLES, "clean.md"), rules=path)
        self.assertEqual(run.code, 2, repr(run))
        self.assertTrue(run.stderr.startswith(
            'provcheck: %s:1:26: unknown rule "byline.unkown" (at $.rules["byline.unkown"]: '
            "expected a rule id: reuse.forbidden, " % path), run.stderr)

    def test_missing_rules_file(self):
        run = scan(os.path.join(EXAMPLES, "clean.md"), rules=self.path("none.json"))
        self.assertEqual(run.code, 2, repr(run))
        self.assertEqual(run.stderr,
                         "provcheck: %s: no such file or folder\n" % self.path("none.json"))


class ReadmeTest(TempDirTest):
    """README.md's "Rules" section shows what provcheck prints."""

    def section(self):
        with open(os.path.join(SOURCE_DIR, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        start = readme.index("\n## Rules\n")
        return readme[start:readme.index("\n## ", start + 1)]

    def test_the_example_output_is_what_a_scan_prints(self):
        block = re.search(r"```console\n\$ (.*?)\n(.*?)\n```", self.section(), re.S)
        args = block.group(1).split()
        self.assertEqual(args[0], "provcheck")
        run = provcheck(*(args[1:] + ["--index", INDEX]), cwd=SOURCE_DIR)
        self.assertEqual(run.code, 1, repr(run))
        self.assertEqual(run.stdout, block.group(2) + "\n")

    def test_the_example_error_is_what_provcheck_prints(self):
        line = [l.strip() for l in self.section().splitlines()
                if l.strip().startswith("provcheck: rules.json:")][0]
        self.write("rules.json", '{"version": 1,\n "sources": {"publishers": [\n'
                                 '  {"name": "Meridian Wire", "polcy": "credit"}]}}\n')
        run = provcheck("scan", os.path.join(EXAMPLES, "clean.md"), "--index", INDEX,
                        "--rules", "rules.json", cwd=self.tmp)
        self.assertEqual(run.code, 2, repr(run))
        self.assertEqual(run.stderr, line + "\n")


class SchemaTest(unittest.TestCase):
    """rules/schema.json agrees with the worked example and with the code."""

    def setUp(self):
        with open(os.path.join(RULES_DIR, "schema.json"), encoding="utf-8") as f:
            self.schema = json.load(f)

    def test_worked_example_follows_the_schema(self):
        try:
            import jsonschema
        except ImportError:
            self.skipTest("python3-jsonschema is not installed")
        with open(NEWSROOM, encoding="utf-8") as f:
            example = json.load(f)
        jsonschema.Draft202012Validator.check_schema(self.schema)
        jsonschema.Draft202012Validator(self.schema).validate(example)

    def test_schema_lists_exactly_the_rule_ids_provcheck_knows(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "r.json")
            with open(path, "w") as f:
                f.write('{"version": 1, "rules": {"no.such.rule": {}}}')
            run = scan(os.path.join(EXAMPLES, "clean.md"), rules=path)
        known = run.stderr.split("expected a rule id: ", 1)[1].rstrip(")\n").split(", ")
        enum = self.schema["$defs"]["rules"]["propertyNames"]["enum"]
        self.assertEqual(sorted(known), sorted(x for x in enum if x != "$comment"))

    def test_schema_defaults_are_the_built_in_patterns(self):
        with open(os.path.join(SOURCE_DIR, "src", "rules", "rule_set.cc"), encoding="utf-8") as f:
            code = f.read()
        built_in = dict(re.findall(r'constexpr char (k\w+)\[\] =\s*R"\((.*?)\)";', code, re.S))
        d = self.schema["$defs"]
        self.assertEqual(d["copyright"]["properties"]["detect"]["default"], built_in["kCopyrightDetect"])
        self.assertEqual(d["copyright"]["properties"]["pattern"]["default"],
                         built_in["kCopyrightPattern"])
        self.assertEqual(d["bylines"]["properties"]["split"]["default"], built_in["kNameSplit"])
        self.assertEqual(d["bylines"]["properties"]["name"]["default"], built_in["kName"])
        byline = d["bylines"]["properties"]["byline"]["default"]
        self.assertEqual((byline["detect"], byline["pattern"]),
                         (built_in["kBylineDetect"], built_in["kBylinePattern"]))
        reporting = d["bylines"]["properties"]["reporting"]["default"]
        self.assertEqual((reporting["detect"], reporting["pattern"]),
                         (built_in["kReportingDetect"], built_in["kReportingPattern"]))
        self.assertEqual(d["captions"]["properties"]["credit_pattern"]["default"],
                         built_in["kCaptionCredit"])


if __name__ == "__main__":
    unittest.main()
