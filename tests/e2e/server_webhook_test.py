"""provcheck serve's webhooks, multipart uploads and TLS, end to end: a
receiver run by the test (over HTTP, and over HTTPS with a certificate it
makes) gets the finished scan, checks its HMAC-SHA256 signature and fails
the first delivery so the server retries; uploads as
multipart/form-data; HTTPS with a self-signed certificate made by openssl."""

import hashlib
import hmac
import http.server
import json
import os
import ssl
import subprocess
import threading
import time
import unittest

import common
import office_files
from server_support import ServerTest

SECRET = "webhook-secret-for-the-tests-0123"
COPIED = common.example("copied.md").decode()
CLEAN = common.example("clean.md").decode()


def verify_signature(header, body, secret, tolerance=300):
    """What a receiver does (docs/server.md): split t and v1, recompute the
    HMAC over "t.body", compare in constant time, refuse stale timestamps."""
    parts = dict(p.split("=", 1) for p in header.split(","))
    t = int(parts["t"])
    expected = hmac.new(secret.encode(), str(t).encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"]) and abs(time.time() - t) <= tolerance


def make_certificate(cert, key, san="IP:127.0.0.1"):
    """A self-signed P-256 certificate for `san`, made by openssl."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj",
                    "/CN=provcheck test", "-addext", "subjectAltName=" + san,
                    "-keyout", key, "-out", cert], check=True, capture_output=True, timeout=60)


class Receiver:
    """An HTTP server on a free loopback port recording every POST; the first
    `failures` deliveries get 500. With `tls` (cert, key), it speaks HTTPS."""

    def __init__(self, failures=0, tls=None):
        self.deliveries = []
        self.failures = failures
        self.cv = threading.Condition()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.cv:
                    receiver.deliveries.append((dict(self.headers), body))
                    failing = len(receiver.deliveries) <= receiver.failures
                    receiver.cv.notify_all()
                self.send_response(500 if failing else 204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.handshake_errors = 0
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True,
                                                    do_handshake_on_connect=False)

            def handle_error(request, client_address):
                self.handshake_errors += 1  # a client that refused our certificate
            self.httpd.handle_error = handle_error
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = "%s://127.0.0.1:%d/hook" % ("https" if tls else "http",
                                               self.httpd.server_address[1])

    def wait(self, count, timeout):
        with self.cv:
            ok = self.cv.wait_for(lambda: len(self.deliveries) >= count, timeout)
        assert ok, "%d deliveries, expected %d" % (len(self.deliveries), count)
        return self.deliveries

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class WebhookTest(ServerTest):

    def start_with_hooks(self, *args):
        secret = self.write("webhook.secret", SECRET + "\n")
        return self.start("--callback-allow", "127.0.0.1", "--webhook-secret-file", secret,
                          "--webhook-backoff", "0.1", *args)

    def receiver(self, failures=0, tls=None):
        r = Receiver(failures, tls)
        self.addCleanup(r.stop)
        return r

    def test_the_report_is_delivered_signed_and_retried_after_a_failure(self):
        receiver = self.receiver(failures=1)
        s = self.start_with_hooks()
        r = s.scan(COPIED, wait=False, callback_url=receiver.url)
        self.assertEqual(r.status, 202, repr(r))
        deliveries = receiver.wait(2, 30 * common.TIME_SCALE)
        self.assertEqual([d[0]["Provcheck-Attempt"] for d in deliveries], ["1", "2"])
        headers, body = deliveries[-1]
        self.assertEqual(headers["Content-Type"], "application/json")
        self.assertTrue(verify_signature(headers["Provcheck-Signature"], body, SECRET))
        self.assertFalse(verify_signature(headers["Provcheck-Signature"], body + b" ", SECRET))
        self.assertFalse(verify_signature(headers["Provcheck-Signature"], body, "other-secret"))
        scan = json.loads(body)
        self.assertEqual(scan["id"], r.json()["id"])
        self.assertEqual(scan["status"], "done")
        self.assertEqual(scan["report"]["verdict"], "fail")
        deadline = time.monotonic() + 10 * common.TIME_SCALE
        while s.metric('provcheck_webhook_deliveries_total{outcome="delivered"}') < 1:
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.05)
        self.assertEqual(s.metric('provcheck_webhook_deliveries_total{outcome="retried"}'), 1)

    def test_delivery_gives_up_after_the_attempts(self):
        receiver = self.receiver(failures=100)
        s = self.start_with_hooks("--webhook-attempts", "3")
        s.scan(CLEAN, wait=False, callback_url=receiver.url)
        receiver.wait(3, 30 * common.TIME_SCALE)
        deadline = time.monotonic() + 10 * common.TIME_SCALE
        while s.metric('provcheck_webhook_deliveries_total{outcome="failed"}') < 1:
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.05)
        time.sleep(0.5)  # no fourth attempt comes (the back-off would be 0.4 s)
        self.assertEqual(len(receiver.deliveries), 3)

    def test_only_hosts_on_the_allow_list_are_called(self):
        s = self.start_with_hooks()
        for url in ("http://192.0.2.1/hook", "http://localhost.example/hook",
                    "https://192.0.2.1/hook", "ftp://127.0.0.1/x", "not a url"):
            with self.subTest(url=url):
                self.assertError(s.scan(CLEAN, callback_url=url), 400, "callback_not_allowed")
        self.assertEqual(s.metric("provcheck_scans_stored"), 0)
        plain = self.start()
        self.assertError(plain.scan(CLEAN, callback_url="http://127.0.0.1:9/x"), 400,
                         "callback_not_allowed")

    def wait_for_metric(self, s, name, count):
        deadline = time.monotonic() + 20 * common.TIME_SCALE
        while s.metric(name) < count:
            self.assertLess(time.monotonic(), deadline, name)
            time.sleep(0.05)

    def test_https_receivers_get_the_report_when_their_certificate_is_trusted(self):
        cert, key = self.path("hook-cert.pem"), self.path("hook-key.pem")
        make_certificate(cert, key)
        receiver = self.receiver(tls=(cert, key))
        self.assertTrue(receiver.url.startswith("https://"), receiver.url)
        s = self.start_with_hooks("--callback-ca", cert)
        r = s.scan(COPIED, wait=False, callback_url=receiver.url)
        self.assertEqual(r.status, 202, repr(r))
        headers, body = receiver.wait(1, 30 * common.TIME_SCALE)[0]
        self.assertTrue(verify_signature(headers["Provcheck-Signature"], body, SECRET))
        self.assertEqual(json.loads(body)["id"], r.json()["id"])
        self.assertEqual(headers["Host"], receiver.url.split("/")[2])
        self.wait_for_metric(s, 'provcheck_webhook_deliveries_total{outcome="delivered"}', 1)

    def test_https_receivers_with_an_untrusted_or_wrong_certificate_get_nothing(self):
        cert, key = self.path("hook-cert.pem"), self.path("hook-key.pem")
        make_certificate(cert, key)
        other, other_key = self.path("other-cert.pem"), self.path("other-key.pem")
        make_certificate(other, other_key, san="DNS:hooks.example")
        for name, tls, ca in (("not trusted (system store)", (cert, key), None),
                              ("names another host", (other, other_key), other)):
            with self.subTest(name):
                receiver = self.receiver(tls=tls)
                args = ("--webhook-attempts", "2") + (("--callback-ca", ca) if ca else ())
                s = self.start_with_hooks(*args)
                s.scan(CLEAN, wait=False, callback_url=receiver.url)
                self.wait_for_metric(s, 'provcheck_webhook_deliveries_total{outcome="failed"}', 1)
                self.assertEqual(receiver.deliveries, [])
                deadline = time.monotonic() + 10 * common.TIME_SCALE
                while receiver.handshake_errors < 2:  # both attempts reached it
                    self.assertLess(time.monotonic(), deadline)
                    time.sleep(0.05)
                self.assertEqual(s.metric('provcheck_webhook_deliveries_total{outcome="retried"}'),
                                 1)

    def test_a_bad_callback_ca_stops_the_start(self):
        bad = self.write("bad-ca.pem", "not a certificate\n")
        secret = self.write("webhook.secret", SECRET + "\n")
        run = common.provcheck("serve", "--index", self.index_dir, "--listen", "127.0.0.1:0",
                               "--callback-allow", "127.0.0.1", "--webhook-secret-file", secret,
                               "--callback-ca", bad, timeout=30)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "--callback-ca " + bad)

    def test_an_allow_list_needs_a_secret(self):
        run = common.provcheck("serve", "--index", self.index_dir, "--listen", "127.0.0.1:0",
                               "--callback-allow", "127.0.0.1", timeout=30)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "--webhook-secret-file")


class MultipartTest(ServerTest):

    def post(self, s, parts, boundary="b0undary"):
        body = b""
        for name, filename, data in parts:
            body += b"--" + boundary.encode() + b"\r\nContent-Disposition: form-data; name=\"" + \
                name.encode() + b"\""
            if filename:
                body += b"; filename=\"" + filename.encode() + b"\""
            body += b"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + b"\r\n"
        body += b"--" + boundary.encode() + b"--\r\n"
        return s.request("POST", "/v1/scans?wait=true", body,
                         headers={"Content-Type": "multipart/form-data; boundary=" + boundary})

    def test_an_uploaded_file_is_scanned_in_its_format(self):
        s = self.start()
        html = ("<html><body><h1>Story</h1><p>" + COPIED.split("---\n")[-1].replace("\n\n", "</p><p>")
                + "</p></body></html>").encode()
        r = self.post(s, [("file", "story.html", html), ("sign", None, b"false")])
        self.assertEqual(r.status, 200, repr(r))
        report = r.json()["report"]
        self.assertEqual(report["draft"]["path"], "story.html")
        self.assertEqual(report["verdict"], "fail")
        self.assertEqual(report["draft"]["sha256"], hashlib.sha256(html).hexdigest())

    def test_an_uploaded_word_file_is_reported_on_its_document_text(self):
        s = self.start()
        paragraphs = [p.replace("\n", " ") for p in COPIED.split("---\n")[-1].split("\n\n")
                      if p.strip() and not p.startswith("#")]
        word = office_files.docx(["Council story", *paragraphs])
        r = self.post(s, [("file", "council.docx", word)])
        self.assertEqual(r.status, 200, repr(r))
        scan_id = r.json()["id"]
        html = s.request("GET", "/v1/scans/%s?format=html" % scan_id).text()
        self.assertIn("Council story", html)
        self.assertNotIn("word/document.xml", html)
        sarif = s.request("GET", "/v1/scans/%s?format=sarif" % scan_id).json()
        snippets = [loc["physicalLocation"]["region"]["snippet"]["text"]
                    for result in sarif["runs"][0]["results"] for loc in result["locations"]]
        self.assertTrue(snippets)
        self.assertIn(" ".join(snippets[0].split()[:5]), " ".join(" ".join(paragraphs).split()))

    def test_bad_uploads_are_refused(self):
        s = self.start()
        self.assertError(self.post(s, [("file", "story.pdf", b"%PDF")]), 415, "unsupported_format")
        self.assertError(self.post(s, [("file", "a.md", b"x"), ("colour", None, b"red")]), 400,
                         "unknown_field")
        self.assertError(self.post(s, [("sign", None, b"true")]), 400, "missing_field")
        self.assertError(self.post(s, [("file", "a.md", b"x"), ("text", None, b"y")]), 400,
                         "invalid_field")
        r = s.request("POST", "/v1/scans", b"--x--", headers={"Content-Type": "multipart/form-data"})
        self.assertError(r, 400, "malformed_multipart")
        self.assertEqual(s.metric("provcheck_scans_stored"), 0)


class TlsTest(ServerTest):

    def test_https_with_a_self_signed_certificate(self):
        cert, key = self.path("cert.pem"), self.path("key.pem")
        make_certificate(cert, key)
        s = self.start("--tls-cert", cert, "--tls-key", key)
        self.assertTrue(s.url.startswith("https://127.0.0.1:"), s.url)
        s.tls_context = ssl.create_default_context(cafile=cert)
        self.assertEqual(s.request("GET", "/healthz", token=None).json(), {"status": "ok"})
        r = s.scan(COPIED)
        self.assertEqual((r.status, r.json()["verdict"]), (200, "fail"))
        # A client that does not trust the certificate fails the handshake.
        s.tls_context = ssl.create_default_context()
        with self.assertRaises(ssl.SSLError):
            s.request("GET", "/healthz", token=None)
        # Plain HTTP to the TLS port gets no HTTP answer.
        s.tls_context = None
        import http.client
        c = http.client.HTTPConnection(s.host, s.port, timeout=10 * common.TIME_SCALE)
        with self.assertRaises((http.client.HTTPException, OSError)):
            c.request("GET", "/healthz")
            c.getresponse().read()
        c.close()

    def test_a_slow_request_over_tls_gets_408_and_an_idle_one_is_closed(self):
        cert, key = self.path("cert.pem"), self.path("key.pem")
        make_certificate(cert, key)
        s = self.start("--tls-cert", cert, "--tls-key", key, "--read-timeout", "1")
        context = ssl.create_default_context(cafile=cert)
        import socket

        def connect():
            raw = socket.create_connection((s.host, s.port), timeout=20 * common.TIME_SCALE)
            return context.wrap_socket(raw, server_hostname="127.0.0.1")

        def read_all(c):
            reply = b""
            while True:
                try:
                    chunk = c.recv(65536)
                except (ssl.SSLEOFError, ConnectionResetError):
                    break
                if not chunk:
                    break
                reply += chunk
            return reply

        with connect() as c:
            start = time.monotonic()
            c.sendall(b"POST /v1/scans HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
            reply = read_all(c)
            elapsed = time.monotonic() - start
        self.assertRequestTimeout(reply, elapsed)
        with connect() as c:
            self.assertEqual(read_all(c), b"")  # idle: closed without a word
        # A handshake never finished is cut off too.
        with socket.create_connection((s.host, s.port), timeout=20 * common.TIME_SCALE) as raw:
            start = time.monotonic()
            self.assertEqual(raw.recv(65536), b"")
            self.assertLess(time.monotonic() - start, 10 * common.TIME_SCALE)
        s.tls_context = context
        self.assertEqual(s.request("GET", "/healthz", token=None).status, 200)

    def test_a_missing_certificate_stops_the_start(self):
        run = common.provcheck("serve", "--index", self.index_dir, "--listen", "127.0.0.1:0",
                               "--tls-cert", self.path("none.pem"), "--tls-key",
                               self.path("none.key"), timeout=30)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "--tls-cert")


if __name__ == "__main__":
    unittest.main()
