"""The load suite's clients: each a thread that runs one real client (the restic binary through the restic REST
protocol, or the cairn agent) in a loop until a deadline: backup, snapshots, restore of the latest snapshot (compared
with the source), check, then a change to its source tree; every third round also `forget --keep-last 2 --prune`
(the cairn agent's at the same time as that round's backup, both with `--retry-lock 10m`, so the server's leases must
keep them apart; restic's after it, since restic 0.14 has no --retry-lock), and once the time is up `check --read-data`. Every
operation is timed; one that exits non-zero (after the client's own retries) is an error visible to the client, and so
is a restore that differs from the source."""
import os
import random
import re
import shutil
import subprocess
import threading
import time

import rel

PASSWORD = "reliability-load"
RETRY = re.compile(r"retrying|retry in|, retrying|will retry", re.I)


class Client(threading.Thread):
    def __init__(self, kind, index, work, base_url, token, deadline, seed):
        super().__init__(daemon=True)
        self.kind, self.index, self.deadline = kind, index, deadline
        self.dir = os.path.join(work, f"{kind}-{index}")
        self.src, self.cache = os.path.join(self.dir, "src"), os.path.join(self.dir, "cache")
        self.rng = random.Random(seed)
        self.token = token
        if kind == "restic":
            host = base_url.split("://", 1)[1]
            self.repo = f"rest:http://admin:{token}@{host}/admin/load-r{index}/"
        else:
            self.repo = f"{base_url}/load-c{index}"
        self.ops = []       # (kind, seconds, ok)
        self.errors = []    # (op, detail)
        self.retried = 0
        os.makedirs(self.dir, exist_ok=True)
        self.log = open(self.dir + ".log", "w")

    def env(self):
        e = rel.env(self.repo, PASSWORD, self.cache)
        e.update(RESTIC_PASSWORD=PASSWORD, RESTIC_REPOSITORY=self.repo, CAIRN_TOKEN=self.token)
        return e

    def command(self, op, target=None):
        if self.kind == "restic":
            base = ["restic", "-q", "--cache-dir", self.cache]
            return base + {"init": ["init"], "backup": ["backup", "--host", "load", self.src], "snapshots": ["snapshots"],
                           "restore": ["restore", "latest", "--target", target or ""], "check": ["check"],
                           "forget": ["forget", "--keep-last", "2", "--prune"],
                           "check-read-data": ["check", "--read-data"]}[op]
        # --retry-lock: the backup and the prune beside it wait for each other's lease instead of refusing at once
        return [rel.CAIRN, "-q"] + {"init": ["init"], "backup": ["backup", "--retry-lock", "10m", self.src],
                                    "snapshots": ["snapshots"],
                                    "restore": ["restore", "latest", "--target", target or ""], "check": ["check"],
                                    "forget": ["forget", "--keep-last", "2", "--prune", "--retry-lock", "10m"],
                                    "check-read-data": ["check", "--read-data"]}[op]

    def run_op(self, op, target=None, timeout=900):
        start = time.monotonic()
        try:
            p = subprocess.run(self.command(op, target), env=self.env(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, timeout=timeout)
            code, out = p.returncode, p.stdout
        except subprocess.TimeoutExpired as e:
            code, out = -1, f"timed out after {timeout} s: {e.output or ''}"
        seconds = time.monotonic() - start
        self.retried += len(RETRY.findall(out))
        self.log.write(f"--- {op} exit {code} {seconds:.2f}s\n{out[-4000:]}\n")
        self.log.flush()
        ok = code == 0
        if op != "init":
            self.ops.append((op, seconds, ok))
        if not ok:
            self.errors.append((op, f"exit {code}: {out.strip()[-300:]}"))
        return ok

    def prepare(self):
        rel.make_tree(self.src, self.rng, files=8, max_kib=int(os.environ.get("LOAD_FILE_KIB", 384)))
        if not self.run_op("init"):
            raise RuntimeError(f"{self.kind}-{self.index}: init failed: {self.errors[-1]}")

    def run(self):
        rounds = 0
        while time.monotonic() < self.deadline:
            rounds += 1
            pruning = rounds % 3 == 0
            pruner = None
            if pruning and self.kind == "cairn":  # beside this round's backup: the leases keep them apart
                pruner = threading.Thread(target=self.run_op, args=("forget",), daemon=True)
                pruner.start()
            backed_up = self.run_op("backup")
            if pruner:
                pruner.join()
            elif pruning and backed_up:
                self.run_op("forget")
            if not backed_up:
                continue
            if time.monotonic() < self.deadline:
                self.run_op("snapshots")
            if time.monotonic() < self.deadline:
                self.restore(rounds)
            if time.monotonic() < self.deadline and rounds % 2 == 0:
                self.run_op("check")
            self.change_source(rounds)
        self.run_op("check-read-data")  # nothing the prunes removed was still needed

    def restore(self, rounds):
        target = os.path.join(self.dir, "restore")
        shutil.rmtree(target, ignore_errors=True)
        if self.run_op("restore", target) and not rel.same_tree(self.src, rel.restored_root(target, self.src)):
            self.errors.append(("restore", f"round {rounds}: the restored tree differs from the source"))
            self.ops[-1] = ("restore", self.ops[-1][1], False)
        shutil.rmtree(target, ignore_errors=True)

    def change_source(self, rounds):
        """A new file and one rewritten one (incompressible, so each round uploads new data)."""
        with open(os.path.join(self.src, "d0", f"new{rounds}.bin"), "wb") as f:
            f.write(self.rng.randbytes(self.rng.randint(16, 512) * 1024))
        files = rel.source_files(self.src)
        with open(os.path.join(self.src, self.rng.choice(files)), "wb") as f:
            f.write(self.rng.randbytes(self.rng.randint(1, 256) * 1024))
