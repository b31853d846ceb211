"""index add of a JSON Lines feed larger than one part (64 MB): read in parts of
whole lines, with messages and made-up ids as if it had been read whole."""

import json
import random

from common import TempDirTest, provcheck

RECORDS = 14000          # about 70 MB: two parts
BAD_LINE = 13001         # in the second part
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


class LargeFeedTest(TempDirTest):

    def test_a_feed_larger_than_a_part_is_read_as_a_whole(self):
        lines = feed_lines()
        feed = self.write("feed.jsonl", "\n".join(lines) + "\n")
        index = self.path("idx")
        run = provcheck("index", "add", feed, "--index", index, "-j", "2")
        # The broken line is named by its line in the file; the rest is indexed.
        self.assertExit(run, 2)
        self.assertIn("feed.jsonl:%d:" % BAD_LINE, run.stderr)
        self.assertIn("%d added" % (RECORDS - 1), run.stdout)
        listed = provcheck("index", "list", "--format", "json", "--index", index).json_lines()
        ids = {d["id"] for d in listed}
        self.assertEqual(len(ids), RECORDS - 1)
        # Made-up ids count records (the broken one is not a record) across parts.
        first_made_up = NO_ID_FROM - 1
        self.assertIn("feed#%d" % first_made_up, ids)
        self.assertIn("feed#%d" % (RECORDS - 1), ids)
        self.assertNotIn("feed#%d" % RECORDS, ids)
        self.assertExit(provcheck("index", "verify", "--index", index), 0)
        # A passage of the last record is found in its source.
        last = json.loads(lines[-1])["body"]
        draft = self.write("draft.txt", " ".join(last.split()[100:160]) + "\n")
        report = provcheck("scan", draft, "--index", index, "--format", "json").json()
        sources = {f["source"]["id"] for f in report["findings"] if f["kind"] == "reuse"}
        self.assertIn("feed#%d" % (RECORDS - 1), sources)
