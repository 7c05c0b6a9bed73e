"""Corruption suite, export bundle half (issue 21): damages one file at a time of a pulled export copy -- bit flip,
truncation, or a swap of two files' contents -- in every kind of file a bundle holds (manifest, signature, workspace
files, csv and jsonl tables), then checks: detected (`cairn export verify` exits non-zero), named (its output names the
damaged file; for the manifest and its signature, the word 'manifest' or 'signature', and then only those, since
nothing else can be checked against a manifest that is not trusted), and every file the damage did not
touch still has the size and SHA-256 the signed manifest lists (what `cairn export restore` would use).

Usage: corruption_export.py --quick|--full WORKDIR SEED (WORKDIR/copy made by export-copy.sh)."""
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rel  # noqa: E402

SUITE = "corruption"
MUTATIONS = ["flip", "truncate", "swap"]


def main():
    mode, work, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    trials = 1 if mode == "--quick" else 6
    rng = random.Random(seed + 1)
    copy = os.path.join(work, "copy")
    export = next(d for d in sorted(os.listdir(copy)) if not d.startswith("."))
    manifest = json.load(open(os.path.join(copy, export, "manifest.json")))
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    kinds = {
        "bundle-manifest": ["manifest.json"],
        "bundle-signature": ["manifest.json.sig"],
        "bundle-workspace": sorted(p for p in listed if p.startswith("workspace/")),
        "bundle-csv": sorted(p for p in listed if p.startswith("csv/")),
        "bundle-jsonl": sorted(p for p in listed if p.startswith("jsonl/")),
    }
    rel.log(SUITE, "export files:", {k: len(v) for k, v in kinds.items()})
    n = 0
    for kind, files in kinds.items():
        s = dict(tried=0, detected=0, named=0, unaffected=0, intact=0)
        for mutation in MUTATIONS:
            for _ in range(trials):
                n += 1
                trial(work, copy, export, listed, kinds, kind, files, mutation, rng, s, n)
        ok = s["detected"] == s["tried"] and s["named"] == s["tried"] and s["intact"] == s["unaffected"]
        rel.result(SUITE, kind, ok, f"tried={s['tried']} detected={s['detected']} named={s['named']} "
                                    f"unaffected-intact={s['intact']}/{s['unaffected']}")
    return 0


def trial(work, copy, export, listed, kinds, kind, files, mutation, rng, s, n):
    d = os.path.join(work, f"e{n}")
    shutil.copytree(copy, d)
    root = os.path.join(d, export)
    victim = rng.choice(files)
    victims = [victim]
    path = os.path.join(root, victim)
    data = open(path, "rb").read()
    if mutation == "flip":
        b = bytearray(data)
        bit = rng.randrange(len(b) * 8)
        b[bit // 8] ^= 1 << (bit % 8)
        new = bytes(b)
    elif mutation == "truncate":
        new = data[:rng.randrange(len(data))]
    else:
        # Swapping two files with the same bytes (two empty lists, say) changes nothing: only a partner that differs.
        differs = lambda f: f != victim and open(os.path.join(root, f), "rb").read() != data
        pool = [f for f in files if differs(f)] or [f for f in kinds["bundle-workspace"] + ["manifest.json.sig"]
                                                     if differs(f)]
        other = rng.choice(pool)
        other_path = os.path.join(root, other)
        new = open(other_path, "rb").read()
        open(other_path, "wb").write(data)
        victims.append(other)
    open(path, "wb").write(new)
    s["tried"] += 1
    p = subprocess.run([rel.CAIRN, "export", "verify", d], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       env=dict(os.environ, CAIRN_NO_BUILD="1"), timeout=600)
    label = f"{kind} {mutation} {' '.join(victims)}"
    if p.returncode != 0:
        s["detected"] += 1
    else:
        rel.log(SUITE, f"FAILED: not detected: {label}")
    # With the manifest or its signature damaged nothing else can be checked against it: naming that one suffices.
    must_name = [v for v in victims if v.startswith("manifest")] or victims
    if p.returncode != 0 and all(named(v, p.stdout) for v in must_name):
        s["named"] += 1
    elif p.returncode != 0:
        rel.log(SUITE, f"FAILED: not named: {label}: {p.stdout[-500:]}")
    for f, sha in listed.items():
        if f in victims:
            continue
        s["unaffected"] += 1
        if hashlib.sha256(open(os.path.join(root, f), "rb").read()).hexdigest() == sha:
            s["intact"] += 1
    shutil.rmtree(d, ignore_errors=True)
    rel.log(SUITE, f"#e{n} {label}: exit {p.returncode}")


def named(victim, out):
    if victim.startswith("manifest"):
        return "manifest" in out or "signature" in out
    return victim in out


if __name__ == "__main__":
    sys.exit(main())
