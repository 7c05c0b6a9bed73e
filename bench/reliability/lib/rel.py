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


def make_tree(path, rng, files, max_kib):
    """Seeded random files (incompressible, so every file has its own blobs) in a few subdirectories."""
    os.makedirs(path, exist_ok=True)
    for i in range(files):
        d = os.path.join(path, f"d{i % 3}")
        os.makedirs(d, exist_ok=True)
        size = rng.randint(1, max_kib) * 1024 + rng.randint(0, 1023)
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


def seed():
    s = int(os.environ.get("RELIABILITY_SEED", "0") or 0)
    return s if s else random.SystemRandom().randrange(1, 2**31)


JAVA = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java")
JAR = os.path.join(ROOT, "cairn-dist", "target", "cairn.jar")


def start_server(work, port):
    """Starts `cairn server` (-Xmx256m, SQLite and local disk under WORK/data) and waits until it is ready."""
    env = dict(os.environ, CAIRN_ADMIN_PASSWORD="reliability-admin")
    log = open(os.path.join(work, "server.log"), "a")
    p = subprocess.Popen([JAVA, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-jar", JAR, "server", "--data-dir",
                          os.path.join(work, "data"), "--listen", f"127.0.0.1:{port}"], env=env, stdout=log,
                         stderr=subprocess.STDOUT)
    for _ in range(1200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2)
            return p
        except Exception:
            time.sleep(0.1)
    p.kill()
    raise SystemExit("the server did not become ready")


def server_token(work):
    """A full-scope API token of the server's admin account (made while the server runs)."""
    return subprocess.run([JAVA, "--enable-native-access=ALL-UNNAMED", "-jar", JAR, "server", "token", "add", "admin",
                           "--scope", "full", "--name", "reliability", "--data-dir", os.path.join(work, "data")],
                          stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
