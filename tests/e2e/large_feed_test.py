"""index add of a JSON Lines feed larger than one part (8 MB): read in parts of
whole lines, with messages and made-up ids as if it had been read whole."""

import json
import random

from common import TempDirTest, provcheck

RECORDS = 14000          # about 70 MB: nine parts
BAD_LINE = 13001         # in the last part
# Issue 16: one bad byte lost its whole part (then 64 MB); now only its own record.
BAD_UTF8_LINE = 13100    # an invalid UTF-8 byte in the body
NUL_LINE = 13200         # a NUL byte in the body
NO_ID_FROM = 13500       # records from here on have no id


def feed_lines():
    rng = random.Random(5)
    vocab = ["%s%d" % (w, i) for i in range(400) for w in ("harbour", "quay", "ferry", "tide")]
    lines = []
    for n in range(1, RECORDS + 1):
        if n == BAD_LINE:
            lines.append('{"id": "broken", "body": ')
            continue
        body = " ".join(rng.choice(vocab) for _ in range(600)) + "."
        record = {"body": body, "title": "Record %d" % n}
        if n < NO_ID_FROM:
            record["id"] = "r%d" % n
        lines.append(json.dumps(record))
    return lines


def with_bad_bytes(lines):
    """The feed's bytes, with a 0xFF byte in BAD_UTF8_LINE and a NUL in NUL_LINE."""
    out = []
    for n, line in enumerate(lines, 1):
        data = line.encode("utf-8")
        if n in (BAD_UTF8_LINE, NUL_LINE):
            at = data.index(b'"body": "') + 12
            data = data[:at] + (b"\xff" if n == BAD_UTF8_LINE else b"\0") + data[at + 1:]
        out.append(data)
    return b"\n".join(out) + b"\n"


class LargeFeedTest(TempDirTest):

    def test_issue16_a_feed_larger_than_a_part_loses_only_its_bad_records(self):
        lines = feed_lines()
        data = with_bad_bytes(lines)
        feed = self.write("feed.jsonl", data)
        index = self.path("idx")
        run = provcheck("index", "add", feed, "--index", index, "-j", "2")
        # Each broken line is named by its line in the file (a bad byte also
        # by its offset); the rest is indexed.
        self.assertExit(run, 2)
        self.assertIn("feed.jsonl:%d:" % BAD_LINE, run.stderr)
        self.assertIn("feed.jsonl:%d: invalid UTF-8 at byte %d\n" % (BAD_UTF8_LINE, data.index(b"\xff")),
                      run.stderr)
        self.assertIn("feed.jsonl:%d: NUL byte at byte %d, expected text\n" % (NUL_LINE, data.index(b"\0")),
                      run.stderr)
        self.assertIn("%d added" % (RECORDS - 3), run.stdout)
        listed = provcheck("index", "list", "--format", "json", "--index", index).json_lines()
        ids = {d["id"] for d in listed}
        self.assertEqual(len(ids), RECORDS - 3)
        self.assertNotIn("r%d" % BAD_UTF8_LINE, ids)
        self.assertIn("r%d" % (BAD_UTF8_LINE + 1), ids)
        # Made-up ids count records (the broken ones are not records) across parts.
        first_made_up = NO_ID_FROM - 3
        self.assertIn("feed#%d" % first_made_up, ids)
        self.assertIn("feed#%d" % (RECORDS - 3), ids)
        self.assertNotIn("feed#%d" % (RECORDS - 2), ids)
        self.assertExit(provcheck("index", "verify", "--index", index), 0)
        # A passage of the last record is found in its source.
        last = json.loads(lines[-1])["body"]
        draft = self.write("draft.txt", " ".join(last.split()[100:160]) + "\n")
        report = provcheck("scan", draft, "--index", index, "--format", "json").json()
        sources = {f["source"]["id"] for f in report["findings"] if f["kind"] == "reuse"}
        self.assertIn("feed#%d" % (RECORDS - 3), sources)
