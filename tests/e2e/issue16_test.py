"""Issue 16, hardening round 2: no hangs on FIFOs, no lost records, no collisions, confined
paths, no workflow-command injection, --text. Each test failed before its fix."""

import base64
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from common import BIN, EXAMPLES, GIT_ENV, SOURCE_DIR, TempDirTest, example, provcheck

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


def canonical_table():
    """The rows of docs/report-format.md's "What is canonical, and what verifies" table."""
    with open(os.path.join(SOURCE_DIR, "docs", "report-format.md"), encoding="utf-8") as f:
        doc = f.read()
    section = doc.split("### What is canonical, and what verifies", 1)[1].split("\n### ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and not set(cells[1]) <= set("-") and cells[1] != "`provcheck verify`":
            rows[cells[0]] = cells[1]
    return rows


class Issue16CanonicalEnvelope(TempDirTest):
    """Item 8: the documented table of accepted envelope encodings is what verify does."""

    def variants(self, raw):
        env = json.loads(raw)
        p, t = env["payload"], env["payloadType"]
        k, sig = env["signatures"][0]["keyid"], env["signatures"][0]["sig"]
        body = raw.rstrip(b"\n")
        # A base64 value with + or / for the URL-safe case (the signature or payload).
        b64 = next(v for v in (sig, p) if "+" in v or "/" in v)
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        bare = sig.rstrip("=")
        stray = bare[:-1] + alphabet[alphabet.index(bare[-1]) ^ 1] + sig[len(bare):]
        return {
            "members in another order": [json.dumps(
                {"signatures": [{"sig": sig, "keyid": k}], "payloadType": t, "payload": p}).encode()],
            "other whitespace between tokens": [
                json.dumps(env, indent=2).encode(), body, body + b"\r\n", raw + b"\n  \n"],
            "a character of a member name written as a JSON escape": [
                raw.replace(b'"payload":', b'"p\\u0061yload":', 1)],
            "a character of a string value written as a JSON escape": [
                raw.replace(b"application/vnd", b"application\\/vnd", 1),
                raw.replace(b'"payload":"e', b'"payload":"\\u0065', 1)],
            "base64 without its `=` padding": [
                raw.replace(sig.encode(), bare.encode()),
                raw.replace(p.encode(), (p[:76] + "\\n" + p[76:]).encode()),
                raw.replace(b64.encode(), b64.replace("+", "-").replace("/", "_").encode()),
                raw.replace(sig.encode(), stray.encode())],
            "`keyid` in upper case": [raw.replace(k.encode(), k.upper().encode())],
            "a member twice": [raw.replace(b'{"payload"', b'{"payloadType":"x","payload"', 1),
                               raw.replace(b'{"payload"', b'{"p\\u0061yload":"","payload"', 1)],
            "a member not in the format": [raw.replace(b'{"payload"', b'{"x":1,"payload"', 1),
                                           raw.replace(b'{"keyid"', b'{"x":1,"keyid"', 1)],
            "a byte order mark": [b"\xef\xbb\xbf" + raw, raw + raw, body + b" x"],
            "a second signature entry": [
                raw.replace(b'"signatures":[', b'"signatures":[' +
                            json.dumps(env["signatures"][0]).encode() + b",", 1),
                raw.replace(b'"signatures":[', b'"signatures":[{"keyid":"00","sig":"' +
                            base64.b64encode(b"\0" * 64) + b'"},', 1)],
        }

    def test_issue16_documented_envelope_encodings_are_what_verify_accepts(self):
        self.write("corpus/one.txt", ARTICLE * 4)
        index = self.path("idx")
        self.assertExit(provcheck("index", "add", self.path("corpus"), "--index", index), 0)
        self.write("draft.txt", ARTICLE)
        envelope = self.path("env.json")
        # The URL-safe variant needs a "+" or "/" in the signature or the
        # payload; a fresh key's signature lacks both about once in 15 runs.
        for _ in range(20):
            if os.path.exists(self.path("desk.key")):
                os.remove(self.path("desk.key"))
                os.remove(self.path("desk.pub"))
            self.assertExit(provcheck("keygen", "desk", cwd=self.tmp), 0)
            self.assertExit(provcheck("scan", "draft.txt", "--index", index, "--sign",
                                      self.path("desk.key"), "--out", envelope, cwd=self.tmp), 1)
            with open(envelope, "rb") as f:
                raw = f.read()
            env = json.loads(raw)
            if any(c in env["signatures"][0]["sig"] + env["payload"] for c in "+/"):
                break
        self.assertExit(provcheck("verify", envelope, "--key", self.path("desk.pub")), 0)
        rows = canonical_table()
        variants = self.variants(raw)
        self.assertEqual(len(rows), len(variants), rows)
        for row, verdict in rows.items():
            key = next(k for k in variants if row.startswith(k))
            code = 0 if verdict == "accepted" else int(verdict.rsplit(" ", 1)[1])
            for i, data in enumerate(variants[key]):
                self.assertNotEqual(data, raw)
                path = self.write("variant.json", data)
                run = provcheck("verify", path, "--key", self.path("desk.pub"))
                self.assertEqual(run.code, code, "%s (variant %d): %r" % (row, i, run))


EVIL = "evil\n::error file=a.md::forged\n::stop-commands::x\nx.md"


def active_commands(log):
    """The workflow commands a GitHub runner would act on in `log`: each line whose text,
    leading whitespace trimmed, starts with "::", except between ::stop-commands::TOKEN and
    ::TOKEN:: (actions/runner, ActionCommandManager)."""
    active, stopped = [], None
    for line in log.splitlines():
        text = line.lstrip()
        if stopped is not None:
            if text == "::%s::" % stopped:
                stopped = None
            continue
        if text.startswith("::stop-commands::"):
            stopped = text[len("::stop-commands::"):]
            continue
        if text.startswith("::"):
            active.append(text)
    return active


class Issue16Repo(TempDirTest):
    """A git repository and an index of corpus/ for the ci tests below."""

    def setUp(self):
        super().setUp()
        if shutil.which("git") is None:
            self.skipTest("git is not installed")
        self.index = self.path("idx")
        self.assertExit(provcheck("index", "add", os.path.join(SOURCE_DIR, "corpus"),
                                  "--index", self.index), 0)
        self.repo = self.path("repo")
        os.makedirs(self.repo)
        self.git("init", "-q", "-b", "main")
        self.put("first.md", example("clean.md"))
        self.commit("first")

    def git(self, *args):
        proc = subprocess.run(["git"] + list(args), cwd=self.repo, env=dict(os.environ, **GIT_ENV),
                              capture_output=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout

    def put(self, name, data):
        path = os.path.join(self.repo, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return path

    def commit(self, message):
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def ci(self, *args):
        return provcheck("ci", *args, cwd=self.repo, env=GIT_ENV)


class Issue16Injection(Issue16Repo):
    """Item 2: no path or draft text starts a workflow command of its own."""

    def test_issue16_ci_summary_and_brief_lines_escape_a_file_name(self):
        self.put(EVIL, example("copied.md"))
        self.commit("evil")
        for args in ([], ["--brief"], ["--format", "github"], ["--format", "sarif"]):
            run = self.ci("--index", self.index, *args)
            self.assertEqual(run.code, 1, repr(run))
            log = run.stdout + run.stderr
            # Only provcheck's own annotations (--format github), their file escaped.
            for c in active_commands(log):
                self.assertTrue(c.startswith("::error file=evil%0A%3A%3Aerror"), (args, c))
            self.assertIn("evil\\n::error file=a.md::forged\\n", log, args)

    def test_issue16_scan_text_brief_and_errors_escape_control_characters(self):
        name = self.put("bad\r\n::warning::x\x1b[2J.md", example("copied.md"))
        for args in ([], ["--brief"]):
            run = provcheck("scan", name, "--index", self.index, *args)
            self.assertEqual(run.code, 1, repr(run))
            self.assertEqual(active_commands(run.stdout), [])
            self.assertNotIn("\x1b[2J", run.stdout)
            self.assertIn("bad\\r\\n::warning::x\\x1b[2J.md", run.stdout)
        # A draft that cannot be read: the error line escapes its name too.
        os.chmod(name, 0)
        run = provcheck("scan", name + "-missing", "--index", self.index)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "bad\\r\\n::warning::x\\x1b[2J.md-missing")

    def test_issue16_draft_text_in_the_text_report_is_escaped(self):
        text = example("copied.md").decode().replace(
            "Port Ellery has overtaken", "Port Ellery has\x1b]0;pwned\x07 overtaken", 1).encode()
        draft = self.put("draft.md", text)
        run = provcheck("scan", draft, "--index", self.index)
        self.assertEqual(run.code, 1, repr(run))
        self.assertNotIn("\x1b", run.stdout)
        self.assertIn("has{+\\x1b]0;pwned\\x07+} overtaken", run.stdout)


class Issue16ActionLog(Issue16Repo):
    """Item 2: action.yml never lets untrusted text act as a workflow command."""

    def test_issue16_action_log_holds_only_provcheck_annotations(self):
        try:
            import yaml
        except ImportError:
            self.skipTest("python3-yaml is not installed")
        with open(os.path.join(SOURCE_DIR, "action.yml")) as f:
            step = next(s for s in yaml.safe_load(f)["runs"]["steps"]
                        if s["name"] == "Scan the changed drafts")
        self.put(EVIL, example("copied.md"))
        self.put("corpus-note.md", b"::error::from a draft's text\n" + example("clean.md"))
        self.commit("evil")
        env = dict(os.environ, **GIT_ENV)
        env.pop("PROVCHECK_INDEX", None)
        defaults = {"INDEX": self.index, "RULES": "", "BASE_REV": "", "PATHS": "", "CORPUS": "",
                    "SARIF_FILE": "provcheck.sarif", "ANNOTATIONS": "true", "HTML_FILE": "",
                    "EVENT_NAME": "push", "PR_BASE": "", "PUSH_BEFORE": "", "PROVCHECK_BIN": BIN}
        env.update(defaults)
        for f in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_STEP_SUMMARY"):
            env[f] = self.path(f.lower())
        script = self.path("step.sh")
        with open(script, "w") as f:
            f.write(step["run"])
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                              cwd=self.repo, env=env, capture_output=True, text=True, timeout=300)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        commands = active_commands(proc.stdout + "\n" + proc.stderr)
        self.assertTrue(commands, proc.stdout)  # provcheck's own annotations
        for c in commands:
            self.assertRegex(c, r"^::(error|warning|notice) file=", c)
            self.assertFalse(c.startswith("::error file=a.md::forged"), c)
            self.assertFalse(c.startswith("::error::from a draft"), c)
        self.assertTrue(any(c.startswith("::error file=evil%0A%3A%3Aerror file=a.md%3A%3Aforged")
                            for c in commands), commands)

    def test_issue16_given_binary_path_is_escaped_in_its_error(self):
        import yaml
        with open(os.path.join(SOURCE_DIR, "action.yml")) as f:
            step = next(s for s in yaml.safe_load(f)["runs"]["steps"]
                        if s["name"] == "Use the given provcheck")
        script = self.path("given.sh")
        with open(script, "w") as f:
            f.write(step["run"])
        env = dict(os.environ, GIVEN="/nowhere\n::warning::forged", GITHUB_ENV=self.path("env"))
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                              env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(active_commands(proc.stdout),
                         ["::error title=provcheck::no provcheck binary at /nowhere%0A::warning::forged"])


class Issue16ConfinedPaths(Issue16Repo):
    """Item 6: paths in rules files and .provcheck.json stay inside their folder."""

    SECRET = "Top Secret Name\nroot:x:0:0:secret\n"

    def rules(self, roster, folder="rules"):
        return self.put(folder + "/rules.json",
                        json.dumps({"version": 1, "bylines": {"roster": {"file": roster}}}))

    def scan(self, rules, *extra):
        return provcheck("scan", os.path.join(self.repo, "first.md"), "--index", self.index,
                         "--rules", rules, *extra)

    def test_issue16_roster_outside_the_rules_folder_is_refused(self):
        secret = self.write("outside/secret.txt", self.SECRET)
        os.symlink(secret, os.path.join(self.repo, "link.txt"))
        os.makedirs(os.path.join(self.repo, "rules"), exist_ok=True)
        os.symlink(secret, os.path.join(self.repo, "rules", "staff.txt"))
        for roster in ("../../outside/secret.txt", secret, "../link.txt", "staff.txt",
                       "/etc/passwd"):
            run = self.scan(self.rules(roster))
            self.assertExit(run, 2)
            self.assertOneErrorLine(run, "rules.json:1:", 'the roster file "%s" leads outside the '
                                    "rules file's folder" % roster, "--allow-outside-paths")
            self.assertNotIn("Top Secret", run.stderr)
            self.assertNotIn("root:", run.stderr)
            self.assertNotIn(os.path.dirname(secret), run.stderr.replace(roster, ""))
        # Allowed by the flag; a roster inside (a sub-folder) needs none.
        self.assertIn(self.scan(self.rules("../../outside/secret.txt"),
                                "--allow-outside-paths").code, (0, 1))
        self.put("rules/lists/staff.txt", "Marnie Coultard\n")
        self.assertIn(self.scan(self.rules("lists/staff.txt")).code, (0, 1))

    def test_issue16_roster_parse_errors_show_no_content(self):
        self.put("rules/staff.txt", b"Top Secret Name\n\xffroot:x:0:0\n")
        run = self.scan(self.rules("staff.txt"))
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "staff.txt:2: invalid UTF-8")
        self.assertNotIn("Top Secret", run.stderr)
        self.assertNotIn("root", run.stderr)

    def test_issue16_provcheck_json_paths_outside_the_repository_are_refused(self):
        secret = self.write("outside/rules.json", '{"version": 1}')
        os.symlink(secret, os.path.join(self.repo, "linked-rules.json"))
        for member, value in (("rules", "../outside/rules.json"), ("rules", secret),
                              ("rules", "linked-rules.json"), ("index", "../idx"),
                              ("index", self.index)):
            self.put(".provcheck.json", json.dumps({member: value}))
            run = self.ci()
            self.assertExit(run, 2)
            self.assertOneErrorLine(run, '.provcheck.json: at $.%s: "%s" leads outside the '
                                    "repository root" % (member, value))
        self.put(".provcheck.json", json.dumps({"rules": "../outside/rules.json",
                                                "index": "../idx"}))
        self.assertIn(self.ci("--allow-outside-paths").code, (0, 1))

    def test_issue16_ci_says_when_the_configuration_excludes_changed_drafts(self):
        self.put(".provcheck.json", json.dumps({"paths": ["*.md"]}))
        self.commit("config")
        self.put("c.md", example("copied.md"))
        self.put("d.md", example("clean.md"))
        self.put(".provcheck.json", json.dumps({"paths": [":(exclude)c.md"]}))
        self.commit("exclude the copied draft")
        run = self.ci("--index", self.index)
        self.assertExit(run, 0)
        self.assertIn("  PASS   d.md", run.stdout)
        self.assertIn('  skip   c.md  excluded by the "paths" of .provcheck.json, which this change '
                      "edits", run.stdout)


class Issue16Text(TempDirTest):
    """Item 7: --text reads stray NUL bytes as spaces; binary refusal stays the default."""

    def test_issue16_text_scans_and_indexes_files_with_stray_nuls(self):
        source = ARTICLE * 3 + "And the harbour master said the dredging would start in spring."
        corpus = self.write("corpus/src.txt", source[:40] + "\0" + source[41:])
        index = self.path("idx")
        run = provcheck("index", "add", self.path("corpus"), "--index", index)
        self.assertExit(run, 2)
        self.assertIn("binary file (NUL byte at byte 40)", run.stderr)
        self.assertExit(provcheck("index", "add", self.path("corpus"), "--index", index, "--text"), 0)
        data = ("Our own opening words. " + source[60:400]).encode()
        data = data[:100] + b"\0" + data[101:200] + b"\0" + data[201:]
        draft = self.write("draft.txt", data)
        run = provcheck("scan", draft, "--index", index, "--format", "json")
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "binary file (NUL byte at byte 100)")
        run = provcheck("scan", draft, "--index", index, "--format", "json", "-a")
        self.assertExit(run, 1)
        report = run.json()
        self.assertEqual(report["draft"]["sha256"], hashlib.sha256(data).hexdigest())
        self.assertEqual(report["draft"]["bytes"], len(data))
        f = next(f for f in report["findings"] if f["kind"] == "reuse")
        self.assertEqual(f["source"]["id"], "src")
        # Offsets are the file's: the passage's text is the file's bytes there, NULs as spaces.
        span = data[f["draft"]["start"]:f["draft"]["end"]].replace(b"\0", b" ").decode()
        self.assertEqual(f["draft"]["text"], span)
        self.assertGreater(f["draft"]["end"], 201)


if __name__ == "__main__":
    unittest.main()
