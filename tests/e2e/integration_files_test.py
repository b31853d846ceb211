"""The ready-made integration files: the composite GitHub Action (action.yml)
and the pre-commit hook (.pre-commit-hooks.yaml), run here as GitHub's runner
and pre-commit would run them, and the README's examples of both."""

import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest

from common import BIN, EXAMPLES, GIT_ENV, SOURCE_DIR, TempDirTest, example, index_corpus

try:
    import yaml  # Debian: python3-yaml
except ImportError:
    yaml = None

INDEX = None
def setUpModule():
    global INDEX
    if yaml is None:
        raise unittest.SkipTest("python3-yaml is not installed (scripts/install-deps)")
    if shutil.which("git") is None or shutil.which("bash") is None:
        raise unittest.SkipTest("git or bash is not installed")
    INDEX = tempfile.mkdtemp(prefix="provcheck-e2e-integration-")
    run = index_corpus(INDEX)
    assert run.code == 0, repr(run)


def tearDownModule():
    if INDEX:
        shutil.rmtree(INDEX, True)


def load_yaml(name):
    with open(os.path.join(SOURCE_DIR, name)) as f:
        return yaml.safe_load(f)


def readme_section(title):
    with open(os.path.join(SOURCE_DIR, "README.md")) as f:
        readme = f.read()
    start = readme.index(title)
    level = title.split()[0]  # "##" or "###": up to the next heading as high
    end = min([i for i in (readme.find("\n%s " % h, start + len(title))
                           for h in ("#" * n for n in range(1, len(level) + 1))) if i >= 0],
              default=-1)
    return readme[start:end if end >= 0 else None]


def code_blocks(text, language):
    return re.findall(r"```%s\n(.*?)\n```" % language, text, re.S)


class RepoTest(TempDirTest):
    """A temporary git repository with an unchanged, a changed and an added draft."""

    def setUp(self):
        super().setUp()
        self.repo = self.path("repo")
        os.makedirs(self.repo)
        self.git("init", "-q", "-b", "main")
        self.put("articles/clean.md", example("clean.md"))
        self.put("articles/quoted.md", example("quoted.md"))
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "first")
        self.first = self.git("rev-parse", "HEAD").strip()

    def git(self, *args):
        env = dict(os.environ, **GIT_ENV)
        proc = subprocess.run(["git"] + list(args), cwd=self.repo, env=env, capture_output=True,
                              text=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stdout

    def put(self, name, data):
        path = os.path.join(self.repo, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)


class GithubActionTest(RepoTest):

    @classmethod
    def setUpClass(cls):
        cls.action = load_yaml("action.yml")
        cls.steps = {s["name"]: s for s in cls.action["runs"]["steps"]}

    def expand(self, value, inputs, github):
        """Evaluates the ${{ inputs.X }} and ${{ github.X }} of an env value."""
        def sub(m):
            expr = m.group(1).strip()
            scope, _, key = expr.partition(".")
            if scope == "inputs":
                return inputs.get(key, self.action["inputs"][key].get("default", ""))
            if scope == "github":
                return github.get(key, "")
            if scope == "runner":
                return self.path("runner-" + key)
            if scope == "steps":
                return ""
            raise AssertionError("unexpected expression " + expr)
        return re.sub(r"\$\{\{(.*?)\}\}", sub, str(value))

    def run_step(self, name, inputs, github=None, extra_env=None):
        step = self.steps[name]
        self.assertEqual(step["shell"], "bash")
        github = github or {}
        env = dict(os.environ, **GIT_ENV)
        env.pop("PROVCHECK_INDEX", None)
        env["SOURCE_DATE_EPOCH"] = "1795000000"
        for key, value in step.get("env", {}).items():
            env[key] = self.expand(value, inputs, github)
        for f in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_STEP_SUMMARY"):
            env[f] = self.path(f.lower())
            open(env[f], "a").close()
        env.update(extra_env or {})
        # GitHub runs a bash step as `bash --noprofile --norc -eo pipefail {0}`.
        script = self.path("step.sh")
        with open(script, "w") as f:
            f.write(step["run"])
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                              cwd=self.repo, env=env, capture_output=True, text=True, timeout=300)
        return proc

    def outputs(self, name="github_output"):
        with open(self.path(name)) as f:
            return dict(l.split("=", 1) for l in f.read().splitlines() if "=" in l)

    def test_is_a_composite_action_uploading_sarif(self):
        self.assertEqual(self.action["runs"]["using"], "composite")
        uses = [s.get("uses", "") for s in self.action["runs"]["steps"]]
        self.assertTrue(any(u.startswith("github/codeql-action/upload-sarif@") for u in uses))
        for step in self.action["runs"]["steps"]:
            if "run" in step:
                # Inputs reach scripts through env only, never pasted into the script.
                self.assertNotIn("${{", step["run"], step["name"])

    def test_build_step_installs_the_build_packages_and_builds(self):
        # apt-get, sudo and cmake stand-ins record what the step asks of them.
        fake = self.path("fake-bin")
        os.makedirs(fake)
        log = self.path("calls.log")
        for tool in ("apt-get", "sudo", "cmake"):
            with open(os.path.join(fake, tool), "w") as f:
                f.write('#!/bin/sh\necho "%s $*" >> "%s"\n' % (tool, log))
                if tool == "sudo":
                    f.write('exec "$@"\n')
            os.chmod(os.path.join(fake, tool), 0o755)
        runner_temp = self.path("runner-temp")
        proc = self.run_step("Build provcheck", {}, {"action_path": SOURCE_DIR},
                             {"PATH": fake + os.pathsep + os.environ["PATH"],
                              "RUNNER_TEMP": runner_temp})
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        with open(log) as f:
            calls = f.read().splitlines()
        install = [c for c in calls if c.startswith("apt-get install")]
        self.assertEqual(len(install), 1, calls)
        packages = install[0].split()
        for needed in ("cmake", "libsimdjson-dev", "libre2-dev", "libcli11-dev"):
            self.assertIn(needed, packages)
        for test_only in ("chromium", "libgtest-dev", "python3-jsonschema"):
            self.assertNotIn(test_only, packages)
        self.assertTrue(any(c.startswith("cmake -S %s -B %s/provcheck-build" % (SOURCE_DIR,
                                                                                 runner_temp))
                            for c in calls), calls)
        self.assertEqual(self.outputs("github_env")["PROVCHECK_BIN"],
                         runner_temp + "/provcheck-build/provcheck")

    def choose(self, inputs, ref):
        proc = self.run_step("Choose how to get provcheck", inputs, {"action_ref": ref})
        out = self.outputs() if proc.returncode == 0 else {}
        return proc, out.get("mode"), out.get("version")

    def test_choice_of_release_package_source_build_or_given_binary(self):
        self.assertEqual(self.choose({}, "v0.3.0")[1:], ("release", "0.3.0"))
        self.assertEqual(self.choose({}, "main")[1:], ("source", ""))
        self.assertEqual(self.choose({"install": "source"}, "v0.3.0")[1:], ("source", "0.3.0"))
        self.assertEqual(self.choose({"provcheck": BIN}, "v0.3.0")[1], "given")
        for inputs, ref in (({"install": "release"}, "main"), ({"install": "bogus"}, "v1.0.0")):
            proc, mode, _ = self.choose(inputs, ref)
            self.assertEqual(proc.returncode, 2, (inputs, ref))
            self.assertIn("::error title=provcheck::", proc.stdout)
        for step in ("Cache the release package", "Install the release package"):
            self.assertEqual(self.steps[step]["if"], "steps.how.outputs.mode == 'release'")
        self.assertEqual(self.steps["Build provcheck"]["if"], "steps.how.outputs.mode == 'source'")
        cache = self.steps["Cache the release package"]
        self.assertTrue(cache["uses"].startswith("actions/cache@"))
        self.assertIn("steps.how.outputs.version", cache["with"]["key"])

    def install_release(self, served_sums=None, cached=False):
        """Runs the install step with curl, sudo and apt-get stand-ins; curl
        serves a fake package and its SHA256SUMS (or `served_sums`)."""
        fake, served = self.path("fake-bin"), self.path("served")
        os.makedirs(fake, exist_ok=True)
        os.makedirs(served, exist_ok=True)
        log = self.path("calls.log")
        deb = "provcheck_0.3.0_amd64.deb"
        with open(os.path.join(served, deb), "wb") as f:
            f.write(b"not really a package, but bytes with a known sum")
        import hashlib
        with open(os.path.join(served, deb), "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        with open(os.path.join(served, "SHA256SUMS"), "w") as f:
            f.write(served_sums if served_sums is not None else
                    "%s  %s\n%s  other.deb\n" % (digest, deb, "0" * 64))
        scripts = {
            "curl": 'echo "curl $*" >> "%s"\nout=""; url=""\nwhile [ $# -gt 0 ]; do case "$1" in '
                    '-o) out="$2"; shift 2 ;; -*) shift ;; *) url="$1"; shift ;; esac; done\n'
                    'cp "%s/$(basename "$url")" "$out"\n' % (log, served),
            "sudo": 'echo "sudo $*" >> "%s"\nexec "$@"\n' % log,
            "apt-get": 'echo "apt-get $*" >> "%s"\n' % log,
        }
        for tool, body in scripts.items():
            with open(os.path.join(fake, tool), "w") as f:
                f.write("#!/bin/sh\n" + body)
            os.chmod(os.path.join(fake, tool), 0o755)
        cache = self.path("runner-temp", "provcheck-deb")
        if cached:
            os.makedirs(cache, exist_ok=True)
            for name in (deb, "SHA256SUMS"):
                shutil.copy(os.path.join(served, name), cache)
        proc = self.run_step("Install the release package", {},
                             {"action_repository": "newsroom/provcheck",
                              "server_url": "https://github.com"},
                             {"PATH": fake + os.pathsep + os.environ["PATH"], "VERSION": "0.3.0"})
        calls = []
        if os.path.exists(log):
            with open(log) as f:
                calls = f.read().splitlines()
        return proc, calls, cache

    def test_release_package_is_downloaded_checked_and_installed(self):
        proc, calls, cache = self.install_release()
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        url = "https://github.com/newsroom/provcheck/releases/download/v0.3.0/"
        self.assertTrue(any(c.startswith("curl ") and c.endswith(url + "provcheck_0.3.0_amd64.deb")
                            for c in calls), calls)
        self.assertIn("apt-get install -y -qq --no-install-recommends ./provcheck_0.3.0_amd64.deb",
                      calls)
        self.assertEqual(self.outputs("github_env")["PROVCHECK_BIN"], "/usr/bin/provcheck")
        self.assertTrue(os.path.exists(os.path.join(cache, "provcheck_0.3.0_amd64.deb")))

    def test_cached_release_package_is_not_downloaded_again(self):
        proc, calls, _ = self.install_release(cached=True)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertFalse([c for c in calls if c.startswith("curl")], calls)
        self.assertTrue([c for c in calls if c.startswith("apt-get install")], calls)

    def test_release_package_not_matching_its_sums_is_refused(self):
        proc, calls, cache = self.install_release(
            served_sums="%s  provcheck_0.3.0_amd64.deb\n" % ("ab" * 32))
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        self.assertIn("does not match the release's SHA256SUMS", proc.stdout)
        self.assertFalse([c for c in calls if c.startswith("apt-get install")], calls)
        self.assertFalse(os.path.exists(os.path.join(cache, "provcheck_0.3.0_amd64.deb")))

    def test_given_binary_is_used(self):
        proc = self.run_step("Use the given provcheck", {"provcheck": BIN})
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(self.outputs("github_env")["PROVCHECK_BIN"], BIN)
        proc = self.run_step("Use the given provcheck", {"provcheck": self.path("nothing")})
        self.assertEqual(proc.returncode, 2)
        self.assertIn("::error title=provcheck::no provcheck binary", proc.stdout)

    def test_pull_request_scan_writes_sarif_annotations_and_summary(self):
        self.put("articles/quoted.md", example("quoted.md") + b"\nAn update.\n")
        self.put("articles/copied.md", example("copied.md"))
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "second")
        self.git("commit", "-q", "--allow-empty", "-m", "third")  # HEAD~1 would miss the rest
        inputs = {"index": INDEX, "paths": "articles/\n", "html-file": "report.html"}
        github = {"event_name": "pull_request", "event.pull_request.base.sha": self.first}
        proc = self.run_step("Scan the changed drafts", inputs, github,
                             {"PROVCHECK_BIN": BIN})
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(self.outputs()["exit-code"], "1")
        with open(os.path.join(self.repo, "provcheck.sarif")) as f:
            log = json.load(f)
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in log["runs"][0]["results"]}
        self.assertEqual(uris, {"articles/copied.md", "articles/quoted.md"})
        annotations = [l for l in proc.stdout.splitlines() if l.startswith("::error ")]
        self.assertEqual(len(annotations), 3, proc.stdout)
        self.assertTrue(all(a.startswith("::error file=articles/copied.md,") for a in annotations))
        with open(self.path("github_step_summary")) as f:
            summary = f.read()
        self.assertIn("since %s (%s)" % (self.first[:12], self.first), summary)
        self.assertIn("result: FAIL (1 of 2 drafts failed)", summary)
        self.assertNotIn("::error", summary)
        self.assertTrue(os.path.exists(os.path.join(self.repo, "report.html")))
        # The verdict step fails the job, unless told only to report.
        self.assertEqual(self.run_step("Verdict", {}, extra_env={"CODE": "1", "FAIL": "true"})
                         .returncode, 1)
        self.assertEqual(self.run_step("Verdict", {}, extra_env={"CODE": "1", "FAIL": "false"})
                         .returncode, 0)
        self.assertEqual(self.run_step("Verdict", {}, extra_env={"CODE": "2", "FAIL": "false"})
                         .returncode, 2)

    def test_push_of_a_new_branch_falls_back_to_provcheck_defaults(self):
        self.put("articles/new.md", example("clean.md"))
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "second")
        github = {"event_name": "push", "event.before": "0" * 40}
        proc = self.run_step("Scan the changed drafts", {"index": INDEX}, github,
                             {"PROVCHECK_BIN": BIN})
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(self.outputs()["exit-code"], "0")
        self.assertIn("(HEAD~1)", proc.stdout)
        self.assertIn("PASS   articles/new.md", proc.stdout)

    def test_corpus_input_builds_the_index(self):
        corpus = os.path.join(os.path.dirname(EXAMPLES), "corpus")
        self.put("articles/copied.md", example("copied.md"))
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "second")
        index = self.path("fresh-index")
        proc = self.run_step("Scan the changed drafts",
                             {"index": index, "corpus": corpus + "\n", "annotations": "false"},
                             {"event_name": "push", "event.before": self.first},
                             {"PROVCHECK_BIN": BIN})
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertEqual(self.outputs()["exit-code"], "1")
        self.assertTrue(os.path.isdir(index))

    def test_readme_workflow_uses_only_real_inputs(self):
        blocks = code_blocks(readme_section("### GitHub Action"), "yaml")
        self.assertEqual(len(blocks), 1)
        workflow = yaml.safe_load(blocks[0])
        steps = workflow["jobs"]["provcheck"]["steps"]
        ours = [s for s in steps if "/provcheck@" in s.get("uses", "")]
        self.assertEqual(len(ours), 1)
        self.assertLessEqual(set(ours[0]["with"]), set(self.action["inputs"]))
        self.assertEqual(workflow["permissions"]["security-events"], "write")
        checkout = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
        self.assertEqual(checkout[0]["with"]["fetch-depth"], 0)


class PreCommitHookTest(RepoTest):

    @classmethod
    def setUpClass(cls):
        cls.hooks = {h["id"]: h for h in load_yaml(".pre-commit-hooks.yaml")}

    def run_hook(self, hook, files, args=()):
        """Runs `hook` as pre-commit does: entry, args, then the matching files."""
        selected = [f for f in files if re.search(hook["files"], f)]
        if not selected:
            return None
        bindir = self.path("bin")
        os.makedirs(bindir, exist_ok=True)
        if not os.path.exists(os.path.join(bindir, "provcheck")):
            os.symlink(os.path.abspath(BIN), os.path.join(bindir, "provcheck"))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
        env.pop("PROVCHECK_INDEX", None)
        cmd = shlex.split(hook["entry"]) + list(args) + selected
        return subprocess.run(cmd, cwd=self.repo, env=env, capture_output=True, text=True,
                              timeout=300)

    def staged(self):
        return [f for f in self.git("diff", "--cached", "--name-only", "-z").split("\0") if f]

    def test_hook_blocks_a_staged_copied_draft(self):
        hook = self.hooks["provcheck"]
        self.assertEqual(hook["language"], "system")
        self.put("articles/copied.md", example("copied.md"))
        self.put("notes.jsonl", b"{}\n")
        self.git("add", "-A")
        proc = self.run_hook(hook, self.staged(), ["--index", INDEX])
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        lines = proc.stdout.splitlines()
        self.assertEqual(len(lines), 3)
        self.assertTrue(all(l.startswith("articles/copied.md:") for l in lines), lines)

    def test_hook_passes_a_clean_draft_and_ignores_other_files(self):
        hook = self.hooks["provcheck"]
        self.put("articles/clean.md", example("clean.md") + b"\nMore.\n")
        self.put("data.csv", b"a,b\n")
        self.git("add", "-A")
        self.assertEqual(self.staged(), ["articles/clean.md", "data.csv"])
        proc = self.run_hook(hook, self.staged(), ["--index", INDEX])
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIsNone(self.run_hook(hook, ["data.csv"]))

    def test_readme_config_names_the_hook(self):
        blocks = code_blocks(readme_section("### pre-commit"), "yaml")
        self.assertEqual(len(blocks), 1)
        config = yaml.safe_load(blocks[0])
        ids = [h["id"] for r in config["repos"] for h in r["hooks"]]
        self.assertEqual(ids, ["provcheck"])
        for h in config["repos"][0]["hooks"]:
            self.assertTrue(all(isinstance(a, str) for a in h.get("args", [])))


class CiConfigExampleTest(RepoTest):

    def test_readme_provcheck_json_is_accepted(self):
        blocks = code_blocks(readme_section("## CI and pre-commit"), "json")
        self.assertEqual(len(blocks), 1)
        config = json.loads(blocks[0])
        config["index"] = INDEX  # the example's index does not exist here: outside, so allowed
        # The example's rules file: this repository's, copied to where it says.
        rules_dir = os.path.join(SOURCE_DIR, "rules")
        shutil.copytree(rules_dir, os.path.join(self.repo, os.path.dirname(config["rules"])))
        self.put(".provcheck.json", json.dumps(config).encode())
        self.put("articles/copied.md", example("copied.md"))
        self.put("other/x.md", example("copied.md"))
        env = dict(os.environ, **GIT_ENV)
        env.pop("PROVCHECK_INDEX", None)
        proc = subprocess.run([BIN, "ci", "--format", "json", "--allow-outside-paths"],
                              cwd=self.repo, env=env,
                              capture_output=True, text=True, timeout=300)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        reports = [json.loads(l) for l in proc.stdout.splitlines()]
        # One commit: everything is new; only the config's paths are scanned.
        self.assertEqual([r["draft"]["path"] for r in reports],
                         ["articles/clean.md", "articles/copied.md", "articles/quoted.md"])
        self.assertTrue(all(r["rules"]["path"].endswith(config["rules"]) for r in reports))



class ReleaseTest(unittest.TestCase):
    """The release a version tag creates: what the action's install step
    downloads (a .deb and SHA256SUMS), built by scripts/release."""

    def test_workflow_builds_and_publishes_the_assets_the_action_installs(self):
        workflow = load_yaml(".github/workflows/release.yml")
        # YAML reads the key `on` as True.
        self.assertEqual(workflow[True]["push"]["tags"], ["v*.*.*"])
        steps = workflow["jobs"]["release"]["steps"]
        self.assertIn('scripts/release "$GITHUB_REF_NAME"', "\n".join(s.get("run", "") for s in steps))
        files = [s for s in steps if "with" in s and "files" in s["with"]][0]["with"]["files"]
        self.assertIn("dist/provcheck_*.deb", files)
        self.assertIn("dist/SHA256SUMS", files)

    def release(self, tag):
        return subprocess.run([os.path.join(SOURCE_DIR, "scripts", "release"), tag],
                              capture_output=True, text=True, timeout=60)

    def test_release_refuses_a_tag_that_is_not_the_version(self):
        bad = self.release("v9.9.9")
        self.assertEqual(bad.returncode, 2, bad.stderr)
        self.assertIn("CMakeLists.txt says version", bad.stderr)
        self.assertEqual(self.release("latest").returncode, 2)

    def test_readme_workflow_names_the_current_release_tag(self):
        with open(os.path.join(SOURCE_DIR, "CMakeLists.txt")) as f:
            version = re.search(r"project\(provcheck VERSION ([0-9.]+)", f.read()).group(1)
        with open(os.path.join(SOURCE_DIR, "README.md")) as f:
            readme = f.read()
        self.assertIn("uses: newsroom/provcheck@v" + version, readme)
        self.assertNotRegex(readme, r"newsroom/provcheck@v(?!%s\b)" % re.escape(version))
        with open(os.path.join(SOURCE_DIR, "CHANGELOG.md")) as f:
            self.assertRegex(f.read(), r"(?m)^## %s \(\d{4}-\d{2}-\d{2}\)" % re.escape(version))


if __name__ == "__main__":
    unittest.main()
