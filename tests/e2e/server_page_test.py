"""The web page of provcheck serve in headless Chromium (Debian's chromium
and chromium-driver), driven through the W3C WebDriver HTTP API with the
standard library: load the page, paste a copied draft, submit it, and find
the verdict first and the copied passage highlighted in the report frame.
A screenshot is kept in the build's test-artifacts folder."""

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.request

import common
import office_files
from server_support import TOKENS, ServerTest

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
TIMEOUT = 30 * common.TIME_SCALE
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C element reference key
ARTIFACTS = os.environ.get("PROVCHECK_ARTIFACT_DIR",
                           os.path.join(common.SOURCE_DIR, "build", "test-artifacts"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    """The few WebDriver commands the test needs."""

    def __init__(self, port, profile):
        self.base = "http://127.0.0.1:%d" % port
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1100", "--user-data-dir=" + profile,
                "--no-first-run", "--disable-extensions", "--disable-background-networking"]}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        if method == "POST" and data is None:
            data = b"{}"
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
                return json.loads(r.read())["value"]
        except urllib.error.HTTPError as e:
            raise AssertionError("WebDriver %s %s: %s" % (method, path, e.read()[:2000]))

    def s(self, method, path, body=None):
        return self.call(method, "/session/%s%s" % (self.session, path), body)

    def find(self, css):
        return self.s("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def script(self, source, *args):
        return self.s("POST", "/execute/sync", {"script": source, "args": list(args)})

    def wait_for(self, source, what):
        deadline = time.monotonic() + TIMEOUT
        while True:
            value = self.script(source)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for " + what)
            time.sleep(0.1)

    def quit(self):
        try:
            self.s("DELETE", "")
        except Exception:  # the browser may be gone already
            pass


@unittest.skipUnless(CHROMIUM and DRIVER,
                     "chromium and chromium-driver are not installed (scripts/install-deps "
                     "installs them; CI runs this test)")
class PageTest(ServerTest):

    def setUp(self):
        super().setUp()
        port = free_port()
        self.driver_proc = subprocess.Popen([DRIVER, "--port=%d" % port],
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(self.stop_driver)
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                urllib.request.urlopen("http://127.0.0.1:%d/status" % port, timeout=2).read()
                break
            except OSError:
                self.assertLess(time.monotonic(), deadline, "chromedriver did not start")
                time.sleep(0.1)
        self.profile = tempfile.mkdtemp(prefix="provcheck-chromium-")
        self.addCleanup(shutil.rmtree, self.profile, True)
        self.browser = WebDriver(port, self.profile)
        self.addCleanup(self.browser.quit)

    def stop_driver(self):
        self.driver_proc.kill()
        self.driver_proc.wait()

    def screenshot(self, name):
        os.makedirs(ARTIFACTS, exist_ok=True)
        path = os.path.join(ARTIFACTS, name)
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.browser.s("GET", "/screenshot")))
        return path

    def test_a_pasted_draft_shows_the_verdict_and_the_highlighted_passage(self):
        server = self.start()
        b = self.browser
        b.s("POST", "/url", {"url": server.url})
        self.assertEqual(b.s("GET", "/title"), "provcheck: check a draft")
        copied = common.example("copied.md").decode()
        b.s("POST", "/element/%s/value" % b.find("#token"), {"text": TOKENS["scan"]})
        # Pasting: the textarea's value set at once, as a paste does.
        b.script("var t = document.getElementById('draft'); t.value = arguments[0];"
                 "t.dispatchEvent(new Event('input'));", copied)
        b.s("POST", "/element/%s/click" % b.find("#submit"), {})
        verdict = b.wait_for("var v = document.getElementById('verdict');"
                             "return v && !document.getElementById('result').hidden && v.textContent;",
                             "the verdict")
        self.assertEqual(verdict, "FAIL")
        # The verdict comes first in the result, before the report frame.
        order = b.script("var r = document.getElementById('result');"
                         "return Array.prototype.map.call(r.children, function (c) { return c.id; });")
        self.assertLess(order.index("verdict"), order.index("report"))
        # The report frame: the same renderer's page, its copied passage marked.
        b.s("POST", "/frame", {"id": {ELEMENT: b.find("#report")}})
        marked = b.wait_for("var m = document.querySelectorAll('mark');"
                            "return m.length && Array.prototype.map.call(m, function (x) {"
                            " return x.textContent; }).join(' ');", "highlighted passages")
        report = common.provcheck("scan", "--index", self.index_dir, "--format", "json", "-",
                                  "--input-format", "markdown", stdin=copied.encode()).json()
        passage = [f for f in report["findings"] if f["kind"] == "reuse"][0]["draft"]["text"]
        first_words = " ".join(passage.split()[:6])
        self.assertIn(first_words, " ".join(marked.split()))
        # The report's own style sheet applied: the page's CSP admits it by hash.
        background = b.script("return getComputedStyle(document.querySelector('mark'))"
                              ".backgroundColor;")
        self.assertNotIn(background, ("rgba(0, 0, 0, 0)", "transparent", ""))
        self.assertEqual(b.script("return document.getElementById('verdict').textContent;"), "FAIL")
        b.s("POST", "/frame/parent", {})
        b.script("document.getElementById('result').scrollIntoView();")
        path = self.screenshot("server-page.png")
        self.assertGreater(os.path.getsize(path), 10000)
        with open(path, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
        # The page made no request outside the server: every resource it
        # loaded is on the server's origin.
        origins = b.script("return performance.getEntriesByType('resource').map(function (e) {"
                           " return new URL(e.name).origin; });")
        self.assertTrue(origins)
        for origin in origins:
            self.assertEqual(origin + "/", server.url)

    def wait_for_verdict(self):
        return self.browser.wait_for(
            "var v = document.getElementById('verdict');"
            "return v && !document.getElementById('result').hidden && v.textContent;",
            "the verdict")

    def report_frame_text(self):
        b = self.browser
        b.s("POST", "/frame", {"id": {ELEMENT: b.find("#report")}})
        text = b.wait_for("var m = document.querySelectorAll('mark');"
                          "return m.length && document.body.innerText;", "the report's passages")
        b.s("POST", "/frame/parent", {})
        return text

    def test_a_word_file_dropped_on_the_page_is_checked(self):
        """Drag and drop as the browser delivers it: dragover, then drop with a
        DataTransfer holding the file (a .docx with a copied paragraph)."""
        server = self.start()
        b = self.browser
        b.s("POST", "/url", {"url": server.url})
        b.s("POST", "/element/%s/value" % b.find("#token"), {"text": TOKENS["scan"]})
        copied = common.example("copied.md").decode().split("---\n")[-1]
        paragraphs = [p.replace("\n", " ") for p in copied.split("\n\n")
                      if p.strip() and not p.startswith("#")]
        word = office_files.docx(["Council story", *paragraphs], title="Council story")
        over = b.script(
            "var dt = new DataTransfer();"
            "var bytes = Uint8Array.from(atob(arguments[0]), function (c) { return c.charCodeAt(0); });"
            "dt.items.add(new File([bytes], 'council.docx', {type: 'application/vnd."
            "openxmlformats-officedocument.wordprocessingml.document'}));"
            "var zone = document.getElementById('drop');"
            "zone.dispatchEvent(new DragEvent('dragenter', {dataTransfer: dt, bubbles: true, cancelable: true}));"
            "zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));"
            "var highlighted = zone.classList.contains('over');"
            "var accepted = !zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));"
            "return [highlighted, accepted, zone.classList.contains('over'),"
            " document.getElementById('drop-label').textContent];",
            base64.b64encode(word).decode())
        self.assertEqual(over, [True, True, False, "File to check: council.docx"])
        b.s("POST", "/element/%s/click" % b.find("#submit"), {})
        self.assertEqual(self.wait_for_verdict(), "FAIL")
        text = self.report_frame_text()
        self.assertIn("council.docx", text)
        self.assertIn(" ".join(paragraphs[0].split()[:6]), " ".join(text.split()))
        # The draft is shown as its document text, not as the zip's bytes.
        self.assertIn("Council story", text)
        self.assertNotIn("word/document.xml", text)
        b.script("document.getElementById('result').scrollIntoView();")
        self.screenshot("server-page-dropped-docx.png")

    def test_a_file_chosen_with_the_file_input_is_checked(self):
        """The file chooser, through WebDriver's file upload (a real path)."""
        server = self.start()
        b = self.browser
        b.s("POST", "/url", {"url": server.url})
        b.s("POST", "/element/%s/value" % b.find("#token"), {"text": TOKENS["scan"]})
        path = self.write("clean-story.md", common.example("clean.md").decode())
        b.s("POST", "/element/%s/value" % b.find("#file"), {"text": path})
        self.assertEqual(b.script("return document.getElementById('drop-label').textContent;"),
                         "File to check: clean-story.md")
        b.s("POST", "/element/%s/click" % b.find("#submit"), {})
        self.assertEqual(self.wait_for_verdict(), "PASS")

    def test_the_page_is_served_with_a_strict_policy(self):
        server = self.start()
        r = server.request("GET", "/", token=None)
        csp = r.headers["content-security-policy"]
        self.assertIn("default-src 'none'", csp)
        self.assertIn("script-src 'self' 'sha256-", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertNotIn("http", r.text().replace("http-equiv", ""))


if __name__ == "__main__":
    unittest.main()
