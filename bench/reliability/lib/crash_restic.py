"""Crash suite (issue 21), restic REST uploads and server-side prune: the real `restic` against a real `cairn server`
(REST protocol v2, docs/spec/http-api.md §5). Each round kill -9s, at a seeded random moment, either the server (then
restarts it) or the restic client, during a `restic backup` (row restic-backup) or a `restic forget --prune` (row
restic-prune); and a `cairn forget --prune` against a repository on the server (row remote-prune), killing the server or
the cairn client. After each kill:

- `restic check --read-data` (or `cairn check --read-data`) passes (after `restic unlock`, which removes the dead
  client's lock as restic users do),
- no committed snapshot is lost (a killed forget may only remove what its policy does not keep),
- the account's usage equals the bytes in its store, and no temporary file is left in the server's data directory,
- the operation run again succeeds.

Usage: crash_restic.py --quick|--full WORKDIR [PORT] (default a free port; --quick: restic-backup with 1 kill; --full: every row, 10 kills)."""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rel  # noqa: E402

SUITE = "crash"
PASSWORD = "reliability-restic"


class Server:
    def __init__(self, work, port):
        self.work, self.port = work, port
        self.base = f"http://127.0.0.1:{port}"
        self.proc = rel.start_server(work, port)
        self.token = rel.server_token(work)

    def kill(self):
        self.proc.kill()
        self.proc.wait()

    def restart(self):
        self.kill()
        self.proc = rel.start_server(self.work, self.port)

    def usage_matches_store(self):
        usage = rel.account_usage(self.base, self.token)
        stored = rel.store_bytes(os.path.join(self.work, "data", "store", "tenants"))
        return usage == stored, f"usage {usage} bytes, store {stored} bytes"

    def temp_files(self):
        return rel.temp_files(os.path.join(self.work, "data"))


class Restic:
    def __init__(self, server, work):
        self.server, self.work = server, work
        self.env = dict(os.environ, RESTIC_PASSWORD=PASSWORD, RESTIC_CACHE_DIR=os.path.join(work, "restic-cache"),
                        RESTIC_REPOSITORY=f"rest:http://admin:{server.token}@127.0.0.1:{server.port}/admin/restic/")
        self.src = os.path.join(work, "restic-src")

    def run(self, *args, timeout=600):
        p = subprocess.run(["restic", *args], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=timeout)
        return p.returncode, p.stdout

    def spawn(self, *args):
        log = open(os.path.join(self.work, "restic.log"), "w")
        return subprocess.Popen(["restic", *args], env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)

    def snapshots(self):
        code, out = self.run("snapshots", "--json", "--no-lock")
        if code != 0:
            raise RuntimeError(f"restic snapshots failed ({code}): {out[-800:]}")
        return {s["id"] for s in json.loads(out) or []}


class Tally:
    def __init__(self):
        self.c = dict(kills=0, server_kills=0, client_kills=0, check=0, kept=0, usage=0, no_temp=0, next_ok=0)
        self.failures = []

    def add(self, key, ok, label, why):
        self.c[key] += bool(ok)
        if not ok:
            self.failures.append(f"{label}: {why[-700:]}")
            rel.log(SUITE, f"FAILED: {label}: {why[-700:]}")

    def row(self, check):
        c = self.c
        n = c["kills"]
        good = not self.failures and c["check"] == c["kept"] == c["usage"] == c["no_temp"] == c["next_ok"] == n
        rel.result(SUITE, check, good, f"kills={n} server-kills={c['server_kills']} client-kills={c['client_kills']} "
                                       f"check-ok={c['check']} snapshots-kept={c['kept']} usage-equals-store={c['usage']} "
                                       f"no-temp-files={c['no_temp']} next-ok={c['next_ok']}")


def kill_during(server, proc, rng, delay, t):
    """Kills the server (then restarts it) or the client after DELAY seconds; waits for the client to end."""
    time.sleep(delay)
    victim = rng.choice(["server", "client"])
    t.c["kills"] += 1
    if victim == "server":
        t.c["server_kills"] += 1
        server.kill()
        try:
            proc.wait(timeout=180)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        server.proc = rel.start_server(server.work, server.port)
    else:
        t.c["client_kills"] += 1
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
    return victim


def after(server, t, label, check, before, snapshots, again):
    code, out = check()
    t.add("check", code == 0, label, f"check exit {code}: {out}")
    lost = before - snapshots()
    t.add("kept", not lost, label, f"committed snapshots lost: {sorted(lost)}")
    ok, why = server.usage_matches_store()
    t.add("usage", ok, label, why)
    temps = server.temp_files()
    t.add("no_temp", not temps, label, f"temporary files in the server's data directory: {temps}")
    code, out = again()
    t.add("next_ok", code == 0, label, f"the operation run again: exit {code}: {out}")


def restic_rows(server, work, rng, kills, quick):
    r = Restic(server, work)
    code, out = r.run("init")
    if code != 0:
        raise SystemExit(f"restic init failed: {out[-800:]}")
    rel.make_tree(os.path.join(r.src, "g0"), rng, files=6, max_kib=2048)
    start = time.monotonic()
    code, out = r.run("backup", r.src)
    if code != 0:
        raise SystemExit(f"restic calibration backup failed: {out[-800:]}")
    duration = max(1.0, time.monotonic() - start)
    check = lambda: r.run("check", "--read-data")  # noqa: E731
    backup_t, prune_t = Tally(), Tally()
    for i in range(kills):
        rel.make_tree(os.path.join(r.src, f"b{i}"), rng, files=6, max_kib=2048)
        before = r.snapshots()
        delay = rng.uniform(0.3, duration)
        victim = kill_during(server, r.spawn("backup", r.src), rng, delay, backup_t)
        r.run("unlock")
        after(server, backup_t, f"#{i} restic backup, {victim} killed after {delay:.2f} s", check, before, r.snapshots,
              lambda: r.run("backup", r.src))
    backup_t.row("restic-backup")
    if quick:
        return  # --quick keeps CI's time: restic-prune and remote-prune run in --full
    for i in range(kills):
        code, out = r.run("backup", r.src)  # something for forget to remove
        snaps = r.run("snapshots", "--json", "--no-lock")[1]
        kept = {s["id"] for s in sorted(json.loads(snaps), key=lambda s: s["time"])[-2:]}
        delay = rng.uniform(0.3, duration)
        victim = kill_during(server, r.spawn("forget", "--keep-last", "2", "--prune"), rng, delay, prune_t)
        r.run("unlock")
        after(server, prune_t, f"#{i} restic forget --prune, {victim} killed after {delay:.2f} s", check, kept,
              r.snapshots, lambda: r.run("forget", "--keep-last", "2", "--prune"))
    prune_t.row("restic-prune")


def cairn_prune_row(server, work, rng, kills):
    """cairn forget --prune of a repository on the server, the server or the client killed."""
    os.environ["CAIRN_TOKEN"] = server.token
    repo, cache, src = f"{server.base}/prunes", os.path.join(work, "cache"), os.path.join(work, "cairn-src")
    run = lambda *a: rel.cairn(list(a), repo, PASSWORD, cache)  # noqa: E731
    # A client that gave up while the server was down could not release its lease: the next command waits for it to
    # lapse (`--retry-lock`, as a scheduled job would) rather than refusing at once with "the repository is in use"
    # (exit 12, which the first full run of this row counted as a failure of the operation run again).
    wait = ["--retry-lock", "5m"]

    def snapshots():
        code, out = run("snapshots", "--json")
        if code != 0:
            raise RuntimeError(f"snapshots failed ({code}): {out[-800:]}")
        return sorted(json.loads(out), key=lambda s: s["time"])

    code, out = run("init")
    if code != 0:
        raise SystemExit(f"cairn init on the server failed: {out[-800:]}")
    t = Tally()
    prune_args = ["forget", "--keep-last", "1", "--prune", "--max-unused", "0"]
    for i in range(kills):
        for g in range(2):
            rel.make_tree(os.path.join(src, f"p{i}-{g}"), rng, files=4, max_kib=1024)
            code, out = run("backup", *wait, src)
            if code != 0:
                raise SystemExit(f"backup before prune failed: {out[-800:]}")
        kept = {snapshots()[-1]["id"]}
        delay = rng.uniform(1.0, 6.0)
        proc = rel.spawn(prune_args, repo, PASSWORD, cache, open(os.path.join(work, "prune.log"), "w"))
        victim = kill_during(server, proc, rng, delay, t)
        after(server, t, f"#{i} cairn forget --prune on the server, {victim} killed after {delay:.2f} s",
              lambda: run("check", "--read-data"), kept, lambda: {s["id"] for s in snapshots()},
              lambda: run(*prune_args, *wait))
        rel.log(SUITE, f"#{i} remote-prune: {victim} killed after {delay:.2f} s; checked")
    t.row("remote-prune")


def main():
    mode, work, port = sys.argv[1], sys.argv[2], rel.port_arg(sys.argv, 3)
    kills = 1 if mode == "--quick" else 10
    seed = rel.seed()
    rng = random.Random(seed)
    rel.log(SUITE, f"restic and server prune: seed {seed}, {kills} kills per row")
    os.makedirs(work, exist_ok=True)
    server = Server(work, port)
    try:
        only = os.environ.get("CRASH_RESTIC_ONLY", "")  # remote-prune: that row alone
        if only != "remote-prune":
            restic_rows(server, work, rng, kills, mode == "--quick")
        if mode != "--quick":
            cairn_prune_row(server, work, rng, kills)
    finally:
        server.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
