#!/usr/bin/env python3
"""Deterministic trees of many small files for the growth benchmark (Python 3 standard library only).

Usage:
  make-tree.py OUTDIR --files N [--big-dir M] [--per-dir 100] [--seed 7] [--min 64] [--max 2048]

Builds N files in total: M of them in one directory (OUTDIR/big, a directory of M entries), the rest in directories of
--per-dir files, nested two levels deep (OUTDIR/dNNN/dNNN/fNNNNNNN.txt). Every file has distinct content (its number
and seeded text of --min..--max bytes), so each is its own blob. Same arguments, same tree (names, bytes and mtimes).
OUTDIR must be absent or empty.
"""
import argparse
import os
import random
import sys
import time

BASE_MTIME = 1_700_000_000
WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon "
         "phi chi psi omega log line value entry record name size file data node tree blob pack index").split()


def content(r, n, lo, hi):
    size = r.randint(lo, hi)
    head = f"file {n}\n".encode()
    words = []
    length = len(head)
    while length < size:
        w = r.choice(WORDS)
        words.append(w)
        length += len(w) + 1
    return (head + " ".join(words).encode())[:size]


def write(path, data, mtime):
    with open(path, "wb") as f:
        f.write(data)
    os.utime(path, (mtime, mtime))


def build(out, files, big, per_dir, seed, lo, hi):
    if os.path.exists(out) and os.listdir(out):
        sys.exit(f"{out} exists and is not empty")
    r = random.Random(seed)
    t0 = time.time()
    n = 0
    nbytes = 0
    if big:
        d = os.path.join(out, "big")
        os.makedirs(d, exist_ok=True)
        for i in range(big):
            data = content(r, n, lo, hi)
            write(os.path.join(d, f"e{i:07d}.txt"), data, BASE_MTIME - r.randint(0, 365 * 86400))
            n += 1
            nbytes += len(data)
    rest = files - big
    leaf = 0
    while rest > 0:
        d = os.path.join(out, f"d{leaf // 100:03d}", f"d{leaf % 100:03d}")
        os.makedirs(d, exist_ok=True)
        for _ in range(min(per_dir, rest)):
            data = content(r, n, lo, hi)
            write(os.path.join(d, f"f{n:07d}.txt"), data, BASE_MTIME - r.randint(0, 365 * 86400))
            n += 1
            nbytes += len(data)
            rest -= 1
        leaf += 1
    print(f"built {out}: {n} files ({big} in one directory), {nbytes} bytes in {time.time() - t0:.1f}s", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir")
    ap.add_argument("--files", type=int, required=True, help="files in total")
    ap.add_argument("--big-dir", type=int, default=0, help="how many of them go into one directory (OUTDIR/big)")
    ap.add_argument("--per-dir", type=int, default=100, help="files per directory for the others (default 100)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--min", type=int, default=64, help="smallest file in bytes (default 64)")
    ap.add_argument("--max", type=int, default=2048, help="largest file in bytes (default 2048)")
    a = ap.parse_args()
    if a.big_dir > a.files:
        sys.exit("--big-dir cannot exceed --files")
    build(a.outdir, a.files, a.big_dir, a.per_dir, a.seed, a.min, a.max)


if __name__ == "__main__":
    main()
