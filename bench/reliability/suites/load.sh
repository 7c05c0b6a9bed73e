#!/usr/bin/env bash
# Load suite (issue 21): restic (REST protocol) and cairn agent clients doing backups, snapshots, restores and checks,
# concurrently, against one cairn server (SQLite, local disk) and against two server processes on one PostgreSQL and
# one S3-compatible store (S3Proxy) with one killed and restarted midway (lib/load.py says what each row measures).
# Usage: bench/reliability/suites/load.sh --quick|--full   (quick: single set-up, 8 clients, 30 s; full: both, 32 clients, 10 min)
# Environment: LOAD_CLIENTS, LOAD_SECONDS,
#   LOAD_MODES ("single scale-out"). Every process listens on a free port, so the suite can run beside others.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MODE=${1:---quick}
WORK=${RELIABILITY_WORK:-${TMPDIR:-/tmp}/cairn-reliability}/load
rm -rf "$WORK"; mkdir -p "$WORK"; chmod 755 "$WORK"
source "$ROOT/scripts/jdk.sh" >/dev/null
export JAVA_HOME
# what the suite runs: the restic binary, Debian's PostgreSQL (run as the postgres user), curl
missing=()
command -v restic >/dev/null || missing+=(restic)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[load] installing ${missing[*]}" >&2
  apt-get install -y -q "${missing[@]}" >&2
fi
python3 "$HERE/lib/load.py" "$MODE" "$WORK"
