#!/usr/bin/env bash
# Remote benchmark: the cairn agent → cairn server vs restic → cairn server (restic's REST backend), over loopback.
#
# Usage: bench/remote.sh [--keep] [--help]
#   --keep         keep the run directory (server data, restores) instead of deleting it at the end
#
# Starts `cairn server` on 127.0.0.1 (SQLite and local disk in the run directory), creates an account with an unlimited
# quota and a full token, then, BENCH_RUNS times (each run into new repositories, cairn and restic paired step by step),
# times for both tools under GNU time (wall time and peak RSS): the initial backup of the corpus, the fixed cost
# (`snapshots` on the repository that now holds one snapshot, BENCH_FIXED_REPEATS times each, alternating, median kept),
# a backup with no change, and a restore of the latest snapshot. The fixed cost is also measured on local repositories
# (a directory each, one snapshot of the repository's docs/). The table gives the median of each tool's times and the
# median of the per-run ratios, which decides the verdict (paired runs cancel most of the load of a shared machine).
# The server's time is not counted for either tool (it is the same server), but a second table gives each tool's CPU
# seconds and the server process's CPU seconds while the step ran (from /proc; on a loaded machine CPU is steadier). Every cairn repository then passes
# `cairn check --read-data`, and each restore is compared with the corpus. Note the load average printed with the results.
# Restores go to a fresh ext4 file system per run (`fresh_fs`, bench/lib.sh; a loop-mounted image, when run as root), and
# before each timed restore `settle` drops the clean page cache and reads the server's data, the local caches and the
# tool's programs back in, so both restores start from the same file-system state.
#
# Environment:
#   BENCH_SIZE=2G         size of the mixed corpus (make-corpus.py)
#   BENCH_SEED=42         corpus seed
#   BENCH_RUNS=3          paired runs (median reported)
#   BENCH_FIXED_REPEATS=5 `snapshots` calls per tool per run for the fixed-cost rows
#   BENCH_WORK=DIR        run directory (default ${TMPDIR:-/tmp}/cairn-remote, or /var/tmp/cairn-remote on a tmpfs);
#                         the pristine corpus is cached as corpus-SIZE-SEED (reused from /tmp/cairn-prune when there)
#   CORPUS_SCRIPT=...     corpus generator (default: ../shared/bench/make-corpus.py next to the repository)
#   CAIRN_CMD=./cairn     command that runs cairn
#
# stdout: Markdown report; also written to bench/results/remote.md through bench/lib.sh.
# Exit status: 0 when every step finished, every check passed and every target (cairn ≤ 0.8 × restic's time for the
# backups and the restore, ≤ 1.0 × for the fixed cost) was met, 1 otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

BENCH_SIZE="${BENCH_SIZE:-2G}"
BENCH_SEED="${BENCH_SEED:-42}"
BENCH_RUNS="${BENCH_RUNS:-3}"
BENCH_FIXED_REPEATS="${BENCH_FIXED_REPEATS:-5}"
if [ -z "${BENCH_WORK:-}" ]; then
  BENCH_WORK="${TMPDIR:-/tmp}/cairn-remote"
  mkdir -p "$BENCH_WORK"
  case "$(stat -f -c %T "$BENCH_WORK")" in tmpfs|ramfs) BENCH_WORK=/var/tmp/cairn-remote ;; esac
fi
CAIRN_CMD="${CAIRN_CMD:-$ROOT/cairn}"
read -ra CAIRN <<< "$CAIRN_CMD"
CORPUS_SCRIPT="${CORPUS_SCRIPT:-$ROOT/../shared/bench/make-corpus.py}"
if [ ! -f "$CORPUS_SCRIPT" ]; then
  common="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir)"
  CORPUS_SCRIPT="$(dirname "$common")/../shared/bench/make-corpus.py"
fi

mkdir -p "$BENCH_WORK" "$ROOT/bench/work"
BENCH_WORK="$(cd "$BENCH_WORK" && pwd)"
STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH_WORK/run-$STAMP-$$"
LOG="$ROOT/bench/work/remote-$STAMP.log"
REPORT="$ROOT/bench/work/remote-$STAMP.md"
mkdir -p "$RUN"/{server,tmp,home,logs,restore,local}
: > "$LOG"
log() { printf '[%s] %s\n' "$(date +%T)" "$*" | tee -a "$LOG" >&2; }
SERVER_PID=
cleanup() {
  local rc=$?
  [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true
  [ "$KEEP" = 1 ] || ! declare -F release_fs >/dev/null || release_fs "$RUN/restore"
  [ "$KEEP" = 1 ] || { [[ "$(basename "$RUN")" == run-* ]] && rm -rf -- "$RUN"; }
  exit $rc
}
trap cleanup EXIT

need() {
  command -v "$1" >/dev/null && return
  log "installing $2 from Debian"
  env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >>"$LOG" 2>&1 ||
    { apt-get update -q >>"$LOG" 2>&1; env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >>"$LOG" 2>&1; }
}
need restic restic
[ -x /usr/bin/time ] || need /usr/bin/time time

export CAIRN_PASSWORD="cairn-bench-password" RESTIC_PASSWORD="cairn-bench-password"
export RESTIC_CACHE_DIR="$RUN/home/restic-cache" XDG_CACHE_HOME="$RUN/home/cache" XDG_CONFIG_HOME="$RUN/home/config"
export TMPDIR="$RUN/tmp"

PRISTINE="$BENCH_WORK/corpus-$BENCH_SIZE-$BENCH_SEED"
for cached in "$PRISTINE" "/tmp/cairn-prune/corpus-$BENCH_SIZE-$BENCH_SEED" "/var/tmp/cairn-prune/corpus-$BENCH_SIZE-$BENCH_SEED"; do
  if [ -f "$cached/.complete" ]; then PRISTINE="$cached"; break; fi
done
if [ ! -f "$PRISTINE/.complete" ]; then
  [ -f "$CORPUS_SCRIPT" ] || { echo "corpus generator not found (set CORPUS_SCRIPT)" >&2; exit 2; }
  log "building the corpus ($BENCH_SIZE, seed $BENCH_SEED) in $PRISTINE"
  rm -rf -- "$PRISTINE"
  python3 "$CORPUS_SCRIPT" "$PRISTINE" --size "$BENCH_SIZE" --seed "$BENCH_SEED" >>"$LOG" 2>&1
  touch "$PRISTINE/.complete"
fi
CORPUS="$PRISTINE"

# untimed: builds the jar if needed and the short commands' AOT cache (the local fixed-cost row's `snapshots` uses it;
# the full cache is made by the first `init` below), so that no timed call prepares one (ADR 55)
"${CAIRN[@]}" --version >>"$LOG" 2>&1
# the server: a free port, an account with room, a full token for both tools
source "$ROOT/bench/lib.sh"
JDK_HOME="$(bench_jdk_home)"
bench_server "$RUN/server" "$RUN/home/token"
declare -A SECS=() RSS=() CPU=() SCPU=()
TICKS=$(getconf CLK_TCK)
server_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat" 2>/dev/null || echo 0; }
timed() {  # timed NAME CMD...: wall seconds, peak RSS (KiB) and CPU seconds of CMD, and the server's CPU seconds meanwhile
  local name=$1; shift
  local tf="$RUN/logs/$name.time" s0
  sync
  log "timed $name"
  s0=$(server_ticks)
  /usr/bin/time -v -o "$tf" "$@" >"$RUN/logs/$name.out" 2>&1 || { log "$name FAILED"; tail -n 20 "$RUN/logs/$name.out" | tee -a "$LOG" >&2; exit 1; }
  cat "$RUN/logs/$name.out" >>"$LOG"
  read -r SECS[$name] RSS[$name] < <(awk '/Elapsed \(wall clock\) time/ { n = split($NF, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i] }
       /Maximum resident set size/ { rss = $NF } END { printf "%.2f %.0f\n", s, rss }' "$tf")
  CPU[$name]=$(awk '/User time|System time/ { c += $NF } END { printf "%.2f", c }' "$tf")
  SCPU[$name]=$(awk -v a="$s0" -v b="$(server_ticks)" -v t="$TICKS" 'BEGIN { printf "%.2f", (b - a) / t }')
  log "$name: ${SECS[$name]} s, peak RSS $((RSS[$name] / 1024)) MiB, CPU ${CPU[$name]} s, server CPU ${SCPU[$name]} s"
}
run() { log "${*//$TOKEN/TOKEN}"; "$@" >>"$LOG" 2>&1; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fixed() {  # fixed NAME CAIRN-ARGS -- RESTIC-ARGS: `snapshots` alternately, BENCH_FIXED_REPEATS times each; medians
  local name=$1 i c=() r=() cs=() rs=(); shift
  while [ "$1" != -- ]; do c+=("$1"); shift; done; shift; r=("$@")
  for i in $(seq 1 "$BENCH_FIXED_REPEATS"); do
    timed "cairn-$name-$i" "${CAIRN[@]}" snapshots "${c[@]}"; cs+=("${SECS[cairn-$name-$i]}")
    timed "restic-$name-$i" restic "${r[@]}" snapshots; rs+=("${SECS[restic-$name-$i]}")
  done
  SECS[cairn-$name]=$(echo "${cs[*]}" | median); SECS[restic-$name]=$(echo "${rs[*]}" | median)
  RSS[cairn-$name]=${RSS[cairn-$name-1]}; RSS[restic-$name]=${RSS[restic-$name-1]}
}

declare -A ALL=()  # ALL[tool-step] = the runs' seconds; ALLRSS the runs' peak RSS in KiB
declare -A ALLRSS=() ALLCPU=() ALLSCPU=()  # the runs' CPU seconds of the tool, and of the server meanwhile
keep() { local step=$1 r=$2; for tool in cairn restic; do
  ALL[$tool-$step]+="${SECS[$tool-$step]} "; ALLRSS[$tool-$step]+="${RSS[$tool-$step]} "
  ALLCPU[$tool-$step]+="${CPU[$tool-$step]:-0} "; ALLSCPU[$tool-$step]+="${SCPU[$tool-$step]:-0} "; done
  RATIOS[$step]+="$(awk -v a="${SECS[cairn-$step]}" -v b="${SECS[restic-$step]}" 'BEGIN { printf "%.4f", a / b }') "; }
declare -A RATIOS=()
SAME=identical CHECK=passed
LOCAL_DOCS="$ROOT/docs"
for r in $(seq 1 "$BENCH_RUNS"); do
  log "run $r of $BENCH_RUNS (load $(cut -d' ' -f1-3 /proc/loadavg))"
  fresh_fs "$RUN/restore" 12G   # the last run's restores, kept until now; a file system of its own (lib.sh)
  C=(-r "http://127.0.0.1:$PORT/cairn-repo-$r" --token-file "$RUN/home/token")
  R=(-r "rest:http://bench:$TOKEN@127.0.0.1:$PORT/bench/restic-repo-$r/")
  run "${CAIRN[@]}" init "${C[@]}"
  run restic init --repository-version 2 "${R[@]}"
  timed cairn-initial "${CAIRN[@]}" backup -q "${C[@]}" "$CORPUS"
  timed restic-initial restic "${R[@]}" backup -q --compression auto "$CORPUS"
  keep initial "$r"
  fixed fixed "${C[@]}" -- "${R[@]}"
  keep fixed "$r"
  timed cairn-nochange "${CAIRN[@]}" backup -q "${C[@]}" "$CORPUS"
  timed restic-nochange restic "${R[@]}" backup -q --compression auto "$CORPUS"
  keep nochange "$r"
  settle "$RUN/server" "$RUN/home" "$ROOT/cairn-dist/target/cairn.jar" "$ROOT"/cairn-dist/target/*.aot "$JDK_HOME"
  timed cairn-restore "${CAIRN[@]}" restore latest -q "${C[@]}" --target "$RUN/restore/cairn"
  settle "$RUN/server" "$RUN/home" "$(command -v restic)" "$JDK_HOME"   # the JDK: the server's
  timed restic-restore restic "${R[@]}" restore latest --target "$RUN/restore/restic"
  keep restore "$r"
  diff -rq "$CORPUS" "$RUN/restore/cairn$CORPUS" >>"$LOG" 2>&1 || SAME=DIFFERENT
  # the fixed cost on local repositories (a directory each, one small snapshot)
  LC=(-r "$RUN/local/cairn-$r") LR=(-r "$RUN/local/restic-$r")
  run "${CAIRN[@]}" init "${LC[@]}"
  run restic init --repository-version 2 "${LR[@]}"
  run "${CAIRN[@]}" backup -q "${LC[@]}" "$LOCAL_DOCS"
  run restic "${LR[@]}" backup -q "$LOCAL_DOCS"
  fixed fixedlocal "${LC[@]}" -- "${LR[@]}"
  keep fixedlocal "$r"
  run "${CAIRN[@]}" check --read-data "${C[@]}" || CHECK=FAILED
done

verdict() { awk -v r="$1" -v goal="$2" 'BEGIN { printf "%.2f | %s", r, (r <= goal ? "PASS" : "FAIL") }'; }
{
  echo "## cairn agent → cairn server vs restic → cairn server (REST), loopback"
  echo
  echo "- cairn: $("${CAIRN[@]}" --version 2>/dev/null | head -n 1) (commit $(git -C "$ROOT" rev-parse --short HEAD)); restic: $(restic version)"
  echo "- corpus: make-corpus.py --size $BENCH_SIZE --seed $BENCH_SEED; one cairn server (SQLite, local disk) for both; $BENCH_RUNS paired runs, each into new repositories; cairn's restores are $SAME to the corpus; \`cairn check --read-data\` $CHECK on every cairn repository"
  echo "- restores: $([ "$FRESH_FS" = 1 ] && echo "onto a fresh ext4 file system per run (a loop-mounted image on the same disk, no journal like the disk)" || echo "onto the same disk, each after waiting until the last large delete was ${DELETE_SETTLE} s old")"
  echo "- fixed cost: \`snapshots\` on the repository right after its first (only) backup, median of $BENCH_FIXED_REPEATS calls per tool and run; \"local\": a directory repository holding one snapshot of docs/"
  echo
  echo "| step | cairn s (median) | restic s (median) | cairn s per run | restic s per run | cairn peak RSS MiB | restic peak RSS MiB |"
  echo "|---|---:|---:|---|---|---:|---:|"
  for step in initial fixed nochange restore fixedlocal; do
    echo "| $step | $(echo "${ALL[cairn-$step]}" | median) | $(echo "${ALL[restic-$step]}" | median) | ${ALL[cairn-$step]% } | ${ALL[restic-$step]% } | $(( $(echo "${ALLRSS[cairn-$step]}" | median | cut -d. -f1) / 1024 )) | $(( $(echo "${ALLRSS[restic-$step]}" | median | cut -d. -f1) / 1024 )) |"
  done
  echo
  echo "CPU seconds (user + sys, median of the runs) of each tool, and of the server process while it ran:"
  echo
  echo "| step | cairn CPU s | restic CPU s | server CPU s during cairn | server CPU s during restic |"
  echo "|---|---:|---:|---:|---:|"
  for step in initial nochange restore; do
    echo "| $step | $(echo "${ALLCPU[cairn-$step]}" | median) | $(echo "${ALLCPU[restic-$step]}" | median) | $(echo "${ALLSCPU[cairn-$step]}" | median) | $(echo "${ALLSCPU[restic-$step]}" | median) |"
  done
  echo
  echo "| target | goal | cairn/restic (median of the runs' ratios) | result |"
  echo "|---|---|---:|---|"
  echo "| initial backup time | ≤ 0.8 × restic | $(verdict "$(echo "${RATIOS[initial]}" | median)" 0.8) |"
  echo "| no-change backup time | ≤ 0.8 × restic | $(verdict "$(echo "${RATIOS[nochange]}" | median)" 0.8) |"
  echo "| restore time | ≤ 0.8 × restic | $(verdict "$(echo "${RATIOS[restore]}" | median)" 0.8) |"
  echo "| fixed cost: snapshots, 1-snapshot server repository | ≤ 1.0 × restic | $(verdict "$(echo "${RATIOS[fixed]}" | median)" 1.0) |"
  echo "| fixed cost: snapshots, 1-snapshot local repository | ≤ 1.0 × restic | $(verdict "$(echo "${RATIOS[fixedlocal]}" | median)" 1.0) |"
  echo "| restores identical, check --read-data | both | $SAME, $CHECK | $([ "$SAME/$CHECK" = identical/passed ] && echo PASS || echo FAIL) |"
} | tee "$REPORT"
bench_result remote "$REPORT" "BENCH_SIZE=$BENCH_SIZE BENCH_RUNS=$BENCH_RUNS bench/remote.sh"
