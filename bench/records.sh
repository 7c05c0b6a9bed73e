#!/usr/bin/env bash
# Records workspace scale benchmark (issue 5), on SQLite and embedded PostgreSQL (zonky, in the test JVM).
#   scale: imports BENCH_ROWS orders through the CSV importer into an empty table, then measures page 1 of a filtered,
#          sorted listing in process (200 runs: status = one of four values AND items >= k, k = 1..15, sorted by total
#          descending or by date) and a grouped sum report (count and sum of total by status).
#   api:   starts a real cairn server on a free port (127.0.0.1), loads BENCH_ROWS orders, then runs BENCH_CLIENTS API
#          clients over HTTP with bearer tokens, without pauses, for BENCH_WARMUP unmeasured seconds and BENCH_SECONDS
#          measured ones: page-1 listings (30 %, the same filters), GET (30 %) and PATCH with If-Match (25 %) of records
#          the client created, POST (10 %), DELETE of its own records (5 %). Any non-2xx response is an error.
#          The clients run in the server's JVM (one platform thread each) and share its CPUs, so each has one keep-alive
#          HTTP/1.1 connection with blocking socket I/O on its own thread (Apache HttpClient 5 classic, since 2026-11-24);
#          the JDK HttpClient used before cost about a fifth of the JVM's CPU and three thread hand-offs per request.
#          Latency is measured around each request on the client thread, as before.
#
# Usage: bench/records.sh [--help]
# Environment:
#   BENCH_ROWS=1000000        rows of the orders table (100000 for a quick check)
#   BENCH_PARTS=scale,api     which parts to run
#   BENCH_DIALECTS=sqlite,postgres
#   BENCH_CLIENTS=50  BENCH_SECONDS=60  BENCH_WARMUP=10   (api part)
# stdout: one Markdown table, a row per measure with PASS or FAIL for its target, also written to bench/results/records.md
# (bench/lib.sh); exit 1 if a target is missed. Targets: import >= 50,000 rows/s; listing p99 <= 50 ms; grouped
# sum <= 2 s; API: no errors and p99 <= 100 ms for single-record operations.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;; esac
ROWS=${BENCH_ROWS:-1000000}
PARTS=${BENCH_PARTS:-scale,api}
TESTS=
case ",$PARTS," in *,scale,*) TESTS="RecordsScaleBench" ;; esac
case ",$PARTS," in *,api,*) TESTS="${TESTS:+$TESTS,}RecordsApiLoadBench" ;; esac
[ -n "$TESTS" ] || { echo "BENCH_PARTS must name scale and/or api" >&2; exit 2; }
source "$ROOT/bench/lib.sh"
mkdir -p "$ROOT/bench/work"
report="$ROOT/bench/work/records.md"
{
echo "| database | measure | n | p50 ms | p99 ms | result | target | verdict |"
echo "|---|---|---|---|---|---|---|---|"
"$ROOT/scripts/mvn" -o -q -pl cairn-workspace -am test -Dtest="$TESTS" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcairn.failIfNoTests=false -Dcairn.bench=records -Dcairn.bench.rows="$ROWS" \
  -Dcairn.bench.dialects="${BENCH_DIALECTS:-sqlite,postgres}" -Dcairn.bench.clients="${BENCH_CLIENTS:-50}" \
  -Dcairn.bench.seconds="${BENCH_SECONDS:-60}" -Dcairn.bench.warmup="${BENCH_WARMUP:-10}" -DtrimStackTrace=false \
  2>/dev/null | grep '^| '
} | tee "$report"
bench_result records "$report" "BENCH_ROWS=$ROWS BENCH_PARTS=$PARTS bench/records.sh"
