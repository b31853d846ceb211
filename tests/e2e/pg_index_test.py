"""The PostgreSQL index backend (issue 18) on a throwaway loopback PostgreSQL 15
server: the same findings and digest as the embedded index for the sample
corpus and a generated one, every index command through a postgresql:// name
($PROVCHECK_INDEX and .provcheck.json too), passwords never printed, two
writers at once, a scan during an add, and a writer killed mid-add.

Skipped, saying why, when PostgreSQL 15 is not installed (scripts/install-deps
installs it)."""

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

import pg_support
from common import (BIN, CORPUS, EXAMPLES, GIT_ENV, TIME_SCALE, TempDirTest, provcheck)

DRAFTS = [os.path.join(EXAMPLES, n) for n in sorted(os.listdir(EXAMPLES))
          if n.endswith((".md", ".txt", ".html")) and n != "README.md"]


def findings_view(report):
    """A report without what legitimately differs between two indexes (the random id)."""
    report = json.loads(json.dumps(report))
    report["index"].pop("id", None)
    return report


@pg_support.skip_unless_postgres
class PgIndexTest(TempDirTest):

    @classmethod
    def setUpClass(cls):
        cls.cluster = pg_support.PgCluster("e2e").start()
        cls.addClassCleanup(cls.cluster.stop)
        cls.dbs = 0

    def new_db(self):
        type(self).dbs += 1
        return self.cluster.create_db("t%d_%d" % (os.getpid(), self.dbs))

    def pc(self, *args, env=None, **kw):
        full = dict(self.cluster.env())
        if env:
            full.update(env)
        return provcheck(*args, env=full, **kw)

    def ok(self, *args, **kw):
        run = self.pc(*args, **kw)
        self.assertEqual(run.code, 0, repr(run) + "\nserver log:\n" + self.cluster.log()[-3000:])
        return run

    def scan_reports(self, index, drafts):
        run = self.pc("scan", *drafts, "--format", "json", "--index", index)
        self.assertIn(run.code, (0, 1), repr(run))
        reports = run.json_lines()
        self.assertEqual(len(reports), len(drafts), repr(run))
        return [findings_view(r) for r in reports]

    def assertSameFindings(self, embedded, pg, drafts):
        a = self.scan_reports(embedded, drafts)
        b = self.scan_reports(pg, drafts)
        for draft, x, y in zip(drafts, a, b):
            self.assertEqual(x, y, draft)
        return a

    # --- Same findings, same digest

    def test_sample_corpus_gives_identical_findings_and_digest(self):
        uri, emb = self.new_db(), self.path("emb")
        self.ok("index", "add", CORPUS, "--index", uri)
        self.ok("index", "add", CORPUS, "--index", emb)
        reports = self.assertSameFindings(emb, uri, DRAFTS)
        # Not a vacuous comparison: some drafts copy, and fail.
        self.assertTrue(any(r["findings"] for r in reports))
        self.assertTrue(any(r["verdict"] == "fail" for r in reports))
        sa = self.ok("index", "stats", "--format", "json", "--index", emb).json()
        sb = self.ok("index", "stats", "--format", "json", "--index", uri).json()
        for key in ("digest", "documents", "fingerprints", "text_bytes", "settings"):
            self.assertEqual(sa[key], sb[key], key)
        la = self.ok("index", "list", "--format", "json", "--index", emb).stdout
        lb = self.ok("index", "list", "--format", "json", "--index", uri).stdout
        self.assertEqual(la, lb)

    def test_generated_corpus_gives_identical_findings(self):
        bodies = pg_support.generate_corpus(self.path("gen"), 400)
        drafts = pg_support.generate_drafts(self.path("drafts"), bodies, 12)
        uri, emb = self.new_db(), self.path("emb")
        for index in (uri, emb):
            self.ok("index", "add", self.path("gen"), CORPUS, "--index", index)
        reports = self.assertSameFindings(emb, uri, drafts)
        # Every draft copies from generated articles, and is found to.
        for r in reports:
            self.assertTrue(any(f["kind"] == "reuse" and f["source"]["id"].startswith("gen-")
                                for f in r["findings"]), r["draft"]["path"])

    def test_remove_and_replace_keep_digests_equal(self):
        uri, emb = self.new_db(), self.path("emb")
        self.write("extra/new-one.md", "---\nid: x-1\ntitle: One\n---\n\nA short piece about "
                   "the harbour ferry timetable and the winter storms that closed it twice.\n")
        for index in (uri, emb):
            self.ok("index", "add", CORPUS, self.path("extra"), "--index", index)
            self.ok("index", "remove", "hh-001", "ct-002", "--index", index)
            self.write("extra/new-one.md", "---\nid: x-1\ntitle: One, changed\n---\n\nA "
                       "longer piece about the harbour ferry timetable, the winter storms "
                       "that closed it twice and the council's plan to replace the boats.\n")
            run = self.ok("index", "add", self.path("extra"), "--index", index)
            self.assertIn("1 replaced", run.stdout)
            run = self.ok("index", "add", self.path("extra"), "--index", index)
            self.assertIn("1 unchanged", run.stdout)
            # Put the first text back for the other index.
            self.write("extra/new-one.md", "---\nid: x-1\ntitle: One\n---\n\nA short piece "
                       "about the harbour ferry timetable and the winter storms that closed it "
                       "twice.\n")
        da = self.ok("index", "stats", "--format", "json", "--index", emb).json()["digest"]
        db = self.ok("index", "stats", "--format", "json", "--index", uri).json()["digest"]
        self.assertEqual(da, db)
        self.assertIn("ok (42 documents", self.ok("index", "verify", "--index", uri).stdout)
        run = self.pc("index", "remove", "no-such-id", "--index", uri)
        self.assertExit(run, 2)
        self.assertIn("no-such-id", run.stderr)
        self.assertSameFindings(emb, uri, DRAFTS)

    def test_report_signed_against_embedded_index_verifies_against_postgres(self):
        uri, emb = self.new_db(), self.path("emb")
        self.ok("index", "add", CORPUS, "--index", uri)
        self.ok("index", "add", CORPUS, "--index", emb)
        self.ok("keygen", "desk", cwd=self.tmp)
        env_path = self.path("copied.dsse.json")
        run = self.pc("scan", os.path.join(EXAMPLES, "copied.md"), "--index", emb, "--sign",
                      self.path("desk.key"), "--out", env_path)
        self.assertIn(run.code, (0, 1), repr(run))
        run = self.ok("verify", env_path, "--key", self.path("desk.pub"), "--index", uri)
        self.assertIn("index", run.stdout)
        # A different corpus has another digest: refused.
        other = self.new_db()
        self.ok("index", "add", os.path.join(CORPUS, "harbour-herald"), "--index", other)
        run = self.pc("verify", env_path, "--key", self.path("desk.pub"), "--index", other)
        self.assertExit(run, 3)

    def test_index_from_environment_and_ci_config(self):
        uri = self.new_db()
        self.ok("index", "add", CORPUS, env={"PROVCHECK_INDEX": uri})
        run = self.ok("index", "stats", env={"PROVCHECK_INDEX": uri}, cwd=self.tmp)
        self.assertIn("documents     43", run.stdout)
        self.assertFalse(os.path.exists(self.path(".provcheck")))
        run = self.pc("scan", os.path.join(EXAMPLES, "copied.md"), env={"PROVCHECK_INDEX": uri})
        self.assertExit(run, 1)
        # ci reads the index from .provcheck.json: a URI passes through, not as a path.
        repo = self.path("repo")
        os.makedirs(repo)
        git_env = dict(os.environ, **GIT_ENV)

        def git(*args):
            subprocess.run(["git"] + list(args), cwd=repo, env=git_env, check=True,
                           capture_output=True, timeout=60)
        git("init", "-q", "-b", "main")
        with open(os.path.join(repo, "README.md"), "w") as f:
            f.write("drafts\n")
        git("add", "-A")
        git("commit", "-q", "-m", "start")
        with open(os.path.join(repo, ".provcheck.json"), "w") as f:
            json.dump({"index": uri}, f)
        shutil.copy(os.path.join(EXAMPLES, "copied.md"), os.path.join(repo, "story.md"))
        git("add", "-A")
        git("commit", "-q", "-m", "story")
        run = self.pc("ci", "--base", "HEAD~1", "--format", "json", cwd=repo,
                      env=GIT_ENV)
        self.assertExit(run, 1)
        self.assertEqual(run.json_lines()[0]["index"]["documents"], 43)

    def test_password_is_never_printed(self):
        uri = self.new_db()
        with_password = uri.replace("provcheck@", "provcheck:%s@" % pg_support.PASSWORD)
        self.assertIn(pg_support.PASSWORD, with_password)
        no_file = {"PGPASSFILE": "/nonexistent"}  # the URI's password is the one used
        runs = [
            self.pc("index", "add", CORPUS, "--index", with_password, env=no_file),
            self.pc("index", "stats", "--index", with_password, env=no_file),
            self.pc("index", "stats", "--format", "json", "--index", with_password, env=no_file),
            self.pc("index", "list", "--index", with_password, env=no_file),
            self.pc("index", "verify", "--index", with_password, env=no_file),
            self.pc("index", "remove", "no-such", "--index", with_password, env=no_file),
            self.pc("scan", os.path.join(EXAMPLES, "copied.md"), "--index", with_password,
                    env=no_file),
            # Failures: a wrong database, a wrong password in a key=value conninfo.
            self.pc("index", "stats", "--index", with_password + "_missing", env=no_file),
            self.pc("index", "stats", "--index", "host=127.0.0.1 port=%d user=provcheck "
                    "password=%s-wrong dbname=x" % (self.cluster.port, pg_support.PASSWORD),
                    env=no_file),
            # A malformed URI, which libpq quotes in its error.
            self.pc("index", "stats", "--index", "postgresql://provcheck:%s%%zz@127.0.0.1:%d/x"
                    % (pg_support.PASSWORD, self.cluster.port), env=no_file),
        ]
        self.assertEqual(runs[9].code, 2)
        self.assertEqual([r.code for r in runs[:5]], [0, 0, 0, 0, 0], runs)
        self.assertEqual(runs[5].code, 2)
        self.assertEqual(runs[6].code, 1)
        self.assertEqual(runs[7].code, 2)
        self.assertEqual(runs[8].code, 2)
        for r in runs:
            self.assertNotIn(pg_support.PASSWORD, r.stdout + r.stderr, repr(r))
        self.assertIn("provcheck:***@", runs[1].stdout)
        self.assertIn("password=***", runs[8].stderr)

    def test_missing_index_and_unreachable_server_are_clear_errors(self):
        uri = self.new_db()
        run = self.pc("index", "stats", "--index", uri)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "no provcheck index in this database")
        run = self.pc("index", "stats", "--index", "postgresql://provcheck@127.0.0.1:1/x")
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "cannot connect")

    # --- Many writers and readers

    def test_two_concurrent_adds_both_land(self):
        uri, emb = self.new_db(), self.path("emb")
        pg_support.generate_corpus(self.path("a"), 700, seed=1, prefix="a")
        pg_support.generate_corpus(self.path("b"), 700, seed=2, prefix="b")
        env = dict(os.environ, **self.cluster.env())
        procs = [subprocess.Popen([BIN, "index", "add", self.path(x), "--index", uri, "-j", "1"],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for x in ("a", "b")]
        for p in procs:
            out, err = p.communicate(timeout=120 * TIME_SCALE)
            self.assertEqual(p.returncode, 0, err)
        self.ok("index", "add", self.path("a"), self.path("b"), "--index", emb)
        sa = self.ok("index", "stats", "--format", "json", "--index", emb).json()
        sb = self.ok("index", "stats", "--format", "json", "--index", uri).json()
        self.assertEqual(sb["documents"], 1400)
        self.assertEqual(sa["digest"], sb["digest"])
        self.ok("index", "verify", "--index", uri)

    def _start_big_add(self, uri, files=2000):
        pg_support.generate_corpus(self.path("big"), files, seed=3, prefix="big", words=120)
        env = dict(os.environ, **self.cluster.env())
        return subprocess.Popen([BIN, "index", "add", self.path("big"), "--index", uri,
                                 "-j", "1", "--batch-files", "512"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)

    def test_scan_during_add_sees_whole_batches(self):
        uri = self.new_db()
        self.ok("index", "add", os.path.join(CORPUS, "harbour-herald"), "--index", uri)
        base = self.ok("index", "stats", "--format", "json", "--index", uri).json()["documents"]
        # Batches of 512 files: a scan sees 0, 1, 2, 3 of them or all 2000, never part of one.
        allowed = {base + n for n in (0, 512, 1024, 1536, 2000)}
        proc = self._start_big_add(uri)
        seen = set()
        try:
            deadline = time.time() + 120 * TIME_SCALE
            while proc.poll() is None and time.time() < deadline:
                run = self.pc("scan", os.path.join(EXAMPLES, "copied.md"), "--format", "json",
                              "--index", uri)
                self.assertIn(run.code, (0, 1), repr(run))
                docs = run.json()["index"]["documents"]
                self.assertIn(docs, allowed)
                seen.add(docs)
        finally:
            if proc.poll() is None:
                proc.kill()
            out, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 0, err)
        final = self.ok("index", "stats", "--format", "json", "--index", uri).json()
        self.assertEqual(final["documents"], base + 2000)
        self.assertTrue(seen, "no scan ran during the add")

    def test_killed_writer_leaves_nothing_half_added(self):
        uri = self.new_db()
        self.ok("index", "add", os.path.join(CORPUS, "harbour-herald"), "--index", uri)
        base = self.ok("index", "stats", "--format", "json", "--index", uri).json()["documents"]
        proc = self._start_big_add(uri, files=3000)
        killed_at = None
        try:
            deadline = time.time() + 120 * TIME_SCALE
            while proc.poll() is None and time.time() < deadline:
                run = self.pc("index", "stats", "--format", "json", "--index", uri)
                if run.code == 0 and run.json()["documents"] > base:
                    proc.send_signal(signal.SIGKILL)  # after the first batch, mid-add
                    killed_at = run.json()["documents"]
                    break
                time.sleep(0.02)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.communicate(timeout=60)
        self.assertIsNotNone(killed_at, "the add finished before it could be killed")
        self.assertEqual(proc.returncode, -signal.SIGKILL)
        # The server notices the dead client and rolls its batch back.
        time.sleep(0.5)
        stats = self.ok("index", "stats", "--format", "json", "--index", uri).json()
        self.assertEqual((stats["documents"] - base) % 512, 0, stats)
        self.assertLess(stats["documents"], base + 3000)
        run = self.ok("index", "verify", "--index", uri)
        self.assertIn("ok (%d documents" % stats["documents"], run.stdout)
        # The next add finishes the job.
        self.ok("index", "add", self.path("big"), "--index", uri)
        run = self.ok("index", "verify", "--index", uri)
        self.assertIn("ok (%d documents" % (base + 3000), run.stdout)


@pg_support.skip_unless_postgres
class PgTlsTest(TempDirTest):
    """TLS settings pass through to libpq: sslmode=verify-full against a server whose
    certificate names localhost."""

    @classmethod
    def setUpClass(cls):
        cls.cluster = pg_support.PgCluster("tls", tls=True).start()
        cls.addClassCleanup(cls.cluster.stop)

    def test_verify_full_connects_and_a_wrong_host_name_is_refused(self):
        c = self.cluster
        c.psql('CREATE DATABASE "tls"')
        good = ("postgresql://provcheck@localhost:%d/tls?sslmode=verify-full&sslrootcert=%s"
                % (c.port, c.server_cert))
        run = provcheck("index", "add", CORPUS, "--index", good, env=c.env())
        self.assertExit(run, 0)
        run = provcheck("scan", os.path.join(EXAMPLES, "copied.md"), "--index", good,
                        env=c.env())
        self.assertExit(run, 1)
        # The certificate names localhost, not 127.0.0.1: verify-full refuses.
        bad = good.replace("@localhost:", "@127.0.0.1:")
        run = provcheck("index", "stats", "--index", bad, env=c.env())
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "cannot connect")
        # And the server's own settings, through the environment.
        run = provcheck("index", "stats", "--index", "postgresql://provcheck@localhost:%d/tls"
                        % c.port, env=dict(c.env(), PGSSLMODE="verify-full",
                                           PGSSLROOTCERT=c.server_cert))
        self.assertExit(run, 0)


if __name__ == "__main__":
    unittest.main()
