#!/usr/bin/env bash
# Faults suite (issue 21), first part: a full disk on the agent (`ulimit -f`) during backup, and a cairn server killed
# mid-backup and restarted (lib/faults.py). Each must end in a clear error or a retry that succeeds, never a loss.
# Usage: bench/reliability/suites/faults.sh --quick|--full   (RELIABILITY_PORT: the server's port, default 18931, +1 here)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MODE=${1:---quick}
WORK=${RELIABILITY_WORK:-${TMPDIR:-/tmp}/cairn-reliability}/faults
rm -rf "$WORK"; mkdir -p "$WORK"
source "$ROOT/scripts/jdk.sh" >/dev/null
export JAVA_HOME
python3 "$HERE/lib/faults.py" "$MODE" "$WORK" "$(( ${RELIABILITY_PORT:-18931} + 1 ))"
