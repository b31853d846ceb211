"""Repository check: dependencies flow one way through the stages.

The stage order is read from docs/architecture.md (its stage table: each
folder of src/, the stages it may use, the public headers it owns). A file
of src/STAGE may include headers of its own stage and of the stages its row
lists, never another; that holds for src/ headers ("text/reader.h") and for
public ones ("provcheck/scan.h" belongs to scan). A public header includes
only public headers of its own stage or of stages its stage may use.
"""

import os
import re
import shutil
import tempfile
import unittest

ROOT = os.environ.get("PROVCHECK_SOURCE_DIR",
                      os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/([A-Za-z0-9_.]+)"', re.M)


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def read_stages(root):
    """(order, may_use, owner): the stage table of docs/architecture.md."""
    text = read(os.path.join(root, "docs", "architecture.md"))
    table = text.split("<!-- stages:", 1)[1]
    order, may_use, owner = [], {}, {}
    for line in table.splitlines()[1:]:
        if not line.startswith("|"):
            if order:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] in ("stage", "") or set(cells[0]) <= set("-"):
            continue
        stage = cells[0]
        uses = cells[1].split()
        for used in uses:
            if used not in order:
                raise AssertionError("docs/architecture.md: stage %s may use %s, which is not an "
                                     "earlier row" % (stage, used))
        order.append(stage)
        may_use[stage] = set(uses) | {stage}
        for header in cells[2].split():
            if header in owner:
                raise AssertionError("docs/architecture.md: %s owned by %s and %s"
                                     % (header, owner[header], stage))
            owner[header] = stage
    return order, may_use, owner


def header_name(name):
    return name[:-3] if name.endswith(".h.in") else name


def layering_problems(root):
    """Every include that runs against the stage table, as readable lines."""
    order, may_use, owner = read_stages(root)
    problems = []
    inc = os.path.join(root, "include", "provcheck")
    for name in sorted(os.listdir(inc)):
        header = header_name(name)
        if header not in owner:
            problems.append("include/provcheck/%s belongs to no stage in docs/architecture.md" % name)
    src = os.path.join(root, "src")
    for stage in sorted(os.listdir(src)):
        folder = os.path.join(src, stage)
        if not os.path.isdir(folder):
            continue
        if stage not in may_use:
            problems.append("src/%s is not a stage in docs/architecture.md" % stage)
            continue
        for name in sorted(os.listdir(folder)):
            text = read(os.path.join(folder, name))
            for used, file in INCLUDE.findall(text):
                used_stage = owner.get(file, "?") if used == "provcheck" else used
                if used_stage not in may_use[stage]:
                    problems.append("src/%s/%s includes %s/%s (stage %s; %s may use %s)" % (
                        stage, name, used, file, used_stage, stage,
                        " ".join(s for s in order if s in may_use[stage])))
    for name in sorted(os.listdir(inc)):
        stage = owner.get(header_name(name))
        if stage is None:
            continue
        text = read(os.path.join(inc, name))
        for used, file in INCLUDE.findall(text):
            if used != "provcheck":
                problems.append("include/provcheck/%s includes the internal header %s/%s"
                                % (name, used, file))
            elif owner.get(file, "?") not in may_use[stage]:
                problems.append("include/provcheck/%s (stage %s) includes provcheck/%s (stage %s)"
                                % (name, stage, file, owner.get(file, "?")))
    return problems


class LayeringTest(unittest.TestCase):

    def test_no_stage_includes_a_later_stage(self):
        self.assertEqual(layering_problems(ROOT), [])

    def test_a_reversed_include_is_caught(self):
        # A copy of the tree where the text stage includes the scan stage's
        # public header, and the report stage includes scan/: both are found.
        with tempfile.TemporaryDirectory() as tmp:
            for part in ("docs", "include", "src"):
                shutil.copytree(os.path.join(ROOT, part), os.path.join(tmp, part))
            with open(os.path.join(tmp, "src", "text", "reader.h"), "a") as f:
                f.write('\n#include "provcheck/scan.h"\n')
            with open(os.path.join(tmp, "src", "report", "report.cc"), "a") as f:
                f.write('\n#include "scan/source_cache.h"\n')
            problems = layering_problems(tmp)
            self.assertEqual(len(problems), 2, problems)
            self.assertIn("src/text/reader.h includes provcheck/scan.h (stage scan;", problems[0] + problems[1])
            self.assertIn("src/report/report.cc includes scan/source_cache.h", problems[0] + problems[1])

    def test_every_public_header_has_a_stage(self):
        _, _, owner = read_stages(ROOT)
        for name in os.listdir(os.path.join(ROOT, "include", "provcheck")):
            self.assertIn(header_name(name), owner, name)

    def test_std_regex_appears_nowhere(self):
        for folder, _, files in os.walk(os.path.join(ROOT, "src")):
            for name in files:
                text = read(os.path.join(folder, name))
                self.assertNotIn("<regex>", text, os.path.join(folder, name))


if __name__ == "__main__":
    unittest.main()
