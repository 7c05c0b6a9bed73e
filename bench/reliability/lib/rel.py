"""Shared helpers of the reliability suites: running the built cairn jar, seeded source trees, tree comparison, RESULT lines."""
import filecmp
import time
import urllib.request
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
CAIRN = os.path.join(ROOT, "cairn")


def log(suite, *args):
    print(f"[{suite}]", *args, file=sys.stderr, flush=True)


def result(suite, check, passed, figures):
    """One line of the harness contract: RESULT <suite> <check> <passed|failed> <figure…>."""
    print(f"RESULT {suite} {check} {'passed' if passed else 'failed'} {figures}", flush=True)


def env(repo, password, cache):
    e = dict(os.environ)
    e.update(CAIRN_REPOSITORY=repo, CAIRN_PASSWORD=password, CAIRN_CACHE_DIR=cache, CAIRN_NO_BUILD="1")
    e.setdefault("LC_ALL", "C.UTF-8")
    return e


def cairn(args, repo, password, cache, timeout=600, **kw):
    """Runs ./cairn ARGS to completion; returns (exit status, stdout + stderr)."""
    p = subprocess.run([CAIRN, *args], env=env(repo, password, cache), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=timeout, **kw)
    return p.returncode, p.stdout


def spawn(args, repo, password, cache, logfile):
    """Starts ./cairn ARGS in its own process group (so kill -9 reaches the JVM, not only the launcher)."""
    return subprocess.Popen([CAIRN, *args], env=env(repo, password, cache), stdout=logfile, stderr=subprocess.STDOUT,
                            start_new_session=True)


def make_tree(path, rng, files, max_kib, min_kib=1):
    """Seeded random files (incompressible, so every file has its own blobs) in a few subdirectories; each file holds
    min_kib to max_kib KiB (plus up to 1023 bytes)."""
    os.makedirs(path, exist_ok=True)
    for i in range(files):
        d = os.path.join(path, f"d{i % 3}")
        os.makedirs(d, exist_ok=True)
        size = rng.randint(min_kib, max_kib) * 1024 + rng.randint(0, 1023)
        with open(os.path.join(d, f"f{i}.bin"), "wb") as f:
            f.write(rng.randbytes(size))


def source_files(path):
    out = []
    for dirpath, _, names in os.walk(path):
        for n in names:
            out.append(os.path.relpath(os.path.join(dirpath, n), path))
    return sorted(out)


def restored_root(target, source):
    """Where restore puts SOURCE (paths are stored absolute) under TARGET."""
    return os.path.join(target, os.path.abspath(source).lstrip("/"))


def same_tree(a, b):
    fa, fb = source_files(a), source_files(b) if os.path.isdir(b) else []
    return fa == fb and all(filecmp.cmp(os.path.join(a, f), os.path.join(b, f), shallow=False) for f in fa)


def repo_objects(repo):
    """{kind directory: [relative paths]} of a local repository (data/xx/ flattened into data)."""
    out = {}
    for kind in ("keys", "snapshots", "index", "data", "locks"):
        d = os.path.join(repo, kind)
        paths = []
        for dirpath, _, names in os.walk(d):
            paths += [os.path.relpath(os.path.join(dirpath, n), repo) for n in names]
        out[kind] = sorted(paths)
    return out


def temp_files(directory):
    """Files whose names say they are temporary (tmp/ contents, *.tmp, *.part) under DIRECTORY."""
    found = []
    for dirpath, _, names in os.walk(directory):
        rel = os.path.relpath(dirpath, directory)
        for n in names:
            if rel.split(os.sep)[0] == "tmp" or n.endswith((".tmp", ".part")) or n.startswith(".tmp"):
                found.append(os.path.join(rel, n))
    return found


def free_port():
    """A loopback TCP port no one listens on, drawn at random below the kernel's ephemeral range (32768 and up), so
    the suites can run beside each other and beside CI's quick mode, and a server killed and restarted on its port does
    not find it taken by a client's outgoing connection meanwhile (bench/lib.sh `bench_server` takes the port the
    kernel hands out; these servers are restarted on theirs)."""
    import socket
    rng = random.SystemRandom()
    for _ in range(200):
        port = rng.randrange(20000, 32000)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise SystemExit("no free loopback port between 20000 and 32000")


def port_arg(argv, index):
    """ARGV[INDEX] as a port if given (a fixed port, to reproduce a run), else a free one."""
    return int(argv[index]) if len(argv) > index else free_port()


def seed():
    s = int(os.environ.get("RELIABILITY_SEED", "0") or 0)
    return s if s else random.SystemRandom().randrange(1, 2**31)


JAVA = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")
JAR = os.path.join(ROOT, "cairn-dist", "target", "cairn.jar")


def start_server(work, port, store=None, classpath=None, extra_env=None, prefix=(), db=None):
    """Starts `cairn server` (-Xmx256m, SQLite and local disk under WORK/data unless STORE is given) and waits until it
    is ready. CLASSPATH runs the jar's main class with that class path (e.g. faulty_classpath); PREFIX goes before the
    java command (e.g. a `ulimit` shell)."""
    env = dict(os.environ, CAIRN_ADMIN_PASSWORD="reliability-admin", **(extra_env or {}))
    log = open(os.path.join(work, "server.log"), "a")
    launch = ["-cp", classpath, "dev.cairn.dist.Main"] if classpath else ["-jar", JAR]
    args = ["server", "--data-dir", os.path.join(work, "data"), "--listen", f"127.0.0.1:{port}"]
    if store:
        args += ["--store", store]
    if db:
        args += ["--db", db]
    p = subprocess.Popen([*prefix, JAVA, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", *launch, *args], env=env,
                         stdout=log, stderr=subprocess.STDOUT)
    for _ in range(1200):
        if p.poll() is not None:
            raise SystemExit(f"the server exited ({p.returncode}); see {work}/server.log")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2)
            return p
        except Exception:
            time.sleep(0.1)
    p.kill()
    raise SystemExit("the server did not become ready")


def server_token(work, db=None):
    """A full-scope API token of the server's admin account (made while the server runs); DB: its --db, if not SQLite."""
    where = ["--data-dir", os.path.join(work, "data")]
    if db:
        config = os.path.join(work, "token-config.yaml")
        with open(config, "w") as f:
            f.write(f"data-dir: {os.path.join(work, 'data')}\ndb: {db}\n")
        where = ["--config", config]
    return subprocess.run([JAVA, "--enable-native-access=ALL-UNNAMED", "-jar", JAR, "server", "token", "add", "admin",
                           "--scope", "full", "--name", "reliability", *where],
                          stdout=subprocess.PIPE, text=True, check=True).stdout.strip()


TESTKIT_JAR = os.path.join(ROOT, "cairn-testkit", "target", "cairn-testkit-0.1.0-SNAPSHOT.jar")


def faulty_classpath(work):
    """The jar's class path plus cairn-testkit's jar and a directory registering its `faulty:` store scheme (cairn-testkit
    FaultyStoreProvider; never part of the distribution). `run.sh` builds both jars."""
    if not os.path.exists(TESTKIT_JAR):
        raise SystemExit(f"{TESTKIT_JAR} is missing: build it with ./mvnw -pl cairn-testkit -am package -DskipTests")
    services = os.path.join(work, "faulty-cp", "META-INF", "services")
    os.makedirs(services, exist_ok=True)
    with open(os.path.join(services, "dev.cairn.blob.BlobStoreProvider"), "w") as f:
        f.write("dev.cairn.testkit.FaultyStoreProvider\n")
    return os.pathsep.join([JAR, TESTKIT_JAR, os.path.join(work, "faulty-cp")])


def java_cairn(classpath, args, repo, password, cache, timeout=600):
    """Runs the jar's main class with CLASSPATH (e.g. faulty_classpath) to completion; returns (exit status, output)."""
    p = subprocess.run([JAVA, "-Xmx256m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED", "-cp", classpath,
                        "dev.cairn.dist.Main", *args], env=env(repo, password, cache), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, timeout=timeout)
    return p.returncode, p.stdout


def clear_error(out):
    """An error a user can act on: some words, no stack trace, no 'internal error'."""
    return bool(out.strip()) and "\tat " not in out and "internal error" not in out and "Exception:" not in out


def account_usage(base, token):
    """usageBytes of the token's account (GET /api/v1/account)."""
    import json
    req = urllib.request.Request(f"{base}/api/v1/account", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())["usageBytes"]


def store_bytes(directory, skip=()):
    """Bytes of the stored objects under a server's store directory (temporary files and the top-level directories
    named in SKIP, e.g. the readiness probe's `health`, left out)."""
    total = 0
    for dirpath, _, names in os.walk(directory):
        rel = os.path.relpath(dirpath, directory)
        if "tmp" in rel.split(os.sep) or rel.split(os.sep)[0] in skip:
            continue
        for n in names:
            if not (n.endswith((".tmp", ".part")) or n.startswith(".tmp")):
                total += os.path.getsize(os.path.join(dirpath, n))
    return total


if __name__ == "__main__" and sys.argv[1:] == ["free-port"]:
    print(free_port())
