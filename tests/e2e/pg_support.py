"""Throwaway PostgreSQL 15 clusters on loopback for the PostgreSQL backend's tests.

A cluster is made with initdb in a fresh temporary folder (its data, its unix
socket and its log all inside), listens on 127.0.0.1 on a free port, and is
stopped and removed by stop(), which tests call from tearDown/tearDownClass
(addClassCleanup) so a failing test never leaves a server behind.

PostgreSQL refuses to run as root: when the tests run as root (CI), the
cluster runs as an unprivileged user (POSTGRES_USER, Debian's `postgres`,
created by scripts/pg-test-user when missing) that owns the folder.

Authentication: the socket trusts local users; TCP on 127.0.0.1 asks for a
password (scram-sha-256), which clients read from the PGPASSFILE the cluster
writes (cluster.env()), never from the command line.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

PG_BIN = os.environ.get("PROVCHECK_PG_BIN", "/usr/lib/postgresql/15/bin")
POSTGRES_USER = os.environ.get("PROVCHECK_PG_OS_USER", "postgres")
SUPERUSER = "provcheck"
# Not a secret: a throwaway cluster on loopback. Tests check it is never printed.
PASSWORD = "pc-test-Secr3t"
SCRIPTS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))


def missing_reason():
    """Why clusters cannot be made here, or None when they can."""
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not os.access(os.path.join(PG_BIN, tool), os.X_OK):
            return ("PostgreSQL 15 is not installed (%s/%s missing; Debian: apt-get install "
                    "postgresql-15 postgresql-15-plproxy, as scripts/install-deps does)"
                    % (PG_BIN, tool))
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(POSTGRES_USER)
        except KeyError:
            subprocess.run([os.path.join(SCRIPTS, "pg-test-user"), POSTGRES_USER],
                           check=False, timeout=60)
            try:
                pwd.getpwnam(POSTGRES_USER)
            except KeyError:
                return "running as root and no unprivileged user %r to run PostgreSQL" % (
                    POSTGRES_USER)
    return None


def plproxy_missing_reason():
    if not os.path.exists("/usr/share/postgresql/15/extension/plproxy.control"):
        return "PL/Proxy is not installed (Debian: apt-get install postgresql-15-plproxy)"
    return None


def skip_unless_postgres(cls):
    """A class decorator: the tests skip, saying why, when PostgreSQL is absent."""
    reason = missing_reason()
    return unittest.skipIf(reason is not None, reason or "")(cls)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgCluster:
    """One PostgreSQL server in a temporary folder. start() then stop()."""

    def __init__(self, name="pg", tls=False, settings=""):
        """tls: a self-signed certificate for CN=localhost (self.server_cert), ssl=on.
        settings: more `-c name=value` server options (benchmarks: shared_buffers)."""
        self.name = name
        self.tls = tls
        self.settings = settings
        self.server_cert = None
        self.dir = None
        self.port = None
        self.proc_user = None
        self.pgpass = None

    def _as_owner(self, argv):
        if os.geteuid() == 0:
            return ["runuser", "-u", POSTGRES_USER, "--"] + argv
        return argv

    def _run(self, argv, timeout=120):
        proc = subprocess.run(self._as_owner(argv), capture_output=True, timeout=timeout,
                              cwd=self.dir)
        if proc.returncode != 0:
            raise RuntimeError("%s failed (%d): %s %s" % (
                " ".join(argv), proc.returncode, proc.stdout.decode(errors="replace"),
                proc.stderr.decode(errors="replace")))
        return proc

    @property
    def data(self):
        return os.path.join(self.dir, "data")

    @property
    def socket_dir(self):
        return os.path.join(self.dir, "sock")

    def start(self):
        self.dir = tempfile.mkdtemp(prefix="provcheck-%s-" % self.name)
        try:
            os.makedirs(self.socket_dir)
            pwfile = os.path.join(self.dir, "pwfile")
            with open(pwfile, "w") as f:
                f.write(PASSWORD + "\n")
            if os.geteuid() == 0:
                user = pwd.getpwnam(POSTGRES_USER)
                for root, dirs, files in os.walk(self.dir):
                    for n in [root] + [os.path.join(root, x) for x in dirs + files]:
                        os.chown(n, user.pw_uid, user.pw_gid)
                os.chmod(self.dir, 0o755)  # the client (root) reads the log
            self._run([os.path.join(PG_BIN, "initdb"), "-D", self.data, "-U", SUPERUSER,
                       "--pwfile", pwfile, "--auth-local=trust", "--auth-host=scram-sha-256",
                       "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
            os.remove(pwfile)
            tls_opts = ""
            if self.tls:
                self.server_cert = os.path.join(self.dir, "server.crt")
                key = os.path.join(self.data, "server.key")
                subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                "-subj", "/CN=localhost", "-addext",
                                "subjectAltName=DNS:localhost", "-days", "2",
                                "-keyout", key, "-out", self.server_cert],
                               check=True, capture_output=True, timeout=60)
                os.chmod(key, 0o600)
                if os.geteuid() == 0:
                    user = pwd.getpwnam(POSTGRES_USER)
                    os.chown(key, user.pw_uid, user.pw_gid)
                tls_opts = " -c ssl=on -c ssl_cert_file=%s -c ssl_key_file=%s" % (
                    self.server_cert, key)
            last = None
            for _ in range(5):  # a port taken between free_port() and listen: try another
                self.port = free_port()
                opts = ("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off "
                        "-c synchronous_commit=off -c full_page_writes=off "
                        "-c shared_buffers=32MB -c max_connections=60 "
                        "-c max_prepared_transactions=20" % (self.port, self.socket_dir)
                        + tls_opts + (" " + self.settings if self.settings else ""))
                try:
                    self._run([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-l",
                               os.path.join(self.dir, "log"), "-w", "-t", "60", "-o", opts,
                               "start"], timeout=90)
                    break
                except RuntimeError as e:
                    last = e
            else:
                raise last
            # The client's password file: 0600, owned by whoever runs the tests.
            self.pgpass = os.path.join(self.dir, "client.pgpass")
            with open(self.pgpass, "w") as f:
                f.write("127.0.0.1:%d:*:%s:%s\n" % (self.port, SUPERUSER, PASSWORD))
                f.write("localhost:%d:*:%s:%s\n" % (self.port, SUPERUSER, PASSWORD))
            os.chmod(self.pgpass, 0o600)
            if os.geteuid() == 0:
                os.chown(self.pgpass, 0, 0)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        """Stops the server (fast, then immediate) and removes the folder; safe to repeat."""
        if self.dir is None:
            return
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            for mode in ("fast", "immediate"):
                try:
                    self._run([os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-m", mode,
                               "-w", "-t", "30", "stop"], timeout=60)
                    break
                except (RuntimeError, subprocess.TimeoutExpired):
                    continue
        shutil.rmtree(self.dir, True)
        self.dir = None

    def log(self):
        try:
            with open(os.path.join(self.dir, "log"), errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def uri(self, db="provcheck", password=False):
        """A libpq URI for database `db` over TCP; the password only when asked."""
        cred = SUPERUSER + (":" + PASSWORD if password else "")
        return "postgresql://%s@127.0.0.1:%d/%s" % (cred, self.port, db)

    def env(self):
        """Environment for clients: the password comes from PGPASSFILE."""
        return {"PGPASSFILE": self.pgpass, "PGCONNECT_TIMEOUT": "10"}

    def psql(self, sql, db="postgres", timeout=60):
        """Runs `sql` through psql on the unix socket (as the cluster's superuser)."""
        proc = subprocess.run(
            self._as_owner([os.path.join(PG_BIN, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                            "-At", "-h", self.socket_dir, "-p", str(self.port), "-U", SUPERUSER,
                            "-d", db, "-c", sql]),
            capture_output=True, timeout=timeout, cwd=self.dir)
        if proc.returncode != 0:
            raise RuntimeError("psql %r failed: %s" % (sql, proc.stderr.decode(errors="replace")))
        return proc.stdout.decode()

    def create_db(self, db):
        self.psql('CREATE DATABASE "%s"' % db)
        return self.uri(db)


# --- A generated corpus: deterministic articles with shared boilerplate, and
# drafts that copy passages from some of them.

_WORDS = ("harbour council river budget school storm bridge market festival tram station "
          "museum workers union strike ferry flood rescue coast winter summer village city "
          "mayor police court judge report survey hospital doctor nurse farmer harvest rain "
          "wind energy turbine solar grid price housing rent tenant landlord road repair "
          "library teacher pupil exam science research climate reef fishing boat crew "
          "captain island lighthouse tourism hotel restaurant chef bakery shop owner "
          "customer factory jobs wages pension minister election vote campaign party seat "
          "assembly debate plan funding grant charity volunteer garden park tree forest "
          "trail walker cyclist race champion team coach season match goal stadium fans "
          "ticket concert band singer album theatre play actor film festival gallery").split()


def _sentence(rng, n):
    words = [rng.choice(_WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def generate_corpus(folder, count, seed=7, prefix="gen", words=220):
    """Writes `count` Markdown articles into `folder`; returns their bodies by id."""
    import random
    rng = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    bodies = {}
    for i in range(count):
        doc_id = "%s-%05d" % (prefix, i)
        sentences = [_sentence(rng, rng.randint(8, 18)) for _ in range(words // 12)]
        # Boilerplate every article shares: a hash held by very many documents.
        sentences.append("Copyright Generated Media Limited 2026. All rights reserved.")
        body = " ".join(sentences)
        bodies[doc_id] = body
        with open(os.path.join(folder, doc_id + ".md"), "w") as f:
            f.write("---\nid: %s\ntitle: Article %d\npublisher: Gen %s\ndate: 2026-01-%02d\n---\n"
                    "\n%s\n" % (doc_id, i, "ABC"[i % 3], 1 + i % 28, body))
    return bodies


def generate_drafts(folder, bodies, count, seed=11):
    """Drafts copying a 40-word passage from one or two articles amid new text."""
    import random
    rng = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    ids = sorted(bodies)
    paths = []
    for i in range(count):
        parts = [_sentence(rng, 15) for _ in range(6)]
        for source in rng.sample(ids, 1 + i % 2):
            words = bodies[source].split()
            start = rng.randint(0, max(0, len(words) - 45))
            parts.insert(rng.randint(0, len(parts)), " ".join(words[start:start + 40]))
        path = os.path.join(folder, "draft-%02d.md" % i)
        with open(path, "w") as f:
            f.write("# Draft %d\n\n%s\n" % (i, "\n\n".join(parts)))
        paths.append(path)
    return paths
