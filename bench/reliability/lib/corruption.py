"""Corruption suite (issue 21): damages one object of a real repository at a time -- a bit flip, a truncation or a swap of
two objects' contents -- in every object kind (config, keys, snapshots, index, tree packs, data packs), then checks:
detected (`cairn check --read-data` exits non-zero), named (its output names the damaged object), and every snapshot the
damage does not touch restores exactly (with the passphrase of an undamaged key when a key was hit). For a damaged data
pack the damaged snapshot is restored too: every file restore does not report as failed must be exact (no silent loss).

Usage: corruption.py --quick|--full WORKDIR. Prints RESULT lines per object kind and one line with the seed."""
import json
import os
import random
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rel  # noqa: E402

SUITE = "corruption"
P1, P2 = "reliability-one", "reliability-two"
KINDS = ["config", "keys", "snapshots", "index", "tree-packs", "data-packs"]
MUTATIONS = ["flip", "truncate", "swap"]


def main():
    mode, work = sys.argv[1], sys.argv[2]
    trials = 1 if mode == "--quick" else 8
    seed = rel.seed()
    rng = random.Random(seed)
    rel.log(SUITE, f"seed {seed}, {trials} trials per kind and mutation")
    base = build_repository(work, rng)
    stats = {k: dict(tried=0, detected=0, named=0, unaffected=0, restorable=0, partial_ok=0, silent=0) for k in KINDS}
    failures = []
    n = 0
    for kind in KINDS:
        for mutation in MUTATIONS:
            for _ in range(trials):
                n += 1
                trial(work, base, kind, mutation, rng, stats[kind], failures, n)
    for kind in KINDS:
        s = stats[kind]
        ok = s["detected"] == s["tried"] and s["named"] == s["tried"] and s["restorable"] == s["unaffected"] \
            and s["silent"] == 0
        rel.result(SUITE, kind, ok, f"tried={s['tried']} detected={s['detected']} named={s['named']} "
                                    f"unaffected-restorable={s['restorable']}/{s['unaffected']} silent-damage={s['silent']}")
    rel.result(SUITE, "seed", True, f"seed={seed}")
    for f in failures[:20]:
        rel.log(SUITE, "FAILED:", f)
    return 0


def build_repository(work, rng):
    """Two snapshots of disjoint random trees (A, then B), two keys; records which objects each backup wrote."""
    base = os.path.join(work, "base")
    repo, cache = os.path.join(base, "repo"), os.path.join(base, "cache")
    src = {s: os.path.join(base, "src", s) for s in "AB"}
    for s in "AB":
        rel.make_tree(src[s], rng, files=12, max_kib=600)
    must(rel.cairn(["init"], repo, P1, cache), "init")
    with open(os.path.join(base, "p2"), "w") as f:
        f.write(P2)
    must(rel.cairn(["key", "add", "--new-password-file", os.path.join(base, "p2")], repo, P1, cache), "key add")
    keys = rel.repo_objects(repo)["keys"]
    code, out = rel.cairn(["key", "list", "--json"], repo, P1, cache)
    must((code, out), "key list")
    current = [k for k in json.loads(out) if k.get("current")]
    p1_key = next(k for k in keys if os.path.basename(k).startswith(current[0]["id"][:8])) if current else keys[0]
    owned = {}
    before = set(sum(rel.repo_objects(repo).values(), []))
    for s in "AB":
        must(rel.cairn(["backup", src[s]], repo, P1, cache), f"backup {s}")
        now = set(sum(rel.repo_objects(repo).values(), []))
        owned[s] = sorted(now - before)
        before = now
    tree_packs = set()
    for idx in rel.repo_objects(repo)["index"]:
        code, out = rel.cairn(["cat", "index", os.path.basename(idx)], repo, P1, cache)
        must((code, out), "cat index")
        for p in json.loads(out)["packs"]:
            if any(b["type"] == "tree" for b in p["blobs"]):
                tree_packs.add(p["id"])
    objs = rel.repo_objects(repo)
    by_kind = {
        "config": ["config"],
        "keys": objs["keys"],
        "snapshots": objs["snapshots"],
        "index": objs["index"],
        "tree-packs": [p for p in objs["data"] if os.path.basename(p) in tree_packs],
        "data-packs": [p for p in objs["data"] if os.path.basename(p) not in tree_packs],
    }
    snap_of = {}
    for s in "AB":
        sid = [o for o in owned[s] if o.startswith("snapshots/")]
        snap_of[s] = os.path.basename(sid[0])
    rel.log(SUITE, "objects:", {k: len(v) for k, v in by_kind.items()})
    return dict(repo=repo, src=src, by_kind=by_kind, owned=owned, snap=snap_of, keys=keys, p1_key=p1_key)


def must(r, what):
    code, out = r
    if code != 0:
        raise SystemExit(f"{what} failed ({code}): {out[-2000:]}")


def trial(work, base, kind, mutation, rng, s, failures, n):
    d = os.path.join(work, f"t{n}")
    repo, cache = os.path.join(d, "repo"), os.path.join(d, "cache")
    shutil.copytree(base["repo"], repo)
    candidates = base["by_kind"][kind]
    victim = rng.choice(candidates)
    victims = [victim]
    if mutation == "flip":
        data = bytearray(read(repo, victim))
        bit = rng.randrange(len(data) * 8)
        data[bit // 8] ^= 1 << (bit % 8)
        write(repo, victim, data)
        how = f"bit {bit}"
    elif mutation == "truncate":
        data = read(repo, victim)
        cut = rng.randrange(len(data))
        write(repo, victim, data[:cut])
        how = f"to {cut} of {len(data)} bytes"
    else:
        others = [c for c in candidates if c != victim]
        if not others:  # config: the only one of its kind; take the contents of another sealed object
            others = base["by_kind"]["index"]
        other = rng.choice(others)
        a, b = read(repo, victim), read(repo, other)
        write(repo, victim, b)
        if other in candidates:
            write(repo, other, a)
            victims.append(other)
        how = f"with {other}"
    s["tried"] += 1
    label = f"{kind} {mutation} {victim} {how}"
    password = P2 if any(v == base["p1_key"] for v in victims) else P1
    code, out = rel.cairn(["check", "--read-data"], repo, password, cache)
    if code != 0:
        s["detected"] += 1
    else:
        failures.append(f"not detected: {label}")
    names = [short(v) for v in victims]
    if code != 0 and all(nm in out for nm in names):
        s["named"] += 1
    elif code != 0:
        failures.append(f"not named: {label}: {out[-600:]}")
    affected = affected_snapshots(base, kind, victims)
    for snap in "AB":
        if snap in affected:
            continue
        s["unaffected"] += 1
        if restores(d, repo, password, cache, base, snap):
            s["restorable"] += 1
        else:
            failures.append(f"snapshot {snap} not restorable after {label}")
    if kind == "data-packs":
        for snap in affected & set("AB"):
            if silent_damage(d, repo, password, cache, base, snap):
                s["silent"] += 1
                failures.append(f"silent damage in snapshot {snap} after {label}")
    shutil.rmtree(d, ignore_errors=True)
    rel.log(SUITE, f"#{n} {label}: exit {code}, affected {sorted(affected)}")


def short(victim):
    """The name the message must contain: 'config', or the object's id (its first 8 hex digits at least)."""
    name = os.path.basename(victim)
    return name if name == "config" else name[:8]


def affected_snapshots(base, kind, victims):
    """Snapshots the damage may spoil: config spoils all; a key none (the other key opens); an index none (readers
    index packs from their headers); a snapshot or pack its backup's snapshot."""
    if kind == "config":
        return {"A", "B"}
    if kind in ("keys", "index"):
        return set()
    return {s for s in "AB" for v in victims if v in base["owned"][s]}


def restores(d, repo, password, cache, base, snap):
    target = os.path.join(d, f"restore-{snap}")
    code, out = rel.cairn(["restore", base["snap"][snap], "--target", target], repo, password, cache)
    return code == 0 and rel.same_tree(base["src"][snap], rel.restored_root(target, base["src"][snap]))


def silent_damage(d, repo, password, cache, base, snap):
    """Restores a snapshot a damaged data pack spoils: it must fail, name the files it could not restore, and every
    other file it wrote must be exact. Returns True if a file came back wrong without being reported."""
    target = os.path.join(d, f"damaged-{snap}")
    code, out = rel.cairn(["restore", base["snap"][snap], "--target", target], repo, password, cache)
    if code == 0:
        return True
    reported = set(re.findall(r"error: (\S+):", out))
    src, dst = base["src"][snap], rel.restored_root(target, base["src"][snap])
    for f in rel.source_files(src):
        restored = os.path.join(dst, f)
        if any(r.endswith(f) for r in reported):
            continue
        if not os.path.exists(restored) or read_abs(restored) != read_abs(os.path.join(src, f)):
            return True
    return False


def read(repo, rel_path):
    return read_abs(os.path.join(repo, rel_path))


def read_abs(path):
    with open(path, "rb") as f:
        return f.read()


def write(repo, rel_path, data):
    path = os.path.join(repo, rel_path)
    os.chmod(path, 0o644)
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    sys.exit(main())
