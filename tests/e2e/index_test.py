"""provcheck index: add, re-add, list, stats, remove, verify, and a killed add."""

import json
import os
import random
import signal
import sqlite3
import subprocess
import time

from common import BIN, CORPUS, TempDirTest, provcheck, index_corpus


def corpus_ids():
    """Every article id in corpus/, read the way a person would."""
    ids = set()
    for root, _, files in os.walk(CORPUS):
        for name in files:
            with open(os.path.join(root, name), encoding="utf-8") as f:
                data = f.read()
            if name.endswith(".jsonl"):
                ids.update(json.loads(l)["id"] for l in data.splitlines() if l.strip())
            elif name.endswith(".json"):
                ids.add(json.loads(data)["id"])
            elif name.endswith(".md"):
                ids.add(data.split("id: ", 1)[1].split("\n", 1)[0].strip())
            elif name.endswith(".html"):
                ids.add(data.split('name="provcheck:id" content="', 1)[1].split('"', 1)[0])
    return ids


class IndexCorpusTest(TempDirTest):

    def setUp(self):
        super().setUp()
        self.index = self.path("idx")
        self.add = index_corpus(self.index)
        self.assertExit(self.add, 0)

    def stats(self):
        run = provcheck("index", "stats", "--format", "json", "--index", self.index)
        self.assertExit(run, 0)
        return run.json()

    def test_indexes_every_article_with_its_metadata(self):
        listed = provcheck("index", "list", "--format", "json", "--index", self.index).json_lines()
        self.assertEqual({d["id"] for d in listed}, corpus_ids())
        self.assertGreaterEqual(len(listed), 40)
        by_id = {d["id"]: d for d in listed}
        self.assertEqual(by_id["hh-003"]["publisher"], "The Harbour Herald")
        self.assertEqual(by_id["mw-009"]["publisher"], "Meridian Wire")  # from HTML meta tags
        self.assertEqual(by_id["ct-b02"]["publisher"], "Coastline Times")  # from JSON Lines
        for d in listed:
            self.assertTrue(d["title"], d)
            self.assertRegex(d["date"], r"^2026-\d\d-\d\d$")

    def test_stats_report_documents_fingerprints_bytes_id_digest(self):
        s = self.stats()
        self.assertEqual(s["documents"], len(corpus_ids()))
        self.assertGreater(s["fingerprints"], 1000)
        self.assertGreater(s["text_bytes"], 100000)
        self.assertGreater(s["disk_bytes"], 0)
        self.assertRegex(s["id"], r"^[0-9a-f]{32}$")
        self.assertRegex(s["digest"], r"^sha256:[0-9a-f]{64}$")
        self.assertIn("documents", provcheck("index", "stats", "--index", self.index).stdout)

    def test_readding_the_same_corpus_changes_nothing(self):
        before = self.stats()
        again = index_corpus(self.index)
        self.assertExit(again, 0)
        self.assertIn("0 added, 0 replaced, %d unchanged" % before["documents"], again.stdout)
        after = self.stats()
        self.assertEqual(after, before)

    def test_verify_passes_on_a_fresh_index(self):
        run = provcheck("index", "verify", "--index", self.index)
        self.assertExit(run, 0)
        self.assertIn("ok", run.stdout)

    def test_verify_fails_with_exit_3_on_a_damaged_index(self):
        db = sqlite3.connect(os.path.join(self.index, "index.db"))
        db.execute("UPDATE documents SET content = (SELECT content FROM documents WHERE id = 'nc-001') "
                   "WHERE id = 'nc-002'")
        db.commit()
        db.close()
        run = provcheck("index", "verify", "--index", self.index)
        self.assertExit(run, 3)
        self.assertOneErrorLine(run, "nc-002")

    def test_remove_takes_a_document_out_and_changes_the_digest(self):
        before = self.stats()
        run = provcheck("index", "remove", "hh-004", "--index", self.index)
        self.assertExit(run, 0)
        after = self.stats()
        self.assertEqual(after["documents"], before["documents"] - 1)
        self.assertNotEqual(after["digest"], before["digest"])
        self.assertExit(provcheck("index", "verify", "--index", self.index), 0)
        # The copied tram passage is no longer found.
        report = provcheck("scan", os.path.join(CORPUS, "..", "examples", "copied.md"),
                           "--index", self.index, "--format", "json").json()
        self.assertNotIn("hh-004", {f["source"]["id"] for f in report["findings"]})

    def test_removing_an_unknown_id_changes_nothing(self):
        before = self.stats()
        run = provcheck("index", "remove", "hh-001", "no-such-id", "--index", self.index)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run, "no-such-id")
        self.assertEqual(self.stats(), before)

    def test_changed_document_is_replaced(self):
        self.write("extra/hh-001.txt", "A replacement text for a document id that was already in "
                   "the index, long enough to give the fingerprinting something to hold on to.")
        run = provcheck("index", "add", self.path("extra"), "--index", self.index)
        self.assertExit(run, 0)
        # A .txt file's id is its path under the folder: "hh-001", already indexed.
        self.assertIn("0 added, 1 replaced", run.stdout)
        listed = provcheck("index", "list", "--format", "json", "--index", self.index).json_lines()
        self.assertEqual({d["id"]: d for d in listed}["hh-001"]["path"], self.path("extra", "hh-001.txt"))
        self.assertExit(provcheck("index", "verify", "--index", self.index), 0)


def generated_corpus(folder, files, words_per_file, seed=1, prefix="doc"):
    """Writes `files` articles of random words; returns the list of texts."""
    rng = random.Random(seed)
    vocabulary = ["w%d" % i for i in range(5000)]
    texts = []
    os.makedirs(folder, exist_ok=True)
    for n in range(files):
        text = " ".join(rng.choice(vocabulary) for _ in range(words_per_file))
        with open(os.path.join(folder, "%s%05d.txt" % (prefix, n)), "w") as f:
            f.write(text)
        texts.append(text)
    return texts


class KilledAddTest(TempDirTest):
    """A SIGKILLed `index add` leaves an index that opens, verifies and answers."""

    def test_index_survives_kill_at_several_points(self):
        texts = generated_corpus(self.path("gen"), 5000, 250)
        env = dict(os.environ, SOURCE_DATE_EPOCH="0")
        # Kill points spread over a whole add's run time (batches of 512 files,
        # their commits and segment merges), whatever the machine's speed.
        start = time.monotonic()
        batches = ("--batch-files", "512")
        self.assertExit(provcheck("index", "add", self.path("gen"), "--index", self.path("timing"),
                                  *batches), 0)
        whole = time.monotonic() - start
        interrupted = 0  # kills that left the add unfinished
        # Each kill hits a fresh add into its own folder, so every kill point is
        # a fraction of a whole add's time (an index filled by earlier kills
        # would finish sooner and make the later kills land after the end).
        for k, fraction in enumerate((0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.97)):
            index = self.path("idx-%d" % k)
            delay = whole * fraction
            proc = subprocess.Popen([BIN, "index", "add", self.path("gen"), "--index", index,
                                     *batches],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            if not os.path.exists(os.path.join(index, "index.db")):
                continue  # killed before the index was created
            stats = provcheck("index", "stats", "--format", "json", "--index", index)
            self.assertExit(stats, 0)
            verify = provcheck("index", "verify", "--index", index)
            self.assertExit(verify, 0)
            docs = stats.json()["documents"]
            self.assertLessEqual(docs, len(texts))
            if docs < len(texts):
                interrupted += 1
                last_interrupted = index
            if docs:
                # A committed document is whole and findable.
                listed = provcheck("index", "list", "--format", "json", "--index", index).json_lines()
                some = listed[len(listed) // 2]
                n = int(some["id"][3:])
                draft = self.write("draft.txt", texts[n][:600])
                report = provcheck("scan", draft, "--format", "json", "--index", index).json()
                self.assertIn(some["id"], {f["source"]["id"] for f in report["findings"]})
        # The kills did land mid-add (at least two of them, even when the machine's
        # load changes between the timing run and the kills).
        self.assertGreaterEqual(interrupted, 2)
        # Re-running the same add completes the last interrupted index, without duplicates.
        index = last_interrupted
        run = provcheck("index", "add", self.path("gen"), "--index", index)
        self.assertExit(run, 0)
        stats = provcheck("index", "stats", "--format", "json", "--index", index).json()
        self.assertEqual(stats["documents"], len(texts))
        self.assertExit(provcheck("index", "verify", "--index", index), 0)
        again = provcheck("index", "add", self.path("gen"), "--index", index)
        self.assertIn("0 added, 0 replaced, %d unchanged" % len(texts), again.stdout)


    def test_a_creation_cut_short_leaves_a_folder_that_still_takes_an_index(self):
        # What a kill while the catalog is being made leaves: its private file.
        index = self.path("idx")
        self.write("idx/index.db.creating-123-456", b"SQLite format 3\x00half")
        self.write("idx/index.db.creating-123-456-wal", b"")
        self.write("corpus/a.txt", "A short article about the harbour and its ferries.")
        self.assertExit(provcheck("index", "add", self.path("corpus"), "--index", index), 0)
        self.assertEqual([n for n in os.listdir(index) if n.startswith("index.db.creating")], [])
        self.assertExit(provcheck("index", "verify", "--index", index), 0)


class ConcurrencyTest(TempDirTest):
    """Scans run while another process adds; two writers take turns."""

    def test_scans_succeed_while_a_writer_adds(self):
        texts = generated_corpus(self.path("gen"), 2000, 250, seed=2)
        index = self.path("idx")
        # A first small add creates the index so scans have one to open.
        self.write("first/seed.txt", texts[0])
        self.assertExit(provcheck("index", "add", self.path("first"), "--index", index), 0)
        draft = self.write("draft.txt", texts[1500][:800])
        writer = subprocess.Popen([BIN, "index", "add", self.path("gen"), "--index", index],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seen = []
        while writer.poll() is None:
            run = provcheck("scan", draft, "--format", "json", "--index", index)
            self.assertIn(run.code, (0, 1), repr(run))
            seen.append(run.json()["index"]["documents"])
        self.assertEqual(writer.wait(), 0, writer.stderr.read())
        self.assertEqual(seen, sorted(seen))  # never goes back in time
        final = provcheck("scan", draft, "--format", "json", "--index", index).json()
        self.assertEqual(final["index"]["documents"], 2001)
        self.assertIn("doc01500", {f["source"]["id"] for f in final["findings"]})

    def test_two_writers_take_turns(self):
        generated_corpus(self.path("a"), 800, 200, seed=3, prefix="a")
        generated_corpus(self.path("b"), 800, 200, seed=4, prefix="b")
        index = self.path("idx")
        first = subprocess.Popen([BIN, "index", "add", self.path("a"), "--index", index],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(0.1)
        second = provcheck("index", "add", self.path("b"), "--index", index)
        out, err = first.communicate()
        self.assertEqual(first.returncode, 0, err)
        self.assertExit(second, 0)
        stats = provcheck("index", "stats", "--format", "json", "--index", index).json()
        self.assertEqual(stats["documents"], 1600)
        self.assertExit(provcheck("index", "verify", "--index", index), 0)
