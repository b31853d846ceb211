"""The README's first code block holds exactly the two set-up commands, and
.ci/run runs its test command line for line."""

import os
import re
import unittest

ROOT = os.environ.get("PROVCHECK_SOURCE_DIR",
                      os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def first_code_block(markdown):
    match = re.search(r"^```[a-z]*\n(.*?)^```", markdown, re.S | re.M)
    return [l for l in match.group(1).splitlines() if l.strip()] if match else []


class ReadmeCiTest(unittest.TestCase):

    def test_ci_runs_the_readme_test_command(self):
        readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
        block = first_code_block(readme)
        self.assertEqual([l.split()[0] for l in block], ["scripts/demo", "scripts/test"])
        ci = open(os.path.join(ROOT, ".ci", "run"), encoding="utf-8").read().splitlines()
        self.assertIn(block[1], ci)


if __name__ == "__main__":
    unittest.main()
