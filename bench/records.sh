#!/usr/bin/env bash
# Records workspace scale benchmark (issue 5): on SQLite and embedded PostgreSQL, imports BENCH_ROWS orders through
# the CSV importer, then measures page 1 of a filtered, sorted listing (p50/p99 of 200 runs) and a grouped sum report.
# In process (no HTTP), so it measures the database work the design is about.
#
# Usage: bench/records.sh [--help]
# Environment: BENCH_ROWS=1000000 (use 100000 for a quick check)
# stdout: a Markdown table. Targets: listing p99 <= 50 ms, grouped sum <= 2 s, import >= 50,000 rows/s.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;; esac
ROWS=${BENCH_ROWS:-1000000}
echo "| dialect | rows | import rows/s | listing p50 ms | listing p99 ms | grouped sum s | groups |"
echo "|---|---|---|---|---|---|---|"
"$ROOT/scripts/mvn" -o -q -pl cairn-server -am test -Dtest=RecordsScaleBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcairn.failIfNoTests=false -Dcairn.bench=records -Dcairn.bench.rows="$ROWS" -DtrimStackTrace=false 2>/dev/null \
  | grep '^| '
