#!/usr/bin/env bash
# Faults suite (issue 21): a full disk on the agent (`ulimit -f`) during backup, a cairn server killed mid-backup and
# restarted, a server whose disk fills up (lib/faults.py); the fault-injecting `faulty:` store under local backup,
# restore, prune and under a server's store (lib/store_faults.py). Each must end in a clear error or a retry that
# succeeds, never a loss.
# Usage: bench/reliability/suites/faults.sh --quick|--full   (every server on a free port: suites can run side by side)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MODE=${1:---quick}
WORK=${RELIABILITY_WORK:-${TMPDIR:-/tmp}/cairn-reliability}/faults
rm -rf "$WORK"; mkdir -p "$WORK"
source "$ROOT/scripts/jdk.sh" >/dev/null
export JAVA_HOME
python3 "$HERE/lib/faults.py" "$MODE" "$WORK"
python3 "$HERE/lib/store_faults.py" "$MODE" "$WORK"
