"""Crash suite (issue 21): kills real cairn processes (SIGKILL to the process group) at seeded random moments during
backup, forget --prune, prune and restore of a local repository, then checks after each kill: `check --read-data` passes,
the same operation run again succeeds (a restore then restores exactly), no committed snapshot is lost (forget may only
remove what its policy does not keep), and no temporary file is left in the repository once a cairn process opened it.
The moment of each kill is uniform over the operation's last measured duration (so some land in JVM start-up, most in
the work; a few land after the operation ended: counted as 'finished before kill').

The deterministic kill points of the write order are covered by the JUnit tests this suite complements: cairn-agent's
CrashTest (every point of a backup) and PruneCrashTest (every step of prune), cairn-export's RestoreKillTest and
cairn-dist's RemoteResumeTest; `crash.sh --full` runs them too.

Remote: a backup to a cairn server (a real `cairn server` process) is killed the same way (2 kills in --quick, 20 in
--full); after each, `check --read-data` through the server passes, no temporary file is left in the server's data
directory, no committed snapshot is lost and the next backup succeeds (row remote-backup).

Usage: crash.py --quick|--full WORKDIR [PORT] (PORT: the server's; default a free one)."""
import json
import os
import random
import shutil
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rel  # noqa: E402

SUITE = "crash"
PASSWORD = "reliability-crash"
OPS = ["backup", "forget", "prune", "restore"]


class Run:
    def __init__(self, work, rng):
        self.work, self.rng = work, rng
        self.repo, self.cache = os.path.join(work, "repo"), os.path.join(work, "cache")
        self.src = os.path.join(work, "src")
        self.duration = {}
        self.generation = 0

    def cairn(self, *args):
        return rel.cairn(list(args), self.repo, PASSWORD, self.cache)

    def snapshots(self):
        code, out = self.cairn("snapshots", "--json")
        if code != 0:
            raise RuntimeError(f"snapshots failed ({code}): {out[-1000:]}")
        return sorted(((s["time"], s["id"]) for s in json.loads(out)))

    def grow_source(self):
        """New data for the next backup: a new directory of random files, one old file changed."""
        self.generation += 1
        rel.make_tree(os.path.join(self.src, f"g{self.generation}"), self.rng, files=4, max_kib=768)

    def args(self, op):
        if op == "backup":
            return ["backup", self.src]
        if op == "forget":
            return ["forget", "--keep-last", str(max(1, len(self.snapshots()) - 1)), "--prune", "--max-unused", "0"]
        if op == "prune":
            return ["prune", "--max-unused", "0"]
        return ["restore", "latest", "--target", os.path.join(self.work, "target")]

    def prepare(self, op):
        """State in which OP has work to do."""
        if op == "backup":
            self.grow_source()
        if op in ("forget", "prune"):
            while len(self.snapshots()) < 3:
                self.grow_source()
                self.must("backup", self.src)
        if op == "prune":
            self.must("forget", "--keep-last", str(len(self.snapshots()) - 1))
        shutil.rmtree(os.path.join(self.work, "target"), ignore_errors=True)

    def must(self, *args):
        code, out = self.cairn(*args)
        if code != 0:
            raise RuntimeError(f"cairn {' '.join(args)} failed ({code}): {out[-1500:]}")
        return out

    def timed(self, op, args):
        start = time.monotonic()
        code, out = self.cairn(*args)
        self.duration[op] = time.monotonic() - start
        return code, out

    def killed(self, op, args, delay):
        """Starts OP, kills its process group after DELAY seconds; True if it was still running then."""
        with open(os.path.join(self.work, "killed.log"), "a") as logfile:
            p = rel.spawn(args, self.repo, PASSWORD, self.cache, logfile)
            try:
                p.wait(timeout=delay)
                return False
            except Exception:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                return True


def main():
    mode, work = sys.argv[1], sys.argv[2]
    kills = 6 if mode == "--quick" else 100
    seed = rel.seed()
    rng = random.Random(seed)
    rel.log(SUITE, f"seed {seed}, {kills} kills")
    run = Run(work, rng)
    run.grow_source()
    run.must("init")
    for op in OPS:  # calibrates each operation's duration with one run to completion
        run.prepare(op)
        code, out = run.timed(op, run.args(op))
        if code != 0:
            raise SystemExit(f"calibration {op} failed ({code}): {out[-1500:]}")
    stats = {op: dict(tries=0, killed=0, check=0, next_ok=0, kept=0, no_temp=0, restored=0) for op in OPS}
    failures = []
    for i in range(kills):
        op = OPS[i % len(OPS)] if i < len(OPS) else rng.choice(OPS)
        one(run, op, stats[op], failures, i)
    total = dict(tries=0, killed=0, bad=0)
    for op in OPS:
        s = stats[op]
        n = s["tries"]
        ok = s["check"] == n and s["next_ok"] == n and s["kept"] == n and s["no_temp"] == n \
            and (op != "restore" or s["restored"] == n)
        total["tries"] += n
        total["killed"] += s["killed"]
        extra = f" restored-exactly={s['restored']}" if op == "restore" else ""
        rel.result(SUITE, op, ok, f"kills={s['killed']} finished-before-kill={n - s['killed']} check-ok={s['check']} "
                                  f"next-ok={s['next_ok']} snapshots-kept={s['kept']} no-temp-files={s['no_temp']}{extra}")
    remote(os.path.join(work, "remote"), rng, 2 if mode == "--quick" else 20,
           rel.port_arg(sys.argv, 3), failures)
    rel.result(SUITE, "seed", True, f"seed={seed} runs={total['tries']} kills={total['killed']}")
    for f in failures[:20]:
        rel.log(SUITE, "FAILED:", f)
    return 0


def one(run, op, s, failures, i):
    run.prepare(op)
    before = run.snapshots()
    args = run.args(op)
    may_go = set()
    if op == "forget":
        keep = int(args[2])
        may_go = {sid for _, sid in before[:len(before) - keep]}
    delay = run.rng.uniform(0, run.duration[op])
    s["tries"] += 1
    was_killed = run.killed(op, args, delay)
    s["killed"] += was_killed
    label = f"#{i} {op} killed after {delay:.2f} s" if was_killed else f"#{i} {op} finished before {delay:.2f} s"
    code, out = run.cairn("check", "--read-data")
    if code == 0:
        s["check"] += 1
    else:
        failures.append(f"{label}: check exit {code}: {out[-800:]}")
    temps = rel.temp_files(run.repo)
    if not temps:
        s["no_temp"] += 1
    else:
        failures.append(f"{label}: temporary files left after check: {temps}")
    if op == "forget":  # run again: the same policy, so a killed forget finishes and a finished one keeps what it kept
        args = ["forget", "--keep-last", str(keep), "--prune", "--max-unused", "0"]
    if op == "restore":
        shutil.rmtree(os.path.join(run.work, "target"), ignore_errors=True)
    code, out = run.timed(op, args)
    if code == 0:
        s["next_ok"] += 1
    else:
        failures.append(f"{label}: the next {op} failed ({code}): {out[-800:]}")
    after = {sid for _, sid in run.snapshots()}
    lost = {sid for _, sid in before} - may_go - after
    if not lost:
        s["kept"] += 1
    else:
        failures.append(f"{label}: committed snapshots lost: {sorted(lost)}")
    if op == "restore":
        if rel.same_tree(run.src, rel.restored_root(os.path.join(run.work, "target"), run.src)):
            s["restored"] += 1
        else:
            failures.append(f"{label}: the restore after the kill differs from the source")
    rel.log(SUITE, f"{label}: check {'ok' if s['check'] == s['tries'] else 'FAILED'}, next {op} exit {code}")


def remote(work, rng, kills, port, failures):
    """Backups to a cairn server killed at random moments (the server keeps running)."""
    os.makedirs(work, exist_ok=True)
    server = rel.start_server(work, port)
    try:
        os.environ["CAIRN_TOKEN"] = rel.server_token(work)
        run = Run(work, rng)
        run.repo = f"http://127.0.0.1:{port}/crash"
        run.grow_source()
        run.must("init")
        for _ in range(3):
            run.grow_source()
        code, out = run.timed("backup", ["backup", run.src])
        if code != 0:
            raise SystemExit(f"remote calibration backup failed ({code}): {out[-1500:]}")
        s = dict(tries=0, killed=0, check=0, next_ok=0, kept=0, no_temp=0)
        for i in range(kills):
            for _ in range(3):  # more new data than a local round: the upload, not the JVM's start, is most of the time
                run.grow_source()
            before = {sid for _, sid in run.snapshots()}
            delay = rng.uniform(0, run.duration["backup"])
            s["tries"] += 1
            was_killed = run.killed("backup", ["backup", run.src], delay)
            s["killed"] += was_killed
            label = f"#r{i} remote backup {'killed after' if was_killed else 'finished before'} {delay:.2f} s"
            code, out = run.cairn("check", "--read-data")
            s["check"] += code == 0
            if code != 0:
                failures.append(f"{label}: check exit {code}: {out[-800:]}")
            code, out = run.timed("backup", ["backup", run.src])
            s["next_ok"] += code == 0
            if code != 0:
                failures.append(f"{label}: the next backup failed ({code}): {out[-800:]}")
            temps = rel.temp_files(os.path.join(work, "data"))
            s["no_temp"] += not temps
            if temps:
                failures.append(f"{label}: temporary files in the server's data directory: {temps}")
            lost = before - {sid for _, sid in run.snapshots()}
            s["kept"] += not lost
            if lost:
                failures.append(f"{label}: committed snapshots lost: {sorted(lost)}")
            rel.log(SUITE, f"{label}: next backup exit {code}")
        n = s["tries"]
        ok = s["check"] == s["next_ok"] == s["kept"] == s["no_temp"] == n
        rel.result(SUITE, "remote-backup", ok, f"kills={s['killed']} finished-before-kill={n - s['killed']} "
                                               f"check-ok={s['check']} next-ok={s['next_ok']} snapshots-kept={s['kept']} "
                                               f"no-temp-files={s['no_temp']}")
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
