#!/usr/bin/env bash
# Daemon benchmark (issue 17): an hourly no-change run of the 2 GiB mixed corpus (bench/compare.sh's corpus, local
# repository) inside the cairn daemon, versus a one-shot `cairn backup` and restic; and the daemon's resident memory.
#
# Usage: bench/daemon.sh [--keep] [--help]
#   --keep         keep the run directory (repositories, logs) instead of deleting it at the end
#
# Environment:
#   BENCH_SIZE=2G        size of the mixed corpus (BENCH_SIZE=200M for a quick run)
#   BENCH_SEED=42        corpus seed
#   BENCH_RUNS=3         timed no-change runs per tool (the median is reported)
#   BENCH_IDLE=60        seconds the daemon idles before its idle RSS is read
#   BENCH_WORK=DIR       run directory (default ${TMPDIR:-/tmp}/cairn-daemon-bench, /var/tmp/... on tmpfs); the corpus is
#                        cached there as corpus-SIZE-SEED (reused from /tmp/cairn-prune/ when bench/prune.sh made one)
#   CORPUS_SCRIPT=...    corpus generator (default: ../shared/bench/make-corpus.py, as bench/compare.sh)
#   CAIRN_CMD=./cairn    command that runs cairn (its JVM options are the launcher's: the daemon runs as users run it)
#
# What is measured: one-shot = `cairn backup` (JVM start, key derivation, index, tree walk) under GNU time -v;
# restic = `restic backup` of the same corpus; daemon = `cairn run SET` sent to a running `cairn daemon`, timed by the
# daemon's own record of the run (state.json lastStart..lastEnd), after one untimed first run that opens the repository.
# The three run in rounds, so the ratio compares runs made under the same load.
# The daemon's RSS is VmRSS of /proc/PID/status right after the runs and after BENCH_IDLE seconds idle; VmHWM is its peak.
# stdout: a Markdown report with PASS/FAIL per target; also bench/results/daemon.md (bench/lib.sh). Exit 1 if a target fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/lib.sh"
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
BENCH_SIZE="${BENCH_SIZE:-2G}"
BENCH_SEED="${BENCH_SEED:-42}"
BENCH_RUNS="${BENCH_RUNS:-3}"
BENCH_IDLE="${BENCH_IDLE:-60}"
if [ -z "${BENCH_WORK:-}" ]; then
  BENCH_WORK="${TMPDIR:-/tmp}/cairn-daemon-bench"
  mkdir -p "$BENCH_WORK"
  case "$(stat -f -c %T "$BENCH_WORK")" in tmpfs|ramfs) BENCH_WORK=/var/tmp/cairn-daemon-bench ;; esac
fi
read -ra CAIRN <<< "${CAIRN_CMD:-$ROOT/cairn}"
CORPUS_SCRIPT="${CORPUS_SCRIPT:-$ROOT/../shared/bench/make-corpus.py}"
if [ ! -f "$CORPUS_SCRIPT" ]; then
  common="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir)"
  CORPUS_SCRIPT="$(dirname "$common")/../shared/bench/make-corpus.py"
fi
[ -f "$CORPUS_SCRIPT" ] || { echo "corpus generator not found (set CORPUS_SCRIPT)" >&2; exit 2; }
apt_install() { (apt-get install -y "$@" || { apt-get update && apt-get install -y "$@"; }) >&2; }
{ [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; } || apt_install time
command -v restic >/dev/null || apt_install restic
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

RUN="$BENCH_WORK/run"
rm -rf "$RUN"; mkdir -p "$RUN"
DAEMON_PID=""
cleanup() {
  [ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null && wait "$DAEMON_PID" 2>/dev/null || true
  [ "$KEEP" = 1 ] || rm -rf "$RUN"
}
trap cleanup EXIT
export CAIRN_PASSWORD="cairn-bench-password" RESTIC_PASSWORD="cairn-bench-password"
export CAIRN_CACHE_DIR="$RUN/cache" RESTIC_CACHE_DIR="$RUN/restic-cache"
CREPO="$RUN/cairn-repo"; RREPO="$RUN/restic-repo"
printf '%s\n' "$CAIRN_PASSWORD" >"$RUN/pass"; chmod 600 "$RUN/pass"

# timed OUT CMD...: runs CMD under GNU time -v; prints "seconds peak_rss_kib"
timed() {
  local out=$1 tf; shift; tf="$(mktemp)"
  sync
  /usr/bin/time -v -o "$tf" "$@" >"$out" 2>&1 || { cat "$out" >&2; rm -f "$tf"; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
              /Maximum resident set size/ { r = $2 } END { printf "%.2f %d\n", s, r }' "$tf"
  rm -f "$tf"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# the pristine corpus is cached next to the run directory (and reused from bench/prune.sh's and bench/remote.sh's caches)
CORPUS="$BENCH_WORK/corpus-$BENCH_SIZE-$BENCH_SEED"
for cached in "$CORPUS" "/tmp/cairn-prune/corpus-$BENCH_SIZE-$BENCH_SEED" "/var/tmp/cairn-prune/corpus-$BENCH_SIZE-$BENCH_SEED"; do
  if [ -f "$cached/.complete" ]; then CORPUS="$cached"; break; fi
done
if [ -f "$CORPUS/.complete" ]; then
  log "corpus: $BENCH_SIZE (seed $BENCH_SEED), cached in $CORPUS"
else
  log "corpus: $BENCH_SIZE (seed $BENCH_SEED) in $CORPUS"
  rm -rf -- "$CORPUS"
  python3 "$CORPUS_SCRIPT" "$CORPUS" --size "$BENCH_SIZE" --seed "$BENCH_SEED" >&2
  touch "$CORPUS/.complete"
fi
FILES=$(find "$CORPUS" -type f ! -name .complete | wc -l)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

log "cairn: init and first backup"
"${CAIRN[@]}" -r "$CREPO" init -q >&2
"${CAIRN[@]}" -r "$CREPO" backup -q "$CORPUS" >&2
log "restic: init and first backup"
restic -r "$RREPO" init --repository-version 2 -q >&2
restic -r "$RREPO" backup -q "$CORPUS" >&2

log "daemon: start, one untimed run (opens the repository)"
cat >"$RUN/daemon.yaml" <<YAML
state-dir: $RUN/state
sets:
  bench:
    repository: $CREPO
    password-file: $RUN/pass
    sources: [$CORPUS]
    schedule: "0 0 1 1 *"   # never due during the benchmark: runs come from 'cairn run', as an hourly slot would
YAML
# --check-config first: the launcher makes the daemon's ahead-of-time cache (once per build) before the daemon is timed
"${CAIRN[@]}" daemon --config "$RUN/daemon.yaml" --check-config >&2
"${CAIRN[@]}" daemon --config "$RUN/daemon.yaml" >"$RUN/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 600); do [ -S "$RUN/state/daemon.sock" ] && break; sleep 0.1; done
[ -S "$RUN/state/daemon.sock" ] || { cat "$RUN/daemon.log" >&2; echo "the daemon did not start" >&2; exit 1; }
JPID=$(cat "$RUN/state/daemon.lock")   # the JVM (the launcher execs it, but read the pid the daemon wrote)
run_in_daemon() {
  "${CAIRN[@]}" run bench --config "$RUN/daemon.yaml" -q >&2
  python3 -c 'import json,sys,datetime as d
s = json.load(open(sys.argv[1]))["sets"]["bench"]
p = lambda t: d.datetime.fromisoformat(t.replace("Z", "+00:00"))
print("%.2f" % (p(s["lastEnd"]) - p(s["lastStart"])).total_seconds())' "$RUN/state/state.json"
}
FIRST=$(run_in_daemon)
declare -a ONE_T ONE_R RES_T RES_R DMN_T PAIR
# paired runs: each round runs the three one after the other, so a change of the machine's load hits all three alike
for i in $(seq "$BENCH_RUNS"); do
  log "no-change run $i/$BENCH_RUNS: one-shot cairn backup, restic backup, a run in the daemon"
  read -r t r < <(timed "$RUN/one-$i.log" "${CAIRN[@]}" -r "$CREPO" backup -q "$CORPUS"); ONE_T+=("$t"); ONE_R+=("$r")
  read -r t r < <(timed "$RUN/restic-$i.log" restic -r "$RREPO" backup -q "$CORPUS"); RES_T+=("$t"); RES_R+=("$r")
  DMN_T+=("$(run_in_daemon)")
  PAIR+=("$(awk -v d="${DMN_T[-1]}" -v r="$t" 'BEGIN { printf "%.3f", d / r }')")
done

rss() { awk -v k="$1:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$JPID/status"; }
RSS_AFTER=$(rss VmRSS); HWM=$(rss VmHWM)
log "daemon: idle for $BENCH_IDLE s"
sleep "$BENCH_IDLE"
RSS_IDLE=$(rss VmRSS)

ONE=$(printf '%s\n' "${ONE_T[@]}" | median); RES=$(printf '%s\n' "${RES_T[@]}" | median); DMN=$(printf '%s\n' "${DMN_T[@]}" | median)
ONE_RSS=$(printf '%s\n' "${ONE_R[@]}" | median | awk '{ printf "%.0f", $1 / 1024 }')
RES_RSS=$(printf '%s\n' "${RES_R[@]}" | median | awk '{ printf "%.0f", $1 / 1024 }')
RATIO=$(printf '%s\n' "${PAIR[@]}" | median | awk '{ printf "%.2f", $1 }')   # median of the rounds' ratios
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? "PASS" : "FAIL" }'; }
REPORT="$RUN/report.md"
{
  echo "Corpus: $BENCH_SIZE mixed (seed $BENCH_SEED, $FILES files), local repositories on one disk; $(restic version | cut -d' ' -f1-2);"
  echo "median of $BENCH_RUNS no-change runs each, run in rounds (one-shot, restic, daemon); the ratio is the median of the rounds'"
  echo "ratios. Daemon runs are timed by the daemon (state.json), one-shot and restic by GNU time. Load before: $LOAD_BEFORE."
  echo
  echo "| no-change backup | time s | peak RSS MiB |"
  echo "|---|---|---|"
  echo "| restic backup (one-shot) | $RES | $RES_RSS |"
  echo "| cairn backup (one-shot) | $ONE | $ONE_RSS |"
  echo "| cairn daemon, first run (opens the repository) | $FIRST | |"
  echo "| cairn daemon, later runs | $DMN | $HWM (daemon's peak, VmHWM) |"
  echo
  echo "| daemon resident memory | MiB |"
  echo "|---|---|"
  echo "| VmRSS right after the runs | $RSS_AFTER |"
  echo "| VmRSS after $BENCH_IDLE s idle | $RSS_IDLE |"
  echo
  echo "| target | measured | goal | verdict |"
  echo "|---|---|---|---|"
  echo "| daemon run vs restic | ${RATIO} × restic's time | ≤ 0.3 × | $(verdict "$RATIO" 0.3) |"
  echo "| idle daemon RSS | $RSS_IDLE MiB | ≤ 100 MiB | $(verdict "$RSS_IDLE" 100) |"
  echo "| idle daemon RSS, with margin | $RSS_IDLE MiB | ≤ 90 MiB | $(verdict "$RSS_IDLE" 90) |"
} >"$REPORT"
cat "$REPORT"
bench_result daemon "$REPORT" "bench/daemon.sh"
