"""Faults suite (issue 21), fault-injecting store: the shipped jar run with cairn-testkit's `faulty:` store scheme
(FaultyStoreProvider: seeded per-call transient and permanent failures, lost acknowledgements, half-written puts, slow
calls, listings that lag behind writes) under backup, restore and forget --prune of a local repository, and under a
cairn server whose whole store is `faulty:` (uploads, check, restore and prune through the server).

Every operation under faults must end either with exit 0 and exact data, or with a clear error (words, no stack trace,
no 'internal error'); afterwards, without faults, `check --read-data` passes, no committed snapshot is lost, the next
operation succeeds and restores exactly. Through the server, the client's retries must absorb the transient faults
(503s), and the account's usage must equal the bytes in its store.

Usage: store_faults.py --quick|--full WORKDIR PORT (rounds per check: 1 or 5; --quick runs server-store only)."""
import time
import json
import os
import random
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rel  # noqa: E402

SUITE = "faults"
PASSWORD = "reliability-store-faults"

# fault profiles (query rules of faulty:), drawn per round
BACKUP_FAULTS = ["fail=put:0.08", "lost=put:0.15", "partial=0.15", "broken=put:0.05", "slow=put:40&fail=stat:0.05",
                 "lost=put:0.05&fail=list:0.2"]
RESTORE_FAULTS = ["fail=get:0.05", "broken=get:0.03", "slow=get:30&fail=get:0.02", "lost=get:0.05"]
PRUNE_FAULTS = ["lag=5000", "fail=delete:0.3", "lost=delete:0.3", "broken=put:@1", "lag=5000&lost=put:0.2",
                "fail=list:0.1&fail=get:0.03"]
SERVER_LAG_MS = 2000
SERVER_FAULTS = f"fail=put:0.05&lost=put:0.05&partial=0.05&fail=get:0.02&fail=stat:0.02&lag={SERVER_LAG_MS}"


class Repo:
    """A local repository reached plainly (no faults) or through faulty: with given rules."""

    def __init__(self, work, classpath):
        self.work, self.cp = work, classpath
        self.path, self.cache = os.path.join(work, "repo"), os.path.join(work, "cache")
        self.src = os.path.join(work, "src")

    def plain(self, *args):
        return rel.java_cairn(self.cp, list(args), self.path, PASSWORD, self.cache)

    def faulty(self, rules, seed, *args):
        return rel.java_cairn(self.cp, list(args), f"faulty:{self.path}?seed={seed}&{rules}", PASSWORD, self.cache)

    def snapshots(self):
        code, out = self.plain("snapshots", "--json")
        if code != 0:
            raise RuntimeError(f"snapshots failed ({code}): {out[-800:]}")
        return {s["id"]: s for s in json.loads(out)}

    def restores_exactly(self, snapshot, source, run=None):
        target = os.path.join(self.work, "restored")
        shutil.rmtree(target, ignore_errors=True)
        code, out = (run or self.plain)("restore", snapshot, "--target", target)
        return code, out, code == 0 and rel.same_tree(source, rel.restored_root(target, source))


class Tally:
    def __init__(self, *names):
        self.counts = {n: 0 for n in names}
        self.failures = []

    def add(self, name, ok, why=""):
        self.counts[name] += bool(ok)
        if not ok:
            self.failures.append(f"{name}: {why[-700:]}")
            rel.log(SUITE, f"FAILED: {name}: {why[-700:]}")

    def figures(self, rounds, profiles):
        return f"rounds={rounds} " + " ".join(f"{k}={v}" for k, v in self.counts.items()) + f" faults={'|'.join(profiles)}"


def outcome(t, code, out, exact):
    """An operation under faults: exit 0 with exact data, or a clear error."""
    rel.log(SUITE, f"under faults: exit {code}: {out.strip().splitlines()[-1][-300:] if out.strip() else ''}")
    if code == 0:
        t.add("ok-or-clear", exact, "exit 0 but the data is not exact" if not exact else "")
        t.counts.setdefault("succeeded", 0)
        t.counts["succeeded"] += bool(exact)
    else:
        t.add("ok-or-clear", rel.clear_error(out), f"exit {code}: {out}")


def local_checks(work, rng, rounds, seed):
    cp = rel.faulty_classpath(work)
    r = Repo(os.path.join(work, "local"), cp)
    code, out = r.plain("init")
    if code != 0:
        raise SystemExit(f"init failed: {out[-800:]}")
    only = os.environ.get("FAULTS_ONLY", "")  # e.g. FAULTS_ONLY=store-prune: just that row
    rows = [("store-backup", backup), ("store-restore", restore), ("store-prune", prune)]
    for name, run in rows:  # --quick keeps CI's time: the server row only
        if name in only.split(",") or (not only and rounds > 1):
            run(r, rng, rounds, seed)


def after(r, t, committed, src):
    """Without faults: check passes, no committed snapshot lost, the next backup succeeds and restores exactly."""
    code, out = r.plain("check", "--read-data")
    t.add("check-ok", code == 0, out)
    t.add("snapshots-kept", set(committed) <= set(r.snapshots()), f"lost {set(committed) - set(r.snapshots())}")
    code, out = r.plain("backup", src)
    if code != 0:
        t.add("next-ok", False, out)
        return
    code, out, exact = r.restores_exactly("latest", src)
    t.add("next-ok", exact, f"restore after the next backup: exit {code}: {out}")


def backup(r, rng, rounds, seed):
    t = Tally("ok-or-clear", "check-ok", "snapshots-kept", "next-ok")
    used = []
    for i in range(rounds):
        rel.make_tree(os.path.join(r.src, f"b{i}"), rng, files=6, max_kib=1536)
        before = r.snapshots()
        rules = rng.choice(BACKUP_FAULTS)
        used.append(rules)
        code, out = r.faulty(rules, seed + i, "backup", r.src)
        new = set(r.snapshots()) - set(before)
        exact = True
        if code == 0 and new:
            c, o, exact = r.restores_exactly(new.pop(), r.src)
        outcome(t, code, out, code != 0 or exact)
        after(r, t, before, r.src)
    rel.result(SUITE, "store-backup", not t.failures, t.figures(rounds, used))


def restore(r, rng, rounds, seed):
    t = Tally("ok-or-clear", "restore-after-ok")
    used = []
    for i in range(rounds):
        rules = rng.choice(RESTORE_FAULTS)
        used.append(rules)
        code, out, exact = r.restores_exactly("latest", r.src, run=lambda *a: r.faulty(rules, seed + 100 + i, *a))
        outcome(t, code, out, exact)
        code, out, exact = r.restores_exactly("latest", r.src)
        t.add("restore-after-ok", exact, f"exit {code}: {out}")
    rel.result(SUITE, "store-restore", not t.failures, t.figures(rounds, used))


def prune(r, rng, rounds, seed):
    t = Tally("ok-or-clear", "check-ok", "snapshots-kept", "next-ok")
    used = []
    for i in range(rounds):
        rel.make_tree(os.path.join(r.src, f"p{i}"), rng, files=4, max_kib=1024)
        code, out = r.plain("backup", r.src)  # new data, then at once a prune that may not list it yet
        if code != 0:
            raise SystemExit(f"backup before prune failed: {out[-800:]}")
        snaps = sorted(r.snapshots().values(), key=lambda s: s["time"])
        kept = [s["id"] for s in snaps[-2:]]
        rules = rng.choice(PRUNE_FAULTS)
        used.append(rules)
        code, out = r.faulty(rules, seed + 200 + i, "forget", "--keep-last", "2", "--prune", "--max-unused", "0")
        t.add("ok-or-clear", code == 0 or rel.clear_error(out), f"exit {code}: {out}")
        after(r, t, kept, r.src)
    rel.result(SUITE, "store-prune", not t.failures, t.figures(rounds, used))


def server_checks(work, rng, rounds, seed, port):
    os.makedirs(work, exist_ok=True)
    cp = rel.faulty_classpath(work)
    store_dir = os.path.join(work, "data", "store")
    server = rel.start_server(work, port, store=f"faulty:{store_dir}?seed={seed}&{SERVER_FAULTS}", classpath=cp)
    t = Tally("backup-ok", "check-ok", "restore-exact", "prune-ok", "usage-equals-store")
    try:
        token = rel.server_token(work)
        os.environ["CAIRN_TOKEN"] = token
        base = f"http://127.0.0.1:{port}"
        repo, cache, src = f"{base}/faulty", os.path.join(work, "cache"), os.path.join(work, "src")
        # The store's listings lag LAG_MS behind its writes (lag=): inside one command that is the fault under test;
        # between commands the suite waits it out, as a new process (the next command) on such a store must, or it
        # would not yet see the key, index or snapshot the previous command wrote.
        def run(*a):
            out = rel.java_cairn(cp, list(a), repo, PASSWORD, cache)
            time.sleep(SERVER_LAG_MS / 1000 + 0.5)
            return out
        code, out = run("init")
        t.add("backup-ok", code == 0, f"init through a faulty server store: {out}")
        for i in range(rounds):
            rel.make_tree(os.path.join(src, f"s{i}"), rng, files=6, max_kib=1536)
            code, out = run("backup", src)
            t.add("backup-ok", code == 0, f"backup (the client's retries must absorb 503s): exit {code}: {out}")
            code, out = run("check", "--read-data")
            t.add("check-ok", code == 0, out)
            target = os.path.join(work, "restored")
            shutil.rmtree(target, ignore_errors=True)
            code, out = run("restore", "latest", "--target", target)
            t.add("restore-exact", code == 0 and rel.same_tree(src, rel.restored_root(target, src)), f"exit {code}: {out}")
        code, out = run("forget", "--keep-last", "1", "--prune", "--max-unused", "0")
        t.add("prune-ok", code == 0, f"exit {code}: {out}")
        code, out = run("check", "--read-data")
        t.add("check-ok", code == 0, f"after prune: {out}")
        usage, stored = rel.account_usage(base, token), rel.store_bytes(os.path.join(store_dir, "tenants"))
        t.add("usage-equals-store", usage == stored, f"usage {usage} bytes, store {stored} bytes")
        t.counts["usage-drift"] = usage - stored
    finally:
        server.kill()
        server.wait()
    t.counts["backup-ok"] -= 1  # the init
    rel.result(SUITE, "server-store", not t.failures, t.figures(rounds, [SERVER_FAULTS]))


def main():
    mode, work, port = sys.argv[1], sys.argv[2], rel.port_arg(sys.argv, 3)
    rounds = 1 if mode == "--quick" else 5
    seed = rel.seed()
    rng = random.Random(seed)
    rel.log(SUITE, f"store faults: seed {seed}, {rounds} rounds")
    only = os.environ.get("FAULTS_ONLY", "")
    if (not only and rounds > 1) or {"store-backup", "store-restore", "store-prune"} & set(only.split(",")):
        local_checks(os.path.join(work, "store"), rng, rounds, seed)
    if not only or "server-store" in only.split(","):
        server_checks(os.path.join(work, "store-server"), rng, rounds, seed, port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
