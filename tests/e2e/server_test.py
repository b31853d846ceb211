"""provcheck serve, end to end: the real server on a free loopback port,
driven over HTTP. Routes, auth, limits, idempotency, expiry, documents,
metrics, the access log, the scan cap and SIGTERM during a scan."""

import json
import os
import signal
import socket
import threading
import time
import unittest

import common
from server_support import TOKENS, ServerTest, big_draft

COPIED = common.example("copied.md").decode()
CLEAN = common.example("clean.md").decode()


class ScanRoutesTest(ServerTest):

    def test_wait_true_returns_the_report_of_a_copied_draft(self):
        s = self.start()
        r = s.scan(COPIED)
        self.assertEqual(r.status, 200, repr(r))
        scan = r.json()
        self.assertEqual(scan["status"], "done")
        self.assertEqual(scan["verdict"], "fail")
        self.assertEqual(scan["report"]["schema"], "provcheck.report/1")
        self.assertGreater(scan["report"]["summary"]["passages"], 0)
        self.assertEqual(r.headers["location"], "/v1/scans/" + scan["id"])
        # The report is the library's, as `scan --format json` writes it.
        run = common.provcheck("scan", "--index", self.index_dir, "--format", "json", "-",
                               "--input-format", "markdown", stdin=COPIED.encode())
        cli = run.json()
        for key in ("verdict", "summary", "findings", "index"):
            self.assertEqual(scan["report"][key], cli[key], key)

    def test_submission_returns_202_then_polling_gives_the_report(self):
        s = self.start()
        r = s.scan(CLEAN, wait=False)
        self.assertEqual(r.status, 202, repr(r))
        scan_id = r.json()["id"]
        self.assertIn(r.json()["status"], ("queued", "running", "done"))
        done = s.poll(scan_id)
        self.assertEqual(done.json()["status"], "done")
        self.assertEqual(done.json()["verdict"], "pass")

    def test_formats_by_query_and_accept(self):
        s = self.start()
        scan_id = s.scan(COPIED).json()["id"]
        html = s.request("GET", "/v1/scans/%s?format=html" % scan_id)
        self.assertEqual(html.status, 200)
        self.assertTrue(html.headers["content-type"].startswith("text/html"))
        self.assertIn('id="verdict">FAIL', html.text())
        self.assertIn("<mark", html.text())
        sarif = s.request("GET", "/v1/scans/" + scan_id,
                          headers={"Accept": "application/sarif+json"})
        self.assertEqual(sarif.headers["content-type"], "application/sarif+json")
        self.assertEqual(sarif.json()["version"], "2.1.0")
        by_accept = s.request("GET", "/v1/scans/" + scan_id, headers={"Accept": "text/html"})
        self.assertEqual(by_accept.text(), html.text())
        plain = s.request("GET", "/v1/scans/" + scan_id)
        self.assertEqual(plain.json()["report"]["verdict"], "fail")
        self.assertError(s.request("GET", "/v1/scans/%s?format=pdf" % scan_id), 400,
                         "invalid_parameter")
        self.assertError(s.request("GET", "/v1/scans/%s?format=signed" % scan_id), 404,
                         "not_signed")

    def test_delete_removes_a_scan(self):
        s = self.start()
        scan_id = s.scan(CLEAN).json()["id"]
        r = s.request("DELETE", "/v1/scans/" + scan_id)
        self.assertEqual(r.status, 204, repr(r))
        self.assertEqual(r.body, b"")
        self.assertError(s.request("GET", "/v1/scans/" + scan_id), 404, "not_found")
        self.assertError(s.request("DELETE", "/v1/scans/" + scan_id), 404, "not_found")

    def test_results_expire_after_the_ttl(self):
        s = self.start("--result-ttl", "1")
        scan_id = s.scan(CLEAN).json()["id"]
        self.assertEqual(s.request("GET", "/v1/scans/" + scan_id).status, 200)
        deadline = time.monotonic() + 10 * common.TIME_SCALE
        while s.request("GET", "/v1/scans/" + scan_id).status == 200:
            self.assertLess(time.monotonic(), deadline, "the scan never expired")
            time.sleep(0.2)
        self.assertError(s.request("GET", "/v1/scans/" + scan_id), 404, "not_found")

    def test_another_callers_scan_is_not_found(self):
        s = self.start()
        scan_id = s.scan(CLEAN, token="scan").json()["id"]
        self.assertEqual(s.request("GET", "/v1/scans/" + scan_id, token="scan").status, 200)
        self.assertError(s.request("GET", "/v1/scans/" + scan_id, token="other"), 404, "not_found")
        self.assertError(s.request("DELETE", "/v1/scans/" + scan_id, token="other"), 404,
                         "not_found")
        self.assertEqual(s.request("GET", "/v1/scans/" + scan_id, token="admin").status, 200)

    def test_named_rules_and_signing(self):
        key = self.path("desk")
        self.assertExit(common.provcheck("keygen", key), 0)
        s = self.start("--rules-dir", os.path.join(common.SOURCE_DIR, "rules"),
                       "--sign-key", key + ".key")
        r = s.scan(common.example("broken-credits.md").decode(), rules="newsroom", sign=True)
        self.assertEqual(r.status, 200, repr(r))
        report = r.json()["report"]
        self.assertTrue(report["rules"]["path"].endswith("newsroom.json"))
        self.assertTrue(any(f["kind"] == "credit" for f in report["findings"]))
        signed = s.request("GET", "/v1/scans/%s?format=signed" % r.json()["id"])
        self.assertEqual(signed.status, 200, repr(signed))
        envelope = self.write("scan.dsse.json", signed.body)
        verify = common.provcheck("verify", envelope, "--key", key + ".pub")
        self.assertExit(verify, 0)
        self.assertError(s.scan(CLEAN, rules="nonesuch"), 400, "unknown_rules")

    def test_signing_without_a_key_is_refused(self):
        s = self.start()
        self.assertError(s.scan(CLEAN, sign=True), 400, "signing_unavailable")


class IdempotencyTest(ServerTest):

    def test_a_retried_submission_returns_the_same_scan(self):
        s = self.start()
        body = {"text": CLEAN, "format": "markdown"}
        first = s.request("POST", "/v1/scans", body, headers={"Idempotency-Key": "story-42"})
        again = s.request("POST", "/v1/scans", body, headers={"Idempotency-Key": "story-42"})
        self.assertEqual(first.status, 202)
        self.assertEqual(again.json()["id"], first.json()["id"])
        self.assertEqual(again.headers.get("idempotent-replayed"), "true")
        self.assertEqual(s.metric("provcheck_scans_stored"), 1)
        other = s.request("POST", "/v1/scans", {"text": COPIED},
                          headers={"Idempotency-Key": "story-42"})
        self.assertError(other, 422, "idempotency_mismatch")
        # Keys are per caller: another token's same key is another scan.
        theirs = s.request("POST", "/v1/scans", body, token="scan",
                           headers={"Idempotency-Key": "story-42"})
        self.assertNotEqual(theirs.json()["id"], first.json()["id"])
        self.assertError(s.request("POST", "/v1/scans", body,
                                   headers={"Idempotency-Key": "bad key"}),
                         400, "invalid_idempotency_key")


class AuthTest(ServerTest):

    def test_missing_and_unknown_tokens_get_401(self):
        s = self.start()
        r = s.scan(CLEAN, token=None)
        self.assertError(r, 401, "unauthorized")
        self.assertEqual(r.headers["www-authenticate"], 'Bearer realm="provcheck"')
        self.assertError(s.scan(CLEAN, token="raw:not-a-token"), 401, "unauthorized")
        self.assertError(s.request("GET", "/v1/index", token=None,
                                   headers={"Authorization": "Basic YTpi"}), 401, "unauthorized")

    def test_roles_nest_and_insufficient_ones_get_403(self):
        s = self.start()
        doc = {"id": "auth-doc", "content": "A short archive note about harbour tides.",
               "format": "text"}
        self.assertError(s.request("POST", "/v1/documents", doc, token="scan"), 403, "forbidden")
        self.assertError(s.request("GET", "/metrics", token="write"), 403, "forbidden")
        self.assertError(s.request("DELETE", "/v1/documents/x", token="scan"), 403, "forbidden")
        self.assertEqual(s.request("GET", "/v1/index", token="scan").status, 200)
        self.assertEqual(s.scan(CLEAN, token="write").status, 200)
        self.assertEqual(s.request("GET", "/metrics", token="admin").status, 200)

    def test_no_token_is_ever_logged(self):
        s = self.start()
        for name in TOKENS:
            s.scan(CLEAN, token=name)
        s.scan(CLEAN, token="raw:wrong-secret-token")
        s.stop()
        with open(self.log_path, encoding="utf-8") as f:
            log = f.read()
        for token in list(TOKENS.values()) + ["wrong-secret-token"]:
            self.assertNotIn(token, log)
        self.assertNotIn(token, s.stderr_text())

    def test_a_bad_tokens_file_stops_the_start(self):
        bad = self.write("tokens.txt", "not-a-hash scan\n")
        run = common.provcheck("serve", "--index", self.index_dir, "--listen", "127.0.0.1:0",
                               "--tokens", bad, timeout=30)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "tokens.txt:1:", "SHA-256")

    def test_without_tokens_only_loopback_is_served(self):
        run = common.provcheck("serve", "--index", self.index_dir, "--listen", "0.0.0.0:0",
                               timeout=30)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "loopback")


class BadRequestsTest(ServerTest):

    def assertNothingChanged(self, s):
        self.assertEqual(s.metric("provcheck_scans_stored"), 0)
        self.assertEqual(s.metric("provcheck_scan_queue_depth"), 0)

    def test_bad_bodies_get_4xx_and_change_nothing(self):
        s = self.start()
        cases = [
            (b'{"text": "a",', "application/json", 400, "malformed_json"),
            (b'{"text": "a", "text": "b"}', "application/json", 400, "malformed_json"),
            (b'["text"]', "application/json", 400, "malformed_json"),
            (b'{"text": "a", "colour": "red"}', "application/json", 400, "unknown_field"),
            (b'{"text": 7}', "application/json", 400, "invalid_field"),
            (b'{"text": "a", "format": "jsonl"}', "application/json", 400, "invalid_field"),
            (b'{"text": "a", "sign": "yes"}', "application/json", 400, "invalid_field"),
            (b'{"format": "text"}', "application/json", 400, "missing_field"),
            (b'text=a', "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
            (b'{"text": "a"}', "text/plain", 415, "unsupported_media_type"),
            (b'--x\r\nbroken', "multipart/form-data; boundary=x", 400, "malformed_multipart"),
        ]
        for body, ctype, status, code in cases:
            with self.subTest(body=body, ctype=ctype):
                r = s.request("POST", "/v1/scans", body, headers={"Content-Type": ctype})
                self.assertError(r, status, code)
        self.assertError(s.request("POST", "/v1/scans?colour=red", {"text": "a"}), 400,
                         "unknown_parameter")
        self.assertError(s.request("POST", "/v1/scans?wait=maybe", {"text": "a"}), 400,
                         "invalid_parameter")
        self.assertError(s.request("GET", "/v1/index?x=1"), 400, "unknown_parameter")
        self.assertError(s.request("POST", "/v1/documents", {"id": "d", "content": "x", "x": 1}),
                         400, "unknown_field")
        self.assertError(s.request("POST", "/v1/documents", b"id=d",
                                   headers={"Content-Type": "text/plain"}),
                         415, "unsupported_media_type")
        self.assertNothingChanged(s)
        self.assertEqual(s.request("GET", "/v1/index").json()["documents"], 43)

    def test_unknown_routes_and_methods(self):
        s = self.start()
        self.assertError(s.request("GET", "/v2/scans"), 404, "not_found")
        r = s.request("PUT", "/v1/scans", {"text": "a"})
        self.assertError(r, 405, "method_not_allowed")
        self.assertEqual(r.headers["allow"], "POST")
        self.assertEqual(s.request("PATCH", "/v1/scans/abc").headers["allow"], "GET, DELETE")

    def test_an_oversized_body_gets_413(self):
        s = self.start("--max-body", "4096")
        r = s.scan("word " * 2000)
        self.assertError(r, 413, "body_too_large")
        self.assertNothingChanged(s)
        self.assertEqual(s.scan("A short draft.").status, 200)

    def test_oversized_headers_get_431(self):
        s = self.start("--max-header", "2048")
        r = s.request("GET", "/healthz", token=None, headers={"X-Padding": "p" * 4096})
        self.assertError(r, 431, "headers_too_large")

    def test_a_slow_request_is_cut_off_at_the_read_timeout(self):
        s = self.start("--read-timeout", "1")
        with socket.create_connection((s.host, s.port), timeout=20 * common.TIME_SCALE) as c:
            start = time.monotonic()
            c.sendall(b"POST /v1/scans HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
            reply = b""
            while True:  # a 408, then the connection closed, not held open
                chunk = c.recv(65536)
                if not chunk:
                    break
                reply += chunk
            elapsed = time.monotonic() - start
        self.assertRequestTimeout(reply, elapsed)
        self.assertEqual(s.request("GET", "/healthz").status, 200)

    def test_an_idle_connection_is_closed_without_a_response(self):
        s = self.start("--read-timeout", "1")
        with socket.create_connection((s.host, s.port), timeout=20 * common.TIME_SCALE) as c:
            self.assertEqual(c.recv(65536), b"")

    def test_malformed_http_gets_400(self):
        s = self.start()
        with socket.create_connection((s.host, s.port), timeout=20 * common.TIME_SCALE) as c:
            c.sendall(b"GET / HTTP/1.1\r\nHost x\r\n\r\n")
            reply = c.recv(65536)
        self.assertTrue(reply.startswith(b"HTTP/1.1 400"), reply)


class DocumentsTest(ServerTest):

    def test_documents_added_are_found_and_removed_ones_are_not(self):
        index = self.path("index")
        self.assertExit(common.index_corpus(index), 0)
        s = self.start(index_dir=index)
        before = s.request("GET", "/v1/index").json()
        article = ("---\ntitle: Lighthouse keepers strike\npublisher: Harbour Herald\n---\n"
                   "The lighthouse keepers of the northern cape walked out on Tuesday morning "
                   "after the council refused to restore the night allowance that had been cut "
                   "in the spring budget, leaving three beacons dark for the first time in "
                   "living memory and ships waiting offshore until dawn.\n")
        added = s.request("POST", "/v1/documents",
                          {"id": "herald/lighthouse", "content": article, "format": "markdown"},
                          token="write")
        self.assertEqual(added.status, 201, repr(added))
        self.assertEqual(added.json()["outcome"], "added")
        self.assertEqual(added.json()["index"]["documents"], before["documents"] + 1)
        self.assertNotEqual(added.json()["index"]["digest"], before["digest"])
        again = s.request("POST", "/v1/documents",
                          {"id": "herald/lighthouse", "content": article, "format": "markdown"},
                          token="write")
        self.assertEqual((again.status, again.json()["outcome"]), (200, "unchanged"))
        draft = "# Dark beacons\n\n" + article.split("---\n")[-1]
        found = s.scan(draft).json()["report"]
        self.assertIn("herald/lighthouse", [f["source"]["id"] for f in found["findings"]
                                            if f["kind"] == "reuse"])
        removed = s.request("DELETE", "/v1/documents/herald%2Flighthouse", token="write")
        self.assertEqual(removed.status, 200, repr(removed))
        self.assertEqual(removed.json()["index"]["digest"], before["digest"])
        self.assertError(s.request("DELETE", "/v1/documents/herald%2Flighthouse", token="write"),
                         404, "not_found")
        after = s.scan(draft).json()["report"]
        self.assertNotIn("herald/lighthouse", [f.get("source", {}).get("id")
                                               for f in after["findings"]])
        self.assertEqual(s.request("GET", "/v1/index").json()["digest"], before["digest"])

    def test_a_document_that_does_not_read_changes_nothing(self):
        index = self.path("index")
        self.assertExit(common.index_corpus(index), 0)
        s = self.start(index_dir=index)
        before = s.request("GET", "/v1/index").json()
        r = s.request("POST", "/v1/documents", {"id": "bad", "content": "{not json",
                                                "format": "json"}, token="write")
        self.assertError(r, 422, "invalid_document")
        self.assertEqual(s.request("GET", "/v1/index").json(), before)


class OperationsTest(ServerTest):

    def test_health_metrics_and_the_access_log(self):
        s = self.start()
        health = s.request("GET", "/healthz", token=None)
        self.assertEqual((health.status, health.json()), (200, {"status": "ok"}))
        s.scan(COPIED)
        s.scan(CLEAN)
        text = s.request("GET", "/metrics").text()
        self.assertIn('provcheck_scans_total{outcome="fail"} 1', text)
        self.assertIn('provcheck_scans_total{outcome="pass"} 1', text)
        self.assertIn('provcheck_scan_duration_seconds_bucket{le="+Inf"} 2', text)
        self.assertIn("provcheck_scan_duration_seconds_count 2", text)
        self.assertIn("provcheck_scan_queue_depth 0", text)
        self.assertIn("provcheck_index_documents 43", text)
        s.stop()
        log = self.access_log()
        self.assertGreaterEqual(len(log), 4)
        posts = [l for l in log if l["method"] == "POST"]
        self.assertEqual(len(posts), 2)
        for line in posts:
            self.assertEqual(line["path"], "/v1/scans")
            self.assertEqual(line["status"], 200)
            self.assertEqual(len(line["scan"]), 32)
            self.assertEqual(line["role"], "admin")
            for key in ("time", "remote", "bytes_in", "bytes_out", "ms"):
                self.assertIn(key, line)
        with open(self.log_path, encoding="utf-8") as f:
            raw = f.read()
        # No draft text: a sentence of each draft is absent.
        self.assertNotIn("Meridian", raw)
        sentence = max(CLEAN.splitlines(), key=len)[:60]
        self.assertGreater(len(sentence), 40)
        self.assertNotIn(sentence, raw)

    def test_one_command_indexes_corpus_and_serves_it(self):
        # README, "Server": provcheck serve --index DIR --corpus corpus/
        s = self.start("--corpus", common.CORPUS, tokens=False, index_dir=self.path("newsroom.idx"))
        self.assertEqual(s.request("GET", "/v1/index", token=None).json()["documents"], 43)
        self.assertEqual(s.scan(COPIED, token=None).json()["verdict"], "fail")
        self.assertEqual(s.request("GET", "/", token=None).status, 200)

    def test_the_openapi_document_is_the_repository_one(self):
        s = self.start()
        r = s.request("GET", "/v1/openapi.json", token=None)
        with open(os.path.join(common.SOURCE_DIR, "docs", "openapi.json"), "rb") as f:
            self.assertEqual(r.body, f.read())
        self.assertEqual(r.json()["openapi"], "3.1.0")


class CapacityTest(ServerTest):

    def test_beyond_the_scan_cap_submissions_get_503_with_retry_after(self):
        s = self.start("--workers", "1", "--max-scans", "1")
        slow = s.scan(big_draft(), wait=False)
        self.assertEqual(slow.status, 202, repr(slow))
        refused = s.scan(CLEAN, wait=False)
        self.assertError(refused, 503, "busy")
        self.assertGreaterEqual(int(refused.headers["retry-after"]), 1)
        self.assertEqual(s.poll(slow.json()["id"]).json()["status"], "done")
        self.assertEqual(s.scan(CLEAN).status, 200)
        self.assertEqual(s.metric("provcheck_scans_rejected_total"), 1)

    def test_sigterm_lets_a_running_scan_finish(self):
        s = self.start("--workers", "1")
        result = {}

        def submit():
            result["r"] = s.scan(big_draft(6))  # under the 1 MiB ?wait=true bound

        t = threading.Thread(target=submit)
        t.start()
        deadline = time.monotonic() + 20 * common.TIME_SCALE
        while s.metric("provcheck_scans_running") < 1:
            self.assertLess(time.monotonic(), deadline, "the scan never started")
            time.sleep(0.01)
        s.proc.send_signal(signal.SIGTERM)
        t.join(60 * common.TIME_SCALE)
        self.assertFalse(t.is_alive())
        r = result["r"]
        self.assertEqual(r.status, 200, repr(r))
        self.assertEqual(r.json()["status"], "done")
        self.assertEqual(s.proc.wait(timeout=30 * common.TIME_SCALE), 0)
        self.assertIn("SIGTERM: finishing 1 scans", s.stderr_text())
        with self.assertRaises(OSError):
            socket.create_connection((s.host, s.port), timeout=2).close()


if __name__ == "__main__":
    unittest.main()
