"""Repository check: dependencies flow one way through the stages.

base <- text <- fingerprint <- index <- align <- rules <- report <- cli; sign
needs only base. A file may include headers of its own stage and of earlier
ones (and the public headers in include/provcheck/), never of a later one.
"""

import os
import re
import unittest

ROOT = os.environ.get("PROVCHECK_SOURCE_DIR",
                      os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
ORDER = ["base", "text", "fingerprint", "index", "align", "rules", "report", "cli"]
ALLOWED = {stage: set(ORDER[:i + 1]) for i, stage in enumerate(ORDER)}
ALLOWED["align"] = {"base", "text", "fingerprint", "align"}  # align needs no index
ALLOWED["sign"] = {"base", "sign"}
ALLOWED["cli"] = set(ORDER) | {"sign"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/', re.M)


class LayeringTest(unittest.TestCase):

    def test_no_stage_includes_a_later_stage(self):
        src = os.path.join(ROOT, "src")
        problems = []
        for stage in sorted(os.listdir(src)):
            folder = os.path.join(src, stage)
            if not os.path.isdir(folder):
                continue
            self.assertIn(stage, ALLOWED, "src/%s is not a known stage" % stage)
            for name in sorted(os.listdir(folder)):
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                for used in INCLUDE.findall(text):
                    if used == "provcheck":
                        continue
                    if used not in ALLOWED[stage]:
                        problems.append("src/%s/%s includes %s/" % (stage, name, used))
        self.assertEqual(problems, [])

    def test_public_headers_include_only_public_headers(self):
        inc = os.path.join(ROOT, "include", "provcheck")
        for name in sorted(os.listdir(inc)):
            text = open(os.path.join(inc, name), encoding="utf-8").read()
            for used in INCLUDE.findall(text):
                self.assertEqual(used, "provcheck", "include/provcheck/%s includes %s/" % (name, used))

    def test_std_regex_appears_nowhere(self):
        for folder, _, files in os.walk(os.path.join(ROOT, "src")):
            for name in files:
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                self.assertNotIn("<regex>", text, os.path.join(folder, name))


if __name__ == "__main__":
    unittest.main()
