"""Shared helpers for the end-to-end tests: run the real provcheck binary."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

SOURCE_DIR = os.environ.get("PROVCHECK_SOURCE_DIR",
                            os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
BIN = os.environ.get("PROVCHECK_BIN", os.path.join(SOURCE_DIR, "build", "provcheck"))
CORPUS = os.path.join(SOURCE_DIR, "corpus")
EXAMPLES = os.path.join(SOURCE_DIR, "examples")
# Wall-time bounds (they catch super-linear work, not speed) are multiplied by
# this; scripts/test-sanitizers sets it, as ASan and UBSan run several times slower.
TIME_SCALE = float(os.environ.get("PROVCHECK_TIME_SCALE", "1"))


# git must not read the user's or the system's configuration.
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
}


def example(name):
    """The bytes of examples/<name>."""
    with open(os.path.join(EXAMPLES, name), "rb") as f:
        return f.read()


class Run:
    """The outcome of one provcheck invocation."""

    def __init__(self, args, proc):
        self.args = args
        self.code = proc.returncode
        self.stdout = proc.stdout.decode("utf-8", "replace")
        self.stderr = proc.stderr.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.stdout)

    def json_lines(self):
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]

    def __repr__(self):
        return "provcheck %s -> exit %d\nstdout: %s\nstderr: %s" % (
            " ".join(self.args), self.code, self.stdout[:2000], self.stderr[:2000])


def provcheck(*args, cwd=None, env=None, timeout=300, stdin=b""):
    """Runs the binary; `stdin` (bytes) is its standard input, empty by default."""
    full_env = dict(os.environ)
    full_env.pop("PROVCHECK_INDEX", None)
    full_env["SOURCE_DATE_EPOCH"] = "1795000000"
    if env:
        full_env.update(env)
    proc = subprocess.run([BIN] + list(args), cwd=cwd, env=full_env, capture_output=True,
                          input=stdin, timeout=timeout)
    return Run(args, proc)


class FolderFiles:
    """path() and write() under self.dir: a test's or a fixture's folder."""

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def write(self, name, data):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        return p


class TempDirTest(FolderFiles, unittest.TestCase):
    """A test case with a fresh temporary folder in self.tmp."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="provcheck-e2e-")
        self.dir = self.tmp
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def assertExit(self, run, code):
        self.assertEqual(run.code, code, repr(run))

    def assertOneErrorLine(self, run, *fragments):
        lines = [l for l in run.stderr.splitlines() if l.strip()]
        self.assertEqual(len(lines), 1, repr(run))
        self.assertTrue(lines[0].startswith("provcheck: "), repr(run))
        for fragment in fragments:
            self.assertIn(fragment, lines[0], repr(run))


def index_corpus(dirname):
    """Indexes corpus/ into `dirname`; returns the Run."""
    return provcheck("index", "add", CORPUS, "--index", dirname)


def module_corpus_index(name):
    """For a module's setUpModule: corpus/ indexed once into a temporary
    folder, removed when the module's tests are done; returns the index path."""
    folder = tempfile.mkdtemp(prefix="provcheck-e2e-%s-" % name)
    unittest.addModuleCleanup(shutil.rmtree, folder, True)
    run = index_corpus(folder + "/idx")
    assert run.code == 0, repr(run)
    return folder + "/idx"
