"""Every route of provcheck serve against docs/openapi.json: each documented
operation is called, its status must be one the document lists and its JSON
body must validate against the documented schema (JSON Schema 2020-12, as
OpenAPI 3.1 uses); each method a path does not document gets 405, and paths
the document does not list get 404."""

import json
import os
import unittest

import jsonschema

import common
from server_support import ServerTest

with open(os.path.join(common.SOURCE_DIR, "docs", "openapi.json"), encoding="utf-8") as f:
    OPENAPI = json.load(f)

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
COPIED = common.example("copied.md").decode()


def multipart(fields, boundary="provcheck-test-boundary"):
    out = b""
    for name, filename, data in fields:
        out += b"--" + boundary.encode() + b"\r\n"
        disposition = 'form-data; name="%s"' % name
        if filename:
            disposition += '; filename="%s"' % filename
        out += ("Content-Disposition: %s\r\n\r\n" % disposition).encode()
        out += data.encode() if isinstance(data, str) else data
        out += b"\r\n"
    out += b"--" + boundary.encode() + b"--\r\n"
    return out, "multipart/form-data; boundary=" + boundary


class OpenApiTest(ServerTest):

    def setUp(self):
        super().setUp()
        index = self.path("index")
        self.assertExit(common.index_corpus(index), 0)
        self.server = self.start(index_dir=index)

    def check(self, path_template, method, response):
        """`response` is documented for the operation, and its JSON body
        matches the documented schema."""
        operation = OPENAPI["paths"][path_template][method.lower()]
        documented = operation["responses"]
        self.assertIn(str(response.status), documented,
                      "%s %s answered %r, not documented" % (method, path_template, response))
        spec = documented[str(response.status)]
        if "content" not in spec:
            self.assertEqual(response.body, b"")
            return
        ctype = response.headers.get("content-type", "").split(";")[0]
        self.assertIn(ctype, spec["content"], "%s %s: %s" % (method, path_template, ctype))
        schema = spec["content"][ctype]["schema"]
        if ctype.endswith("json"):
            root = {"components": OPENAPI["components"]}
            root.update(schema)
            jsonschema.Draft202012Validator(root).validate(response.json())

    def test_every_documented_operation_answers_as_documented(self):
        s = self.server
        called = set()

        def call(template, method, path, body=None, token="admin", headers=None):
            r = s.request(method, path, body, token=token, headers=headers)
            self.check(template, method, r)
            called.add((template, method.lower()))
            return r

        done = call("/v1/scans", "POST", "/v1/scans?wait=true", {"text": COPIED, "format": "markdown"})
        self.assertEqual(done.status, 200)
        scan_id = done.json()["id"]
        call("/v1/scans", "POST", "/v1/scans", {"text": "Short draft."})
        body, ctype = multipart([("file", "story.md", COPIED)])
        upload = call("/v1/scans", "POST", "/v1/scans?wait=true", body,
                      headers={"Content-Type": ctype})
        self.assertEqual(upload.json()["report"]["draft"]["path"], "story.md")
        call("/v1/scans", "POST", "/v1/scans", {"text": 1})
        call("/v1/scans", "POST", "/v1/scans", "x", headers={"Content-Type": "text/plain"})
        call("/v1/scans", "POST", "/v1/scans", {"text": "x"}, token=None)
        for fmt in ("json", "html", "sarif"):
            call("/v1/scans/{id}", "GET", "/v1/scans/%s?format=%s" % (scan_id, fmt))
        call("/v1/scans/{id}", "GET", "/v1/scans/%s?format=signed" % scan_id)
        call("/v1/scans/{id}", "GET", "/v1/scans/0123")
        call("/v1/scans/{id}", "DELETE", "/v1/scans/" + scan_id)
        call("/v1/scans/{id}", "DELETE", "/v1/scans/" + scan_id)
        doc = {"id": "openapi-doc", "content": "A note on the tides of the estuary.", "format": "text"}
        call("/v1/documents", "POST", "/v1/documents", doc, token="admin")
        call("/v1/documents", "POST", "/v1/documents", doc, token="admin")
        call("/v1/documents", "POST", "/v1/documents", doc, token="scan")
        call("/v1/documents", "POST", "/v1/documents",
             {"id": "j", "content": "{", "format": "json"})
        call("/v1/documents/{id}", "DELETE", "/v1/documents/openapi-doc")
        call("/v1/documents/{id}", "DELETE", "/v1/documents/openapi-doc")
        call("/v1/index", "GET", "/v1/index")
        call("/v1/index", "GET", "/v1/index", token=None)
        call("/v1/openapi.json", "GET", "/v1/openapi.json", token=None)
        call("/healthz", "GET", "/healthz", token=None)
        call("/metrics", "GET", "/metrics")
        call("/metrics", "GET", "/metrics", token="scan")
        for page in ("/", "/app.js", "/app.css"):
            call(page, "GET", page, token=None)
        documented = {(p, m) for p, ops in OPENAPI["paths"].items() for m in ops
                      if m in ("get", "post", "put", "patch", "delete")}
        self.assertEqual(documented - called, set(), "documented operations this test never called")

    def test_undocumented_methods_get_405_and_undocumented_paths_404(self):
        s = self.server
        for template, operations in OPENAPI["paths"].items():
            path = template.replace("{id}", "0123")
            for method in METHODS:
                if method.lower() in operations:
                    continue
                with self.subTest(path=path, method=method):
                    r = s.request(method, path, b"{}", headers={"Content-Type": "application/json"})
                    self.assertError(r, 405, "method_not_allowed")
                    allowed = sorted(m.upper() for m in operations if m.upper() in METHODS)
                    self.assertEqual(sorted(r.headers["allow"].split(", ")), allowed)
        for path in ("/v1", "/v1/", "/v1/scan", "/v1/scans/", "/v2/scans", "/index.html", "/v1/documents/"):
            with self.subTest(path=path):
                self.assertError(s.request("GET", path), 404, "not_found")

    def test_the_document_is_openapi_3_1(self):
        self.assertEqual(OPENAPI["openapi"], "3.1.0")
        for template, operations in OPENAPI["paths"].items():
            for method, op in operations.items():
                if method == "parameters":
                    continue
                self.assertIn("operationId", op, template)
                self.assertTrue(op["responses"], template)


if __name__ == "__main__":
    unittest.main()
