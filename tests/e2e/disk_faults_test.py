"""Disk faults (issue 8): a full disk, a read-only index, unreadable corpus files.

Each has one clear outcome: one stderr line naming the problem, exit 2, and an index
exactly as it was. The full-disk and read-only cases mount a 4 MiB tmpfs (root only);
the unreadable-file cases run provcheck as the unprivileged user `nobody` (root only, to
switch user). Without root, or where mounting is refused (a container without
CAP_SYS_ADMIN), they are skipped, saying why.
"""

import json
import os
import random
import shutil
import subprocess
import unittest

from common import BIN, CORPUS, EXAMPLES, TempDirTest, index_corpus, provcheck

TMPFS_SIZE = "4m"
# A draft that copies corpus/ (the same draft the scan examples flag).
COPIED = os.path.join(EXAMPLES, "copied.md")


def stats(index):
    run = provcheck("index", "stats", "--format", "json", "--index", index)
    assert run.code == 0, repr(run)
    return run.json()


def listing(index):
    run = provcheck("index", "list", "--format", "json", "--index", index)
    assert run.code == 0, repr(run)
    return run.stdout


def files_under(folder):
    """Every file under `folder`, as paths relative to it, sorted."""
    out = []
    for root, _, names in os.walk(folder):
        out += [os.path.relpath(os.path.join(root, n), folder) for n in names]
    return sorted(out)


class TmpfsTest(TempDirTest):
    """A test with a small tmpfs mounted at self.mnt, unmounted afterwards."""

    def setUp(self):
        super().setUp()
        if os.geteuid() != 0:
            self.skipTest("needs root to mount a %s tmpfs (running as uid %d)"
                          % (TMPFS_SIZE, os.geteuid()))
        self.mnt = self.path("mnt")
        os.mkdir(self.mnt)
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=" + TMPFS_SIZE, "tmpfs",
                               self.mnt], capture_output=True, text=True)
        if proc.returncode != 0:
            self.skipTest("mounting a tmpfs is not permitted here: " + proc.stderr.strip())
        self.addCleanup(self.unmount)

    def unmount(self):
        if subprocess.run(["umount", self.mnt], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", self.mnt], check=True)

    def remount(self, mode):
        subprocess.run(["mount", "-o", "remount," + mode, self.mnt], check=True)

    def assertFindsCorpus(self, index):
        """A scan of a copied draft against `index` finds its corpus source."""
        run = provcheck("scan", COPIED, "--format", "json", "--index", index)
        self.assertExit(run, 1)
        sources = {f["source"]["id"] for f in run.json()["findings"] if f["kind"] == "reuse"}
        self.assertTrue(sources, repr(run))


class FullDiskTest(TmpfsTest):

    def big_corpus(self):
        """About 12 MB of text in 60 files: three times the tmpfs, in one batch of
        `index add` (fewer than 65536 files and 256 MB), so nothing of it may stay."""
        folder = self.path("big")
        os.mkdir(folder)
        rng = random.Random(8)
        letters = "abcdefghijklmnopqrstuvwxyz"
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9)))
                 for _ in range(5000)]
        for n in range(60):
            with open(os.path.join(folder, "doc%02d.txt" % n), "w") as f:
                f.write(" ".join(rng.choice(words) for _ in range(30000)))
        return folder

    def test_adding_more_than_fits_fails_clearly_and_keeps_the_index(self):
        index = os.path.join(self.mnt, "idx")
        self.assertExit(index_corpus(index), 0)
        before = (stats(index), listing(index), files_under(index))

        run = provcheck("index", "add", self.big_corpus(), "--index", index)
        self.assertExit(run, 2)
        self.assertOneErrorLine(run)
        self.assertRegex(run.stderr, "No space left on device|disk is full", repr(run))

        self.assertEqual(provcheck("index", "verify", "--index", index).code, 0)
        self.assertEqual((stats(index), listing(index)), before[:2])
        # Nothing half-written is left to fill the disk: not a temp file, not a log.
        self.assertEqual(files_under(index), before[2])
        self.assertFindsCorpus(index)
        # And the index still takes what fits.
        small = self.write("small/harbour.txt", "The harbour wall was rebuilt stone by stone.")
        self.assertExit(provcheck("index", "add", small, "--index", index), 0)
        self.assertEqual(stats(index)["documents"], before[0]["documents"] + 1)


class ReadOnlyIndexTest(TmpfsTest):

    def setUp(self):
        super().setUp()
        self.index = os.path.join(self.mnt, "idx")
        self.assertExit(index_corpus(self.index), 0)
        self.before = (stats(self.index), listing(self.index), files_under(self.index))
        self.remount("ro")
        self.addCleanup(self.remount, "rw")  # runs before the unmount

    def test_index_add_and_remove_fail_clearly(self):
        draft = self.write("d.txt", "A short article about the harbour wall.")
        for args in (("add", draft), ("remove", "harbour")):
            with self.subTest(args[0]):
                run = provcheck("index", *args, "--index", self.index)
                self.assertExit(run, 2)
                self.assertOneErrorLine(run, "idx", "cannot write the index",
                                        "Read-only file system")

    def test_scan_list_stats_and_verify_work(self):
        self.assertFindsCorpus(self.index)
        self.assertEqual((stats(self.index), listing(self.index)), self.before[:2])
        run = provcheck("index", "verify", "--index", self.index)
        self.assertExit(run, 0)
        self.assertIn(": ok (", run.stdout)
        self.assertEqual(files_under(self.index), self.before[2])


def as_nobody(*args):
    """Runs provcheck as the unprivileged user nobody; returns the CompletedProcess."""
    env = {k: v for k, v in os.environ.items() if k != "PROVCHECK_INDEX"}
    return subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                           BIN] + list(args), capture_output=True, text=True, env=env,
                          timeout=120)


class UnprivilegedUserTest(TempDirTest):
    """provcheck run as `nobody` in a folder that user owns."""

    SOURCE = ("Councillors on the coastal committee agreed last night that the old lifeboat "
              "station would become a museum of local shipwrecks, with the restored boat as "
              "its centrepiece and volunteers guiding visitors through the records of every "
              "rescue since 1880.")

    def setUp(self):
        super().setUp()
        if os.geteuid() != 0:
            self.skipTest("needs root to run provcheck as the user nobody (running as uid %d)"
                          % os.geteuid())
        if shutil.which("setpriv") is None:
            self.skipTest("needs setpriv (util-linux) to run provcheck as the user nobody")
        probe = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup",
                                "--clear-groups", BIN, "--version"], capture_output=True)
        if probe.returncode != 0:
            self.skipTest("the user nobody cannot run %s: %s" % (BIN, probe.stderr.decode()))
        os.chmod(self.tmp, 0o755)

    def give_to_nobody(self):
        subprocess.run(["chown", "-R", "nobody:nogroup", self.tmp], check=True)

    def add_as_nobody(self, index, error):
        """`index add corpus/` as nobody: exit 2, `error` the one line on stderr,
        the readable file added."""
        run = as_nobody("index", "add", self.path("corpus"), "--index", index)
        self.assertEqual(run.returncode, 2, run)
        lines = [l for l in run.stderr.splitlines() if l.strip()]
        self.assertEqual(lines, ["provcheck: " + error], run)
        self.assertIn("read 1 files (1 added", run.stdout)
        return run

    def test_unreadable_file_is_named_and_skipped_and_the_rest_indexed(self):
        self.write("corpus/good.txt", self.SOURCE)
        secret = self.write("corpus/secret.txt", "words nobody may read")
        self.give_to_nobody()
        os.chmod(secret, 0)
        index = self.path("idx")
        run = self.add_as_nobody(index, "%s: cannot open: Permission denied" % secret)
        self.assertIn("skipped: 1 files, 0 records", run.stdout)
        listed = as_nobody("index", "list", "--format", "json", "--index", index)
        self.assertEqual(listed.returncode, 0, listed)
        self.assertEqual(len(listed.stdout.splitlines()), 1)
        self.assertIn('"id":"good"', listed.stdout)
        draft = self.write("draft.txt", self.SOURCE)
        os.chmod(draft, 0o644)
        scan = as_nobody("scan", draft, "--format", "json", "--index", index)
        self.assertEqual(scan.returncode, 1, scan)
        self.assertIn('"id":"good"', scan.stdout)

    def test_unreadable_folder_is_named_and_skipped_and_the_rest_indexed(self):
        self.write("corpus/good.txt", self.SOURCE)
        self.write("corpus/private/hidden.txt", "words in a folder nobody may list")
        self.give_to_nobody()
        private = self.path("corpus", "private")
        os.chmod(private, 0)
        self.addCleanup(os.chmod, private, 0o755)
        index = self.path("idx")
        run = self.add_as_nobody(index, "%s: cannot list: Permission denied" % private)
        self.assertIn("1 folders)", run.stdout)
        listed = as_nobody("index", "list", "--format", "json", "--index", index)
        self.assertEqual(listed.returncode, 0, listed)
        self.assertEqual([json.loads(l)["id"] for l in listed.stdout.splitlines()], ["good"])

    def test_scan_of_an_index_the_user_cannot_write(self):
        # A shared index: written by root, read by everyone else.
        index = self.path("idx")
        self.assertEqual(index_corpus(index).code, 0)
        run = as_nobody("scan", COPIED, "--format", "json", "--index", index)
        self.assertEqual(run.returncode, 1, run)
        self.assertIn('"kind":"reuse"', run.stdout)
        add = as_nobody("index", "add", os.path.join(CORPUS), "--index", index)
        self.assertEqual(add.returncode, 2, add)
        self.assertEqual(add.stderr, "provcheck: %s: cannot write the index: Permission denied\n"
                         % index)


if __name__ == "__main__":
    unittest.main()
