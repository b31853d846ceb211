"""provcheck serve's webhooks, multipart uploads and TLS, end to end: a
receiver run by the test gets the finished scan, checks its HMAC-SHA256
signature and fails the first delivery so the server retries; uploads as
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


class Receiver:
    """An HTTP server on a free loopback port recording every POST; the first
    `failures` deliveries get 500."""

    def __init__(self, failures=0):
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
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = "http://127.0.0.1:%d/hook" % self.httpd.server_address[1]

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

    def receiver(self, failures=0):
        r = Receiver(failures)
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
                    "https://127.0.0.1/hook", "ftp://127.0.0.1/x", "not a url"):
            with self.subTest(url=url):
                self.assertError(s.scan(CLEAN, callback_url=url), 400, "callback_not_allowed")
        self.assertEqual(s.metric("provcheck_scans_stored"), 0)
        plain = self.start()
        self.assertError(plain.scan(CLEAN, callback_url="http://127.0.0.1:9/x"), 400,
                         "callback_not_allowed")

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
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj",
                        "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", key, "-out", cert], check=True, capture_output=True, timeout=60)
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

    def test_a_missing_certificate_stops_the_start(self):
        run = common.provcheck("serve", "--index", self.index_dir, "--listen", "127.0.0.1:0",
                               "--tls-cert", self.path("none.pem"), "--tls-key",
                               self.path("none.key"), timeout=30)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "--tls-cert")


if __name__ == "__main__":
    unittest.main()
