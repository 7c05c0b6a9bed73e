#!/usr/bin/env bash
# Server load benchmark: N concurrent restic clients back up the same corpus through `cairn server` (restic REST v2,
# SQLite + local store, server JVM at -Xmx256m) versus the same restic into local directories, for N = 1, 4, 16.
#
# Usage: bench/server-load.sh [--help]
#
# Environment:
#   BENCH_SIZE=1G          size of the mixed corpus (BENCH_SIZE=50M for a quick check)
#   BENCH_CLIENTS="1 4 16" client counts to run
#   BENCH_SEED=42          corpus seed
#   BENCH_WORK=DIR         run directory (corpus, repositories, server data); default ${TMPDIR:-/tmp}/cairn-server-load
#   CORPUS_SCRIPT=...      corpus generator (default: ../shared/bench/make-corpus.py next to the repository)
#   BENCH_PORT=18480       port the server listens on (127.0.0.1 only)
#
# stdout: a Markdown table per client count: throughput (corpus bytes x clients / wall time) through the server and into
# local directories, their ratio, p50/p99 request latency (from the server's access log), server peak RSS, errors
# (5xx responses plus failed restic runs), then PASS/FAIL per target; the report also goes to bench/results/server-load.md
# (bench/lib.sh). Progress goes to stderr. Exit status 0 when every restic run succeeded and every target was met.
# Targets (issue 4): with 1 client >= 0.8 of local throughput; with 16 clients no errors and bounded server memory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;; esac

SIZE=${BENCH_SIZE:-1G}
CLIENTS=${BENCH_CLIENTS:-"1 4 16"}
SEED=${BENCH_SEED:-42}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/cairn-server-load}
CORPUS_SCRIPT=${CORPUS_SCRIPT:-$ROOT/../shared/bench/make-corpus.py}
[ -f "$CORPUS_SCRIPT" ] || CORPUS_SCRIPT=/work/shared/bench/make-corpus.py
PORT=${BENCH_PORT:-18480}
export RESTIC_PASSWORD=bench-password
log() { echo "[server-load] $*" >&2; }

command -v restic >/dev/null || { log "installing restic"; apt-get install -y -q restic >&2; }
source "$ROOT/scripts/jdk.sh"
JAR="$ROOT/cairn-dist/target/cairn.jar"
"$ROOT/cairn" --help >/dev/null 2>&1 || true   # builds the jar when sources changed
[ -f "$JAR" ] || { log "no $JAR; run ./cairn --help once"; exit 1; }

mkdir -p "$WORK"
CORPUS="$WORK/corpus-$SIZE-$SEED"
if [ ! -d "$CORPUS" ]; then
  log "making a $SIZE corpus"
  python3 "$CORPUS_SCRIPT" "$CORPUS" --size "$SIZE" --seed "$SEED" >&2
fi
BYTES=$(du -sb "$CORPUS" | cut -f1)

SERVER_PID=
stop_server() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi; SERVER_PID=; }
trap stop_server EXIT

# Runs "$@" once per client i (with CLIENT=i in the environment) concurrently; prints the wall seconds; fails if any did.
run_clients() {
  local n=$1; shift
  local start end pids=() failed=0
  start=$(date +%s.%N)
  for i in $(seq 1 "$n"); do CLIENT=$i "$@" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $failed"
}

local_backup() { restic -q -r "$RUN/local-$CLIENT" --cache-dir "$RUN/cache-l$CLIENT" backup --host bench "$CORPUS" >/dev/null 2>>"$RUN/restic.err"; }
server_backup() { restic -q -r "rest:http://admin:$TOKEN@127.0.0.1:$PORT/admin/bench-$CLIENT/" --cache-dir "$RUN/cache-s$CLIENT" backup --host bench "$CORPUS" >/dev/null 2>>"$RUN/restic.err"; }

source "$ROOT/bench/lib.sh"
mkdir -p "$ROOT/bench/work"
report="$ROOT/bench/work/server-load.md"
targets=()
status=0
{
echo "| clients | local MiB/s | server MiB/s | server/local | p50 ms | p99 ms | server peak RSS MiB | errors |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
status=0
for N in $CLIENTS; do
  RUN="$WORK/run-$N"; rm -rf "$RUN"; mkdir -p "$RUN"
  log "N=$N: local directories"
  for i in $(seq 1 "$N"); do restic -q -r "$RUN/local-$i" init >/dev/null; done
  read -r LOCAL_S LOCAL_FAILED < <(run_clients "$N" local_backup)

  log "N=$N: through the server"
  CAIRN_ADMIN_PASSWORD=bench-admin-password "$JAVA_HOME/bin/java" -Xmx256m --enable-native-access=ALL-UNNAMED \
    -jar "$JAR" server --data-dir "$RUN/server" --listen "127.0.0.1:$PORT" >"$RUN/server.out" 2>"$RUN/server.log" &
  SERVER_PID=$!
  for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.05; done
  TOKEN=$("$JAVA_HOME/bin/java" -jar "$JAR" server token add admin --scope append --name bench --data-dir "$RUN/server")
  for i in $(seq 1 "$N"); do
    restic -q -r "rest:http://admin:$TOKEN@127.0.0.1:$PORT/admin/bench-$i/" --cache-dir "$RUN/cache-s$i" init >/dev/null
  done
  : > "$RUN/server.log.mark"; MARK=$(wc -l < "$RUN/server.log")
  read -r SERVER_S SERVER_FAILED < <(run_clients "$N" server_backup)
  RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
  stop_server

  LAT=$(tail -n +"$((MARK + 1))" "$RUN/server.log" | awk '/ access / {for (i = 1; i <= NF; i++) if ($i ~ /ms$/) {sub(/ms/, "", $i); print $i}}' | sort -n)
  COUNT=$(echo "$LAT" | grep -c . || true)
  P50=$(echo "$LAT" | awk -v n="$COUNT" 'NR == int(n * 0.50 + 0.5) {print; exit}')
  P99=$(echo "$LAT" | awk -v n="$COUNT" 'NR == int(n * 0.99 + 0.5) {print; exit}')
  ERR5=$(tail -n +"$((MARK + 1))" "$RUN/server.log" | awk '/ access / {if ($(NF-2) ~ /^5/) c++} END {print c + 0}')
  ERRORS=$((ERR5 + LOCAL_FAILED + SERVER_FAILED))
  [ "$ERRORS" -eq 0 ] || status=1
  MIB=$(echo "$BYTES * $N / 1048576" | bc -l)
  printf "| %d | %.1f | %.1f | %.2f | %s | %s | %.0f | %d |\n" "$N" "$(echo "$MIB / $LOCAL_S" | bc -l)" \
    "$(echo "$MIB / $SERVER_S" | bc -l)" "$(echo "$LOCAL_S / $SERVER_S" | bc -l)" "${P50:-?}" "${P99:-?}" \
    "$(echo "$RSS_KB / 1024" | bc -l)" "$ERRORS"
  RATIO=$(echo "$LOCAL_S / $SERVER_S" | bc -l)
  if [ "$N" -eq 1 ]; then
    targets+=("| 1 client through the server | >= 0.8 of local throughput | $(printf %.2f "$RATIO") | $(echo "$RATIO >= 0.8" | bc -l | sed 's/1/PASS/;s/0/FAIL/') |")
  fi
  targets+=("| $N clients | no errors | $ERRORS | $([ "$ERRORS" -eq 0 ] && echo PASS || echo FAIL) |")
done
echo
echo "| target | goal | actual | result |"
echo "|---|---|---:|---|"
printf '%s\n' "${targets[@]}"
echo
echo "corpus $BYTES bytes (\`BENCH_SIZE=$SIZE\`, seed $SEED), restic $(restic version | cut -d' ' -f2)"
} | tee "$report"
log "work dir $WORK"
bench_result server-load "$report" "BENCH_SIZE=$SIZE BENCH_CLIENTS=\"$CLIENTS\" bench/server-load.sh" || status=1
exit $status
