#!/usr/bin/env bash
# Corruption suite (issue 21): bit flips, truncations and swaps
#  - in every object kind of a repository (config, keys, snapshots, index, tree packs, data packs): detected and named by
#    `cairn check --read-data`, unaffected snapshots still restore exactly, no silently wrong file from a damaged one
#    (lib/corruption.py; 1 or 8 trials per kind and mutation);
#  - in every kind of file of a pulled export copy (manifest, signature, workspace files, csv and jsonl tables): detected
#    and named by `cairn export verify`, every other file still as the signed manifest lists it (lib/corruption_export.py
#    on a copy made by lib/export-copy.sh through a real server; 1 or 6 trials per kind and mutation).
# Seeded ($RELIABILITY_SEED, else random), the seed is printed.
# Usage: bench/reliability/suites/corruption.sh --quick|--full   (the export server on a free port)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE=${1:---quick}
WORK=${RELIABILITY_WORK:-${TMPDIR:-/tmp}/cairn-reliability}/corruption
export RELIABILITY_SEED=${RELIABILITY_SEED:-$((RANDOM * 32768 + RANDOM + 1))}
rm -rf "$WORK"; mkdir -p "$WORK/repository" "$WORK/export"
python3 "$HERE/lib/corruption.py" "$MODE" "$WORK/repository"
if bash "$HERE/lib/export-copy.sh" "$WORK/export" "$(python3 "$HERE/lib/rel.py" free-port)" >&2; then
  python3 "$HERE/lib/corruption_export.py" "$MODE" "$WORK/export" "$RELIABILITY_SEED"
else
  echo "RESULT corruption bundle-setup failed no export copy (see $WORK/export/server.log, pull.out)"
fi
