#!/usr/bin/env bash
# Corruption suite (issue 21): bit flips, truncations and swaps in every object kind of a repository (config, keys,
# snapshots, index, tree packs, data packs): detected and named by `cairn check --read-data`, unaffected snapshots still
# restore exactly, no silently wrong file from a damaged one. Seeded ($RELIABILITY_SEED), the seed is printed.
# Usage: bench/reliability/suites/corruption.sh --quick|--full   (1 or 8 trials per kind and mutation)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE=${1:---quick}
WORK=${RELIABILITY_WORK:-${TMPDIR:-/tmp}/cairn-reliability}/corruption
rm -rf "$WORK"; mkdir -p "$WORK"
python3 "$HERE/lib/corruption.py" "$MODE" "$WORK"
