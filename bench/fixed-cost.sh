#!/usr/bin/env bash
# Fixed cost per command (issue 18's fixed-cost row, issue 14's `fixed` rows): `cairn snapshots` against `restic snapshots`
# on a repository holding one snapshot (of this repository's docs/), in a local directory and on a cairn server over
# loopback (restic through the same server's REST API). The calls alternate (cairn, [cairn before,] restic), BENCH_REPEATS
# times per case, each under GNU time: wall time, CPU time (user + sys) and peak RSS. The table gives each tool's medians;
# the verdicts use the median of the per-call ratios (paired calls cancel most of the load of a shared machine).
#
# Environment:
#   BENCH_REPEATS=9           calls per tool and case
#   BENCH_WORK=DIR            run directory (default /var/tmp/cairn-fixed-cost)
#   CAIRN_CMD=./cairn         command that runs cairn (split on spaces)
#   CAIRN_BEFORE_CMD=...      optional: a second cairn (an earlier build) run in the same alternation, shown as "before"
#   BENCH_CASES=local,server  which cases to run
#
# stdout: Markdown report; also written to bench/results/fixed-cost.md through bench/lib.sh.
# Exit status: 0 when every call succeeded and every target was met (wall ≤ 1.0 × restic, peak RSS ≤ 0.9 × restic).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
case "${1:-}" in -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;; esac
BENCH_REPEATS="${BENCH_REPEATS:-9}"
BENCH_WORK="${BENCH_WORK:-/var/tmp/cairn-fixed-cost}"
BENCH_CASES="${BENCH_CASES:-local,server}"
read -ra CAIRN <<< "${CAIRN_CMD:-$ROOT/cairn}"
BEFORE=()
[ -n "${CAIRN_BEFORE_CMD:-}" ] && read -ra BEFORE <<< "$CAIRN_BEFORE_CMD"
TOOLS=(cairn restic)
[ ${#BEFORE[@]} -gt 0 ] && TOOLS=(cairn before restic)

mkdir -p "$BENCH_WORK" "$ROOT/bench/work"
STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH_WORK/run-$STAMP-$$"
LOG="$ROOT/bench/work/fixed-cost-$STAMP.log"
REPORT="$ROOT/bench/work/fixed-cost-$STAMP.md"
mkdir -p "$RUN"/{server,tmp,home,logs,repos}
: > "$LOG"
log() { printf '[%s] %s\n' "$(date +%T)" "$*" | tee -a "$LOG" >&2; }
SERVER_PID=
cleanup() {
  local rc=$?
  [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true
  [[ "$(basename "$RUN")" == run-* ]] && rm -rf -- "$RUN"
  exit $rc
}
trap cleanup EXIT
command -v restic >/dev/null || { echo "restic is needed (apt-get install restic)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 2; }

export CAIRN_PASSWORD="cairn-bench-password" RESTIC_PASSWORD="cairn-bench-password"
export RESTIC_CACHE_DIR="$RUN/home/restic-cache" XDG_CACHE_HOME="$RUN/home/cache" XDG_CONFIG_HOME="$RUN/home/config"
export TMPDIR="$RUN/tmp"
run() { log "$*"; "$@" >>"$LOG" 2>&1; }
"${CAIRN[@]}" --version >>"$LOG" 2>&1   # builds the jar and the AOT cache outside the timed calls
[ ${#BEFORE[@]} -gt 0 ] && "${BEFORE[@]}" --version >>"$LOG" 2>&1

declare -A ARGS=()   # ARGS[case.tool] = repository arguments
for c in ${BENCH_CASES//,/ }; do
  case $c in
    local)
      run "${CAIRN[@]}" init -r "$RUN/repos/cairn"
      run "${CAIRN[@]}" backup -q -r "$RUN/repos/cairn" "$ROOT/docs"
      run restic init --repository-version 2 -r "$RUN/repos/restic"
      run restic -r "$RUN/repos/restic" backup -q "$ROOT/docs"
      ARGS[local.cairn]="-r $RUN/repos/cairn"; ARGS[local.before]="${ARGS[local.cairn]}"; ARGS[local.restic]="-r $RUN/repos/restic" ;;
    server)
      bench_server "$RUN/server" "$RUN/home/token"
      ARGS[server.cairn]="-r http://127.0.0.1:$PORT/cairn-repo --token-file $RUN/home/token"; ARGS[server.before]="${ARGS[server.cairn]}"
      ARGS[server.restic]="-r rest:http://bench:$TOKEN@127.0.0.1:$PORT/bench/restic-repo/"
      read -ra a <<< "${ARGS[server.cairn]}"; run "${CAIRN[@]}" init "${a[@]}"; run "${CAIRN[@]}" backup -q "${a[@]}" "$ROOT/docs"
      read -ra a <<< "${ARGS[server.restic]}"; run restic init --repository-version 2 "${a[@]}"; run restic "${a[@]}" backup -q "$ROOT/docs" ;;
    *) echo "unknown case: $c (expected local, server)" >&2; exit 2 ;;
  esac
done

declare -A V=()   # V[case.tool.metric] = the calls' values, space-separated; metrics wall cpu rss (MiB)
call() {  # call CASE TOOL I: one timed `snapshots`
  local c=$1 tool=$2 i=$3 tf="$RUN/logs/$1-$2-$3.time" cmd a
  read -ra a <<< "${ARGS[$c.$tool]}"
  case $tool in cairn) cmd=("${CAIRN[@]}" snapshots "${a[@]}") ;; before) cmd=("${BEFORE[@]}" snapshots "${a[@]}") ;;
    restic) cmd=(restic "${a[@]}" snapshots) ;; esac
  /usr/bin/time -v -o "$tf" "${cmd[@]}" >"$RUN/logs/$c-$tool-$i.out" 2>&1 \
    || { log "$c $tool call $i FAILED"; tail -n 20 "$RUN/logs/$c-$tool-$i.out" | tee -a "$LOG" >&2; exit 1; }
  local w u r
  read -r w u r < <(awk '/Elapsed \(wall clock\) time/ { n = split($NF, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i] }
       /(User|System) time \(seconds\)/ { cpu += $NF } /Maximum resident set size/ { rss = $NF }
       END { printf "%.3f %.3f %.1f\n", s, cpu, rss / 1024 }' "$tf")
  V[$c.$tool.wall]+="$w "; V[$c.$tool.cpu]+="$u "; V[$c.$tool.rss]+="$r "
  log "$c $tool $i: wall $w s, CPU $u s, peak RSS $r MiB (load $(cut -d' ' -f1-3 /proc/loadavg))"
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratios() {  # ratios "A values" "B values": the per-call ratios A/B
  paste -d' ' <(tr ' ' '\n' <<<"$1" | grep -v '^$') <(tr ' ' '\n' <<<"$2" | grep -v '^$') | awk '{ printf "%.4f ", $1 / $2 }'
}
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for c in ${BENCH_CASES//,/ }; do
  for i in $(seq 1 "$BENCH_REPEATS"); do
    for tool in "${TOOLS[@]}"; do call "$c" "$tool" "$i"; done
  done
done
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

verdict() { awk -v r="$1" -v goal="$2" 'BEGIN { printf "%.2f | %s", r, (r <= goal ? "PASS" : "FAIL") }'; }
{
  echo "## Fixed cost: \`snapshots\` on a one-snapshot repository"
  echo
  echo "- cairn: $("${CAIRN[@]}" --version 2>/dev/null | head -n 1) (commit $(git -C "$ROOT" rev-parse --short HEAD)); restic: $(restic version)"
  [ ${#BEFORE[@]} -gt 0 ] && echo "- before: \`$CAIRN_BEFORE_CMD\` ($("${BEFORE[@]}" --version 2>/dev/null | head -n 1))"
  echo "- $BENCH_REPEATS calls per tool and case, alternating ${TOOLS[*]}; one snapshot of docs/; load average $LOAD_BEFORE before, $LOAD_AFTER after; $(nproc) cores"
  echo
  echo "| case | metric (median) |$(printf ' %s |' "${TOOLS[@]}")"
  echo "|---|---|$(for _ in "${TOOLS[@]}"; do printf -- '---:|'; done)"
  for c in ${BENCH_CASES//,/ }; do
    for m in wall cpu rss; do
      printf '| %s | %s |' "$c" "$(case $m in wall) echo 'wall s' ;; cpu) echo 'CPU s (user+sys)' ;; rss) echo 'peak RSS MiB' ;; esac)"
      for tool in "${TOOLS[@]}"; do printf ' %s |' "$(echo "${V[$c.$tool.$m]}" | median)"; done
      echo
    done
  done
  echo
  echo "| target | goal | cairn/restic (median of per-call ratios) | result |"
  echo "|---|---|---:|---|"
  for c in ${BENCH_CASES//,/ }; do
    echo "| $c: wall time | ≤ 1.0 × restic | $(verdict "$(ratios "${V[$c.cairn.wall]}" "${V[$c.restic.wall]}" | median)" 1.0) |"
    echo "| $c: peak RSS | ≤ 0.9 × restic | $(verdict "$(ratios "${V[$c.cairn.rss]}" "${V[$c.restic.rss]}" | median)" 0.9) |"
  done
  if [ ${#BEFORE[@]} -gt 0 ]; then
    echo
    echo "| change | metric | cairn/before (median of per-call ratios) |"
    echo "|---|---|---:|"
    for c in ${BENCH_CASES//,/ }; do for m in wall cpu rss; do
      echo "| $c | $m | $(ratios "${V[$c.cairn.$m]}" "${V[$c.before.$m]}" | median) |"
    done; done
  fi
} | tee "$REPORT"
BENCH_SCRIPT=fixed-cost bench_result fixed-cost "$REPORT" "BENCH_REPEATS=$BENCH_REPEATS bench/fixed-cost.sh"
