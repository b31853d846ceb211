"""provcheck ci in temporary git repositories: which drafts it scans (added
and changed ones, not unchanged or deleted ones), the base it picks, its
.provcheck.json defaults, and its exit codes."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse

from common import BIN, EXAMPLES, GIT_ENV, TempDirTest, example, index_corpus, provcheck

INDEX = None
GIT = shutil.which("git")

def setUpModule():
    global INDEX
    if GIT is None:
        raise unittest.SkipTest("git is not installed")
    INDEX = tempfile.mkdtemp(prefix="provcheck-e2e-ci-")
    run = index_corpus(INDEX)
    assert run.code == 0, repr(run)


def tearDownModule():
    if INDEX:
        shutil.rmtree(INDEX, True)


class CiTest(TempDirTest):

    def setUp(self):
        super().setUp()
        self.repo = self.path("repo")
        os.makedirs(self.repo)
        self.git("init", "-q", "-b", "main")

    def git(self, *args, cwd=None):
        env = dict(os.environ)
        env.update(GIT_ENV)
        proc = subprocess.run(["git"] + list(args), cwd=cwd or self.repo, env=env,
                              capture_output=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout

    def put(self, name, data):
        path = os.path.join(self.repo.encode(), name if isinstance(name, bytes) else name.encode())
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())

    def commit(self, message="change"):
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def ci(self, *args, cwd=None, index=True):
        extra = ["--index", INDEX] if index else []
        return provcheck("ci", *args, *extra, cwd=cwd or self.repo, env=GIT_ENV)

    def scanned(self, run):
        """The draft paths of the JSON Lines reports."""
        return [r["draft"]["path"] for r in run.json_lines()]

    def summary(self, run, stream="stderr"):
        text = getattr(run, stream)
        return [l.split()[:2] for l in text.splitlines() if l.startswith("  ")]

    def test_quiet_prints_nothing_and_keeps_the_exit_code(self):
        self.two_commits()
        run = self.ci("-q", "--base", "HEAD~1")
        self.assertExit(run, 1)
        self.assertEqual((run.stdout, run.stderr), ("", ""))

    def two_commits(self):
        """First commit: unchanged, changed and deleted drafts. Second: one
        changed, one added (copied text: fails), one deleted, a non-draft."""
        self.put("unchanged.md", example("clean.md"))
        self.put("articles/changed.md", example("quoted.md"))
        self.put("deleted.md", example("copied.md"))
        self.commit("first")
        self.put("articles/changed.md", example("quoted.md") + b"\nA closing line.\n")
        self.put("articles/new draft.md", example("copied.md"))
        os.remove(os.path.join(self.repo, "deleted.md"))
        self.put("feed.jsonl", b'{"id": "x"}\n')
        self.commit("second")

    def test_scans_added_and_changed_drafts_only(self):
        self.two_commits()
        run = self.ci("--format", "json")
        self.assertExit(run, 1)
        self.assertEqual(self.scanned(run), ["articles/changed.md", "articles/new draft.md"])
        # The summary goes to stderr when stdout carries the reports.
        self.assertEqual(self.summary(run), [["PASS", "articles/changed.md"],
                                             ["FAIL", "articles/new"], ["skip", "feed.jsonl"]])
        self.assertIn("since", run.stderr)
        self.assertIn("(HEAD~1)", run.stderr)
        self.assertIn("result: FAIL (1 of 2 drafts failed)", run.stderr)

    def test_text_summary_and_verdict_on_stdout(self):
        self.two_commits()
        run = self.ci("--brief")
        self.assertExit(run, 1)
        lines = run.stdout.splitlines()
        self.assertTrue(lines[0].startswith("articles/changed.md:17:2: note: "), run.stdout)
        self.assertTrue(lines[1].startswith("articles/new draft.md:13:145: error: "), run.stdout)
        self.assertIn("  FAIL   articles/new draft.md  3 passages, 50% of 308 words reused", lines)
        self.assertEqual(lines[-1], "result: FAIL (1 of 2 drafts failed)")
        self.assertEqual(run.stderr, "")

    def test_passing_changes_exit_zero(self):
        self.two_commits()
        self.put("unchanged.md", example("clean.md") + b"\nAn update.\n")
        self.commit("third")
        run = self.ci("--format", "json")
        self.assertExit(run, 0)
        self.assertEqual(self.scanned(run), ["unchanged.md"])
        self.assertIn("result: PASS (0 of 1 draft failed)", run.stderr)

    def test_explicit_base_and_pathspec(self):
        self.two_commits()
        first = self.git("rev-list", "--max-parents=0", "HEAD").decode().strip()
        run = self.ci("--base", first, "--format", "json", "articles/changed.md")
        self.assertExit(run, 0)
        self.assertEqual(self.scanned(run), ["articles/changed.md"])
        self.assertIn("since %s (%s)" % (first[:12], first), run.stderr)

    def test_includes_uncommitted_and_untracked_but_not_ignored_files(self):
        self.two_commits()
        self.put(".gitignore", "ignored.md\n")
        self.put("ignored.md", example("copied.md"))
        self.put("wip.md", example("clean.md"))
        self.put("unchanged.md", example("clean.md") + b"\nUnstaged edit.\n")
        run = self.ci("--base", "HEAD", "--format", "json")
        self.assertExit(run, 0)
        self.assertEqual(self.scanned(run), ["unchanged.md", "wip.md"])

    def test_no_changes_pass_with_an_empty_valid_sarif_log(self):
        self.two_commits()
        out = self.path("empty.sarif")
        run = self.ci("--base", "HEAD", "--format", "sarif", "--out", out)
        self.assertExit(run, 0)
        with open(out) as f:
            log = json.load(f)
        self.assertEqual(log["runs"][0]["results"], [])
        self.assertIn("0 drafts", run.stdout)
        self.assertIn("result: PASS (no drafts to scan)", run.stdout)

    def test_first_commit_compares_with_the_empty_tree(self):
        self.put("a.md", example("clean.md"))
        self.commit("only")
        run = self.ci("--format", "json")
        self.assertExit(run, 0)
        self.assertEqual(self.scanned(run), ["a.md"])
        self.assertIn("the empty tree", run.stderr)

    def test_default_base_is_the_merge_base_with_the_upstream_branch(self):
        self.two_commits()
        remote = self.path("remote.git")
        self.git("init", "-q", "--bare", remote, cwd=self.tmp)
        self.git("remote", "add", "origin", remote)
        self.git("push", "-q", "-u", "origin", "main")
        self.git("checkout", "-q", "-b", "feature", "--track", "origin/main")
        self.put("feature-1.md", example("clean.md"))
        self.commit("feature one")
        self.put("feature-2.md", example("evasion.md"))
        self.commit("feature two")
        run = self.ci("--format", "json")
        self.assertExit(run, 1)
        # Both commits of the branch, not just the last one.
        self.assertEqual(self.scanned(run), ["feature-1.md", "feature-2.md"])
        self.assertIn("(merge base with origin/main)", run.stderr)

    def test_sarif_uris_are_relative_to_the_repository_root(self):
        self.two_commits()
        run = self.ci("--format", "sarif", cwd=os.path.join(self.repo, "articles"))
        self.assertExit(run, 1)
        log = run.json()
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in log["runs"][0]["results"]}
        self.assertEqual(uris, {"articles/new%20draft.md", "articles/changed.md"})
        root = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        self.assertEqual(urllib.parse.unquote(root), "file://" + os.path.realpath(self.repo) + "/")

    def test_annotations_name_repository_paths(self):
        self.two_commits()
        run = self.ci("--format", "github")
        self.assertExit(run, 1)
        commands = [l for l in run.stdout.splitlines() if l.startswith("::")]
        self.assertTrue(commands)
        self.assertTrue(all("file=articles/" in c for c in commands), commands)
        self.assertIn("result: FAIL", run.stdout)

    def test_non_utf8_and_space_in_file_names(self):
        self.put("base.md", example("clean.md"))
        self.commit("first")
        name = b"caf\xe9 draft.md"
        self.put(name, example("copied.md"))
        self.commit("second")
        env = dict(os.environ)
        env.update(GIT_ENV)
        env["SOURCE_DATE_EPOCH"] = "1795000000"
        proc = subprocess.run([BIN, "ci", "--index", INDEX, "--format", "sarif"], cwd=self.repo,
                              env=env, capture_output=True, timeout=300)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        log = json.loads(proc.stdout)
        uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        self.assertEqual(urllib.parse.unquote_to_bytes(uri), name)
        self.assertIn(b"  FAIL   " + name, proc.stderr)

    def test_skips_symlinks_and_json_unless_selected(self):
        self.put("base.md", example("clean.md"))
        self.commit("first")
        os.symlink("/etc/hostname", os.path.join(self.repo, "link.md"))
        self.put("article.json", json.dumps({"title": "T", "body": "Some words here."}))
        self.commit("second")
        run = self.ci("--format", "json")
        self.assertExit(run, 0)
        self.assertEqual(self.scanned(run), [])
        self.assertEqual(self.summary(run), [["skip", "article.json"], ["skip", "link.md"]])
        run = self.ci("--format", "json", "*.json")
        self.assertExit(run, 0)
        self.assertEqual(self.scanned(run), ["article.json"])

    def test_unreadable_draft_is_an_error(self):
        self.put("base.md", example("clean.md"))
        self.commit("first")
        self.put("bad.md", b"caf\xe9\n")
        self.put("good.md", example("clean.md"))
        self.commit("second")
        run = self.ci("--format", "json")
        self.assertExit(run, 2)
        self.assertEqual(self.scanned(run), ["good.md"])
        self.assertIn("  ERROR  bad.md", run.stderr)
        self.assertIn("result: ERROR (0 of 2 drafts failed, 1 error)", run.stderr)

    def test_config_file_gives_index_rules_and_paths(self):
        self.put("articles/a.md", example("clean.md"))
        self.put("notes/b.md", example("clean.md"))
        self.put(".provcheck.json", json.dumps({"$comment": "newsroom defaults",
                                                "index": "../index-copy", "paths": ["articles/"]}))
        self.commit("first")
        shutil.copytree(INDEX, self.path("index-copy"))
        self.put("articles/a.md", example("copied.md"))
        self.put("articles/c.md", example("clean.md"))
        self.put("notes/b.md", example("copied.md"))
        self.commit("second")
        # The index is outside the repository: refused (issue 16), unless allowed.
        run = self.ci("--format", "json", index=False, cwd=os.path.join(self.repo, "notes"))
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, '.provcheck.json: at $.index: "../index-copy" leads outside '
                                'the repository root')
        # From a subfolder, the config's paths are still the root's.
        run = self.ci("--format", "json", "--allow-outside-paths", index=False,
                      cwd=os.path.join(self.repo, "notes"))
        self.assertExit(run, 1)
        self.assertEqual(self.scanned(run), ["articles/a.md", "articles/c.md"])
        # Pathspecs on the command line replace the config's.
        run = self.ci("--format", "json", "--allow-outside-paths", "b.md", index=False,
                      cwd=os.path.join(self.repo, "notes"))
        self.assertEqual(self.scanned(run), ["notes/b.md"])

    def test_config_rules_file_is_used(self):
        rules = os.path.join(os.path.dirname(EXAMPLES), "rules", "newsroom.json")
        if not os.path.exists(os.path.join(EXAMPLES, "broken-credits.md")):
            self.skipTest("no examples/broken-credits.md")
        self.put("base.md", example("clean.md"))
        shutil.copy(rules, os.path.join(self.repo, "newsroom.json"))
        staff = os.path.join(os.path.dirname(rules), "staff.txt")
        if os.path.exists(staff):
            shutil.copy(staff, os.path.join(self.repo, "staff.txt"))
        self.put(".provcheck.json", json.dumps({"rules": "newsroom.json"}))
        self.commit("first")
        self.put("broken.md", example("broken-credits.md"))
        self.commit("second")
        run = self.ci("--format", "json")
        self.assertExit(run, 1)
        report = run.json_lines()[0]
        self.assertEqual(report["rules"]["path"], os.path.join(os.path.realpath(self.repo),
                                                               "newsroom.json"))
        self.assertTrue(any(f["kind"] == "credit" for f in report["findings"]))

    def test_bad_config_file_is_a_precise_error(self):
        self.put("a.md", example("clean.md"))
        self.put(".provcheck.json", '{\n  "index": "idx",\n  "pathz": ["articles/"]\n}\n')
        self.commit("first")
        run = self.ci()
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, ".provcheck.json:3:3: unknown member \"pathz\"")
        self.put(".provcheck.json", '{"paths": ["a/", 7]}')
        run = self.ci()
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, ".provcheck.json:1:18: at $.paths[1]: expected a string")
        self.put(".provcheck.json", '{"index": "a", "index": "b"}')
        run = self.ci()
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, ".provcheck.json:1:", "duplicate key \"index\"")

    def test_outside_a_git_work_tree_is_an_error(self):
        run = self.ci(cwd=self.tmp)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "not inside a git work tree")

    def test_missing_git_is_an_error(self):
        self.put("a.md", example("clean.md"))
        self.commit("first")
        run = provcheck("ci", "--index", INDEX, cwd=self.repo, env=dict(GIT_ENV, PATH="/nonexistent"))
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "cannot run git")

    def test_unknown_base_is_an_error(self):
        self.put("a.md", example("clean.md"))
        self.commit("first")
        run = self.ci("--base", "no-such-branch")
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "--base no-such-branch: not a commit in this repository")

    def test_missing_index_is_an_error(self):
        self.put("a.md", example("clean.md"))
        self.commit("first")
        run = self.ci(index=False)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, ".provcheck")


if __name__ == "__main__":
    unittest.main()
