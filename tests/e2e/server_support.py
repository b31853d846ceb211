"""Helpers for the server's end-to-end tests: the real `provcheck serve` on a
free loopback port (port 0, the URL read from its first line of output),
driven with http.client, always stopped in tearDown."""

import hashlib
import http.client
import json
import os
import select
import signal
import subprocess
import time
import urllib.parse

import common

START_TIMEOUT = 20 * common.TIME_SCALE
REQUEST_TIMEOUT = 60 * common.TIME_SCALE

# Tokens the tests use, by role; the tokens file holds their SHA-256.
TOKENS = {"scan": "scan-token-0123456789", "write": "write-token-0123456789",
          "admin": "admin-token-0123456789", "other": "other-scan-token-0123456789"}
ROLES = {"scan": "scan", "write": "write", "admin": "admin", "other": "scan"}


def write_tokens_file(path):
    with open(path, "w") as f:
        f.write("# sha256(token) role label\n")
        for name, token in TOKENS.items():
            f.write("%s %s %s\n" % (hashlib.sha256(token.encode()).hexdigest(), ROLES[name], name))
    return path


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body

    def json(self):
        return json.loads(self.body)

    def text(self):
        return self.body.decode("utf-8")

    def __repr__(self):
        return "HTTP %d %s\n%s" % (self.status, self.headers, self.body[:1500])


class Server:
    """A running `provcheck serve`; stop() ends it (SIGTERM, then SIGKILL)."""

    def __init__(self, index_dir, *args, log_path=None, env=None):
        cmd = [common.BIN, "serve", "--index", index_dir, "--listen", "127.0.0.1:0"]
        if log_path:
            cmd += ["--access-log", log_path]
        cmd += list(args)
        full_env = dict(os.environ)
        full_env.pop("PROVCHECK_INDEX", None)
        full_env.update(env or {})
        env = full_env
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self._stderr = None
        line = b""
        deadline = time.monotonic() + START_TIMEOUT
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.proc.stdout], [], [], max(0, left))
            if not ready:
                self.stop()
                raise AssertionError("provcheck serve did not start: " + self.stderr_text())
            chunk = os.read(self.proc.stdout.fileno(), 1)
            if not chunk:
                self.proc.wait(timeout=START_TIMEOUT)
                raise AssertionError("provcheck serve exited %s: %s" %
                                     (self.proc.returncode, self.proc.stderr.read().decode()))
            line += chunk
        self.banner = line.decode()  # "provcheck: serving INDEX on URL"
        self.url = self.banner.strip().split(" on ")[-1]
        parsed = urllib.parse.urlparse(self.url)
        self.host, self.port = parsed.hostname, parsed.port

    # For https:// servers: the ssl.SSLContext that trusts their certificate.
    tls_context = None

    def connection(self, timeout=REQUEST_TIMEOUT):
        if self.url.startswith("https://"):
            return http.client.HTTPSConnection(self.host, self.port, timeout=timeout,
                                               context=self.tls_context)
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, body=None, token="admin", headers=None, conn=None):
        """One request; `body` a dict (sent as JSON), bytes or str; token a TOKENS name,
        a literal token (starting "raw:"), or None."""
        h = dict(headers or {})
        if isinstance(body, dict):
            body = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            body = body.encode()
        if token is not None:
            t = token[4:] if token.startswith("raw:") else TOKENS[token]
            h["Authorization"] = "Bearer " + t
        own = conn is None
        conn = conn or self.connection()
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            return Response(r.status, r.getheaders(), r.read())
        finally:
            if own:
                conn.close()

    def scan(self, text, fmt="markdown", token="admin", wait=True, **fields):
        body = {"text": text, "format": fmt}
        body.update(fields)
        return self.request("POST", "/v1/scans" + ("?wait=true" if wait else ""), body, token)

    def poll(self, scan_id, token="admin", timeout=REQUEST_TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            r = self.request("GET", "/v1/scans/" + scan_id, token=token)
            if r.status != 200 or r.json()["status"] in ("done", "failed"):
                return r
            if time.monotonic() > deadline:
                raise AssertionError("scan %s did not finish: %r" % (scan_id, r))
            time.sleep(0.05)

    def metric(self, name):
        text = self.request("GET", "/metrics").text()
        for line in text.splitlines():
            if line.startswith(name + " "):
                return float(line.split()[1])
        raise AssertionError("no metric " + name + " in\n" + text)

    def stop(self, sig=signal.SIGTERM):
        """Ends the server; returns its exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=30 * common.TIME_SCALE)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.stderr_text()
        return self.proc.returncode

    def stderr_text(self):
        """The server's standard error, once it has exited."""
        if self._stderr is None and self.proc.poll() is not None:
            self._stderr = self.proc.stderr.read().decode("utf-8", "replace")
            self.proc.stderr.close()
            self.proc.stdout.close()
        return self._stderr or ""


class ServerTest(common.TempDirTest):
    """A test case with an index of corpus/ made once per class and a server
    started by start() and stopped at the end of each test."""

    index_dir = None

    @classmethod
    def setUpClass(cls):
        import tempfile
        cls.class_dir = tempfile.mkdtemp(prefix="provcheck-serve-")
        cls.index_dir = os.path.join(cls.class_dir, "index")
        run = common.index_corpus(cls.index_dir)
        assert run.code == 0, repr(run)

    @classmethod
    def tearDownClass(cls):
        import shutil
        shutil.rmtree(cls.class_dir, True)

    def start(self, *args, tokens=True, index_dir=None, env=None):
        if tokens:
            args = ("--tokens", write_tokens_file(self.path("tokens.txt"))) + args
        self.log_path = self.path("access.log")
        server = Server(index_dir or self.index_dir, *args, log_path=self.log_path, env=env)
        self.addCleanup(server.stop, signal.SIGKILL)
        return server

    def access_log(self):
        with open(self.log_path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def assertRequestTimeout(self, reply, elapsed, read_timeout=1.0):
        """`reply` (raw bytes until close) is a 408 sent at the read timeout."""
        self.assertTrue(reply.startswith(b"HTTP/1.1 408"), reply)
        head, _, body = reply.partition(b"\r\n\r\n")
        self.assertIn(b"connection: close", head.lower())
        self.assertEqual(json.loads(body)["error"]["code"], "request_timeout")
        self.assertGreaterEqual(elapsed, read_timeout * 0.9)
        self.assertLess(elapsed, 10 * common.TIME_SCALE)

    def assertError(self, response, status, code):
        self.assertEqual(response.status, status, repr(response))
        self.assertEqual(response.headers.get("content-type"), "application/json", repr(response))
        body = response.json()
        self.assertEqual(set(body), {"error"}, repr(response))
        self.assertEqual(body["error"]["code"], code, repr(response))
        self.assertTrue(body["error"]["message"], repr(response))


def big_draft(copies=20):
    """A long Markdown draft made of the corpus's articles, repeated: a scan
    that takes a while (about a second), for tests that need one running."""
    parts = []
    for root, _, files in sorted(os.walk(common.CORPUS)):
        for name in sorted(files):
            if name.endswith(".md"):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    parts.append(f.read())
    return "\n\n".join(parts * copies)
