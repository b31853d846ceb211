"""provcheck serve on the shared PostgreSQL index (issues 18 and 19): the
API's scans give the findings the command line gives on the embedded index,
documents the archive feed POSTs land in the shared database (other clients
see them at once), GET /v1/index carries the digest `index stats` gives, and
a password in the connection string is never printed.

Skipped, saying why, when PostgreSQL 15 is not installed (scripts/install-deps
installs it)."""

import os

import common
import pg_support
from pg_index_test import findings_view
from server_support import ServerTest

COPIED = common.example("copied.md").decode()
STORY = ("---\ntitle: Ferry timetable cut for the winter\npublisher: Harbour Herald\n---\n"
         "The island ferry will sail four times a day instead of seven from the first week "
         "of November, the operator said on Monday, blaming the cost of fuel and a shortage "
         "of deckhands that has left two of its three boats tied up in the harbour since the "
         "storms of late September, when a crew member was injured on the car deck.\n")


@pg_support.skip_unless_postgres
class ServerOnPostgresTest(ServerTest):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cluster = pg_support.PgCluster("serve").start()
        cls.addClassCleanup(cls.cluster.stop)
        cls.uri = cls.cluster.create_db("serve_%d" % os.getpid())
        run = common.provcheck("index", "add", common.CORPUS, "--index", cls.uri,
                               env=cls.cluster.env(), timeout=300)
        assert run.code == 0, repr(run)

    def pc(self, *args):
        run = common.provcheck(*args, env=self.cluster.env(), timeout=300)
        self.assertIn(run.code, (0, 1), repr(run))
        return run

    def test_scans_and_the_archive_feed_use_the_shared_database(self):
        s = self.start(index_dir=self.uri, env=self.cluster.env())
        # The same findings as the command line on the embedded index.
        r = s.scan(COPIED, fmt="markdown")
        self.assertEqual(r.status, 200, repr(r))
        served = r.json()["report"]
        draft = self.write("draft.md", COPIED)
        cli = self.pc("scan", draft, "--format", "json", "--index", self.index_dir).json()
        self.assertTrue(served["findings"])
        for key in ("findings", "verdict", "summary"):
            self.assertEqual(findings_view(served)[key], findings_view(cli)[key], key)
        self.assertEqual(served["index"]["digest"], cli["index"]["digest"])
        # GET /v1/index: the database's digest, as `index stats` gives it.
        stats = self.pc("index", "stats", "--format", "json", "--index", self.uri).json()
        self.assertEqual(s.request("GET", "/v1/index").json()["digest"], stats["digest"])
        # A document fed through the API lands in the database.
        added = s.request("POST", "/v1/documents",
                          {"id": "hh-ferry", "content": STORY, "format": "markdown"})
        self.assertEqual(added.status, 201, repr(added))
        listed = self.pc("index", "list", "--format", "json", "--index", self.uri).stdout
        self.assertIn('"hh-ferry"', listed)
        after = self.pc("index", "stats", "--format", "json", "--index", self.uri).json()
        self.assertEqual(after["documents"], stats["documents"] + 1)
        self.assertEqual(added.json()["index"]["digest"], after["digest"])
        found = s.scan("Our reporter writes: " + STORY.split("---\n")[-1], fmt="markdown")
        self.assertEqual([f["source"]["id"] for f in found.json()["report"]["findings"]
                          if f["kind"] == "reuse"], ["hh-ferry"])
        # And removed through the API, it is gone for everyone.
        self.assertEqual(s.request("DELETE", "/v1/documents/hh-ferry").status, 200)
        self.assertNotIn('"hh-ferry"', self.pc("index", "list", "--format", "json",
                                               "--index", self.uri).stdout)
        self.assertEqual(self.pc("index", "verify", "--index", self.uri).code, 0)

    def test_a_password_in_the_connection_string_is_not_printed(self):
        with_password = self.uri.replace("provcheck@", "provcheck:%s@" % pg_support.PASSWORD)
        s = self.start("--corpus", common.CORPUS, index_dir=with_password,
                       env={"PGPASSFILE": "/nonexistent"})
        self.assertEqual(s.scan(COPIED).status, 200)
        self.assertIn("provcheck:***@", s.banner)
        s.stop()
        self.assertIn("provcheck:***@", s.stderr_text())  # the --corpus feed's line
        with open(self.log_path, encoding="utf-8") as f:
            log = f.read()
        for text in (s.banner, s.stderr_text(), log):
            self.assertNotIn(pg_support.PASSWORD, text)
