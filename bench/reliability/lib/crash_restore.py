"""Crash suite (issue 21), restoring a workspace from an onsite copy: a real `cairn server` is kill -9'd at a seeded
random moment while `cairn export restore --replace` puts a pulled copy back (the upload, the server's checks, the diff
or the apply), then restarted. After each kill:

- a restore the kill cut off ends with a clear error (no stack trace),
- the workspace is whole: every table has either the rows it had before the restore or the copy's (a restore applies
  all or nothing),
- the account's usage equals the bytes of the objects in its store, and no temporary file is left in the data directory,
- the restore run again succeeds and leaves exactly the copy's rows.

Usage: crash_restore.py --quick|--full WORKDIR [PORT] (default a free port; kills: 1 or 10)."""
import os
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rel  # noqa: E402
from crash_export import Api, cairn_cli, server_state_checks, setup  # noqa: E402

SUITE = "crash"
TABLES = ("orders", "customers")


def rows(api):
    """Row count of each table, by paging through its records."""
    counts = {}
    for t in TABLES:
        n, offset = 0, 0
        while True:
            page = api.call("GET", f"/api/v1/workspace/tables/{t}/records?limit=500&offset={offset}")
            n += len(page["records"])
            if not page["hasMore"]:
                break
            offset += len(page["records"])
        counts[t] = n
    return counts


def move_on(api, name, count):
    """The workspace moves on after the copy: COUNT rows named NAME are imported into every table."""
    csv = "name,qty\n" + "".join(f"{name} {j},{j}\n" for j in range(count))
    for t in TABLES:
        api.call("POST", f"/api/v1/workspace/tables/{t}/import", csv.encode(), "text/csv")


def restore(base, key, copy, token, logfile=None):
    args = ["export", "restore", copy, "--server", base, "--identity", key, "--replace"]
    if logfile is None:
        return cairn_cli(*args, CAIRN_TOKEN=token)
    return subprocess.Popen([rel.JAVA, "--enable-native-access=ALL-UNNAMED", "-jar", rel.JAR, *args],
                            env=dict(os.environ, CAIRN_TOKEN=token), stdout=logfile, stderr=subprocess.STDOUT)


def main():
    mode, work, port = sys.argv[1], sys.argv[2], rel.port_arg(sys.argv, 3)
    kills = 1 if mode == "--quick" else 10
    seed = rel.seed()
    rng = random.Random(seed)
    rel.log(SUITE, f"workspace restores: seed {seed}, {kills} kills")
    os.makedirs(work, exist_ok=True)
    server = rel.start_server(work, port)
    base = f"http://127.0.0.1:{port}"
    c = dict(kills=0, whole=0, usage=0, no_temp=0, next_ok=0)
    failures = []

    def fail(label, why):
        failures.append(label)
        rel.log(SUITE, f"FAILED: {label}: {why[-700:]}")

    try:
        token = rel.server_token(work)
        api = Api(base, token)
        key = setup(work, api, rng, 5000 if kills == 1 else 10000)
        export_id = api.call("POST", "/api/v1/workspace/exports", {"formats": ["jsonl"]})["id"]
        if api.settle(export_id)["status"] != "done":
            raise SystemExit("the export to restore from did not finish")
        copy = os.path.join(work, "copy")
        p = cairn_cli("export", "pull", "--server", base, "--identity", key, "--to", copy, CAIRN_TOKEN=token)
        if p.returncode != 0:
            raise SystemExit(f"export pull failed: {p.stdout[-500:]}")
        copy = os.path.join(copy, [d for d in sorted(os.listdir(copy)) if not d.startswith(".")][0])  # a folder each
        copy_rows = rows(api)
        duration = None
        for i in range(kills):
            move_on(api, f"later {i}", rng.randrange(50, 500))  # the restore has rows to put back
            before = rows(api)
            if duration is None:  # how long a restore takes, measured once on a throwaway state
                start = time.monotonic()
                r = restore(base, key, copy, token)
                duration = max(0.5, time.monotonic() - start)
                if r.returncode != 0:
                    raise SystemExit(f"the restore to time failed: {r.stdout[-500:]}")
                move_on(api, f"again {i}", 100)
                before = rows(api)
            delay = rng.uniform(0, duration * 0.9)
            with open(os.path.join(work, "restore.log"), "w") as log:
                p = restore(base, key, copy, token, log)
                time.sleep(delay)
                server.kill()
                server.wait()
                p.wait(timeout=300)
            c["kills"] += 1
            out = open(os.path.join(work, "restore.log")).read()
            if p.returncode != 0:
                c["client-failed"] = c.get("client-failed", 0) + 1
                c["client-clear"] = c.get("client-clear", 0) + rel.clear_error(out)
                if not rel.clear_error(out):
                    fail(f"#{i} restore cut off by the kill", f"the client's error is not clear: {out}")
            label = f"#{i} server killed {delay:.2f} s into a restore (client exit {p.returncode})"
            server = rel.start_server(work, port)
            now = rows(api)
            whole = now == before or now == copy_rows
            c["whole"] += whole
            if not whole:
                fail(label, f"tables hold {now}: neither the rows before {before} nor the copy's {copy_rows}")
            else:
                rel.log(SUITE, f"{label}: {'restored' if now == copy_rows else 'as before'}")
            server_state_checks(c, fail, label, base, token, work)
            r = restore(base, key, copy, token)
            after = rows(api)
            ok = r.returncode == 0 and after == copy_rows
            c["next_ok"] += ok
            if not ok:
                fail(label, f"the restore run again: exit {r.returncode}, rows {after} (copy {copy_rows}): "
                            f"{r.stdout[-300:]}")
    finally:
        server.kill()
        server.wait()
    n = c["kills"]
    rel.result(SUITE, "workspace-restore", not failures and c["whole"] == c["usage"] == c["no_temp"] == c["next_ok"] == n,
               f"kills={n} cut-off={c.get('client-failed', 0)} clear-error={c.get('client-clear', 0)} "
               f"whole={c['whole']} usage-equals-store={c['usage']} no-temp-files={c['no_temp']} "
               f"restore-again-ok={c['next_ok']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
