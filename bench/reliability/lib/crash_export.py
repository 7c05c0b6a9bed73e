"""Crash suite (issue 21), workspace exports on the server: a real `cairn server` with two workspace tables is kill -9'd
at a seeded random moment while it builds an export (queued or running), then restarted. After each kill:

- the export does not stay `queued` or `running`: within 2 minutes it is `done` (resumed) or `failed` with a reason,
- the account's usage equals the bytes of the objects in its store, no temporary file is left in the data directory,
- a new export run to completion is `done`, and `cairn export pull` of it verifies (signature and every file's hash).

Usage: crash_export.py --quick|--full WORKDIR [PORT] (default a free port; kills: 1 or 10)."""
import json
import os
import random
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rel  # noqa: E402

SUITE = "crash"


class Api:
    def __init__(self, base, token):
        self.base, self.token = base, token

    def call(self, method, path, body=None, content_type="application/json"):
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Authorization": f"Bearer {self.token}", "Content-Type": content_type})
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read()
            return json.loads(text) if text else None

    def export(self, export_id):
        return [x for x in self.call("GET", "/api/v1/workspace/exports")["exports"] if x["id"] == export_id][0]

    def until_running(self, export_id, seconds=120):
        """Seconds until the export is first seen running (or has ended), polling every 50 ms."""
        start = time.monotonic()
        while self.export(export_id)["status"] == "queued" and time.monotonic() - start < seconds:
            time.sleep(0.05)
        return time.monotonic() - start

    def settle(self, export_id, seconds=120):
        """The export's status once it is neither queued nor running (or the last one seen after SECONDS)."""
        deadline = time.monotonic() + seconds
        while True:
            e = self.export(export_id)
            if e["status"] not in ("queued", "running") or time.monotonic() > deadline:
                return e
            time.sleep(0.05)


def server_state_checks(c, fail, label, base, token, work):
    """After a kill and restart: the account's usage equals its store's bytes (count c["usage"]) and no temporary file
    is left in the server's data directory under WORK (count c["no_temp"]); FAIL(label, why) says what differs."""
    usage = rel.account_usage(base, token)
    stored = rel.store_bytes(os.path.join(work, "data", "store"), skip=("health",))
    c["usage"] += usage == stored
    if usage != stored:
        fail(label, f"usage {usage} bytes, store {stored} bytes")
    temps = rel.temp_files(os.path.join(work, "data"))
    c["no_temp"] += not temps
    if temps:
        fail(label, f"temporary files in the data directory: {temps}")


def cairn_cli(*args, **env):
    return subprocess.run([rel.JAVA, "--enable-native-access=ALL-UNNAMED", "-jar", rel.JAR, *args],
                          env=dict(os.environ, **env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=600)


def setup(work, api, rng, rows):
    key, recipient = os.path.join(work, "key.txt"), os.path.join(work, "recipient.txt")
    p = subprocess.run([rel.JAVA, "--enable-native-access=ALL-UNNAMED", "-jar", rel.JAR, "export", "keygen", "--output",
                        key], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, check=True)
    with open(recipient, "w") as f:
        f.write(p.stdout.strip())
    api.call("POST", "/api/v1/workspace/export/recipients", {"name": "reliability", "recipient": open(recipient).read()})
    for t in ("orders", "customers"):
        api.call("POST", "/api/v1/workspace/tables", {"name": t, "columns": [{"name": "name", "type": "text"},
                                                                             {"name": "qty", "type": "integer"}]})
        csv = "name,qty\n" + "".join(f"{t} {i} {rng.randrange(10**6)},{rng.randrange(1, 99)}\n" for i in range(rows))
        api.call("POST", f"/api/v1/workspace/tables/{t}/import", csv.encode(), "text/csv")
    return key


def main():
    mode, work, port = sys.argv[1], sys.argv[2], rel.port_arg(sys.argv, 3)
    kills = 1 if mode == "--quick" else 10
    seed = rel.seed()
    rng = random.Random(seed)
    rel.log(SUITE, f"workspace exports: seed {seed}, {kills} kills")
    os.makedirs(work, exist_ok=True)
    server = rel.start_server(work, port)
    base = f"http://127.0.0.1:{port}"
    c = dict(kills=0, settled=0, usage=0, no_temp=0, next_ok=0)
    failures = []

    def fail(label, why):
        failures.append(label)
        rel.log(SUITE, f"FAILED: {label}: {why[-700:]}")

    try:
        token = rel.server_token(work)
        api = Api(base, token)
        key = setup(work, api, rng, 10000 if kills == 1 else 20000)
        first = api.call("POST", "/api/v1/workspace/exports", {"formats": ["jsonl", "csv", "xlsx"]})["id"]
        api.until_running(first)
        start = time.monotonic()
        api.settle(first)
        duration = max(0.2, time.monotonic() - start)  # how long it runs, once running
        for i in range(kills):
            delay = rng.uniform(0, duration * 0.9)  # into the run (a few land while it is still queued)
            export_id = api.call("POST", "/api/v1/workspace/exports", {"formats": ["jsonl", "csv", "xlsx"]})["id"]
            api.until_running(export_id)
            time.sleep(delay)
            at_kill = api.export(export_id)["status"]
            c["killed-" + at_kill] = c.get("killed-" + at_kill, 0) + 1
            server.kill()
            server.wait()
            c["kills"] += 1
            server = rel.start_server(work, port)
            label = f"#{i} export killed {delay:.2f} s into its run ({at_kill})"
            e = api.settle(export_id)
            ok = e["status"] == "done" or (e["status"] == "failed" and e.get("error"))
            c["settled"] += bool(ok)
            if not ok:
                fail(label, f"the export is {e['status']} 2 minutes after the restart: {e}")
            else:
                rel.log(SUITE, f"{label}: {e['status']} {e.get('error') or ''}")
            server_state_checks(c, fail, label, base, token, work)
            again = api.call("POST", "/api/v1/workspace/exports", {"formats": ["jsonl", "csv"]})["id"]
            done = api.settle(again)["status"] == "done"
            copy = os.path.join(work, f"copy{i}")
            p = cairn_cli("export", "pull", "--server", base, "--identity", key, "--to", copy, CAIRN_TOKEN=token)
            v = cairn_cli("export", "verify", copy)
            c["next_ok"] += done and p.returncode == 0 and v.returncode == 0
            if not (done and p.returncode == 0 and v.returncode == 0):
                fail(label, f"next export done={done}, pull {p.returncode}: {p.stdout[-300:]}, verify {v.returncode}: "
                            f"{v.stdout[-300:]}")
    finally:
        server.kill()
        server.wait()
    n = c["kills"]
    rel.result(SUITE, "export", not failures and c["settled"] == c["usage"] == c["no_temp"] == c["next_ok"] == n,
               f"kills={n} " + " ".join(f"{k}={v}" for k, v in sorted(c.items()) if k.startswith("killed-"))
               + f" done-or-failed={c['settled']} usage-equals-store={c['usage']} no-temp-files={c['no_temp']} "
               f"next-export-verifies={c['next_ok']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
