#!/usr/bin/env bash
# Restore only, paired (issue 18's restore rows, while working on the restorer): cairn against restic (and optionally an
# earlier cairn build) restoring the same corpora, each from its own repository made once and kept between invocations.
# Every run deletes the previous run's restores, and each restore first settles (bench/lib.sh: waits until that delete
# is DELETE_SETTLE s old, as ext4 skips recently freed inodes, then drops the page cache and reads the repository and the
# tool's programs back in), then restores every corpus with every tool in a rotating order, each under GNU time, and
# compares each restore with its corpus (diff -r, untimed). Rows: median wall, user, sys, CPU and peak RSS; ratios are
# the median of the per-run ratios against restic (paired runs cancel most of a shared machine's load).
#
# Usage: bench/restore.sh [--help]
# Environment:
#   BENCH_RUNS=3              paired runs
#   BENCH_WORK=DIR            repositories (repos/, kept and reused) and run directories (default /var/tmp/cairn-restore)
#   BENCH_CORPORA=DIR         where the corpora are (default: compare.sh's cache, /var/tmp/perf-bench/corpora)
#   BENCH_SETS=LIST           comma-separated corpus directory names under BENCH_CORPORA (default: the synthetic 500M,
#                             the synthetic 100,000 small files, the real tree and its small files)
#   CAIRN_CMD=./cairn         command that runs cairn (split on spaces)
#   CAIRN_BEFORE_CMD=...      optional: an earlier cairn build, run in the same rotation as "before"
#   CAIRN_RESTORE_ENV=...     optional: environment assignments for the timed cairn restores (e.g. CAIRN_JAVA_OPTS=...)
#   BENCH_TARGET=DIR          where the restores go (default: the run directory); e.g. a file system of its own, so
#                             that other work's deletes on a shared disk do not slow its file creation (ext4 without a
#                             journal checks every new inode against recently deleted ones)
#
# stdout: Markdown table (also bench/work/restore-<timestamp>.md); progress on stderr and in bench/work/restore-<timestamp>.log.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;; esac
source "$ROOT/bench/lib.sh"
BENCH_RUNS="${BENCH_RUNS:-3}"
BENCH_WORK="${BENCH_WORK:-/var/tmp/cairn-restore}"
BENCH_CORPORA="${BENCH_CORPORA:-/var/tmp/perf-bench/corpora}"
BENCH_SETS="${BENCH_SETS:-synthetic-500M-42,synthetic-small-100000-42,real-linux-source-6.1-6.1.192-3,real-small-linux-source-6.1-6.1.192-3}"
read -ra CAIRN <<< "${CAIRN_CMD:-$ROOT/cairn}"
BEFORE=()
[ -n "${CAIRN_BEFORE_CMD:-}" ] && read -ra BEFORE <<< "$CAIRN_BEFORE_CMD"
read -ra RESTORE_ENV <<< "${CAIRN_RESTORE_ENV:-}"
TOOLS=(cairn restic)
[ ${#BEFORE[@]} -gt 0 ] && TOOLS=(cairn before restic)
IFS=',' read -ra SETS <<< "$BENCH_SETS"

mkdir -p "$BENCH_WORK/repos" "$ROOT/bench/work"
BENCH_WORK="$(cd "$BENCH_WORK" && pwd)"
STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH_WORK/run-$STAMP-$$"
LOG="$ROOT/bench/work/restore-$STAMP.log"
REPORT="$ROOT/bench/work/restore-$STAMP.md"
mkdir -p "$RUN"/{restore,tmp,home,logs}
TARGET_ROOT="${BENCH_TARGET:-$RUN}/restore-$STAMP-$$"
: > "$LOG"
log() { printf '[%s] %s\n' "$(date +%T)" "$*" | tee -a "$LOG" >&2; }
cleanup() { local rc=$?; rmtree "$TARGET_ROOT"; [[ "$(basename "$RUN")" == run-* ]] && rmtree "$RUN"; exit $rc; }
trap cleanup EXIT
trap 'exit 130' INT TERM
command -v restic >/dev/null || { echo "restic is needed (apt-get install restic)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt-get install time)" >&2; exit 2; }
export CAIRN_PASSWORD="cairn-bench-password" RESTIC_PASSWORD="cairn-bench-password"
export RESTIC_CACHE_DIR="$RUN/home/restic-cache" XDG_CACHE_HOME="$RUN/home/cache" XDG_CONFIG_HOME="$RUN/home/config"
export TMPDIR="$RUN/tmp"
"${CAIRN[@]}" --version >>"$LOG" 2>&1   # builds the jar and the AOT cache outside the timed calls
[ ${#BEFORE[@]} -gt 0 ] && "${BEFORE[@]}" --version >>"$LOG" 2>&1

# ---- repositories, made once per corpus and kept (a cairn repository is read by both cairn builds) ----------------
quiet() { log "$*"; "$@" >>"$LOG" 2>&1 || { log "FAILED: $*"; exit 1; }; }
for s in "${SETS[@]}"; do
  src="$BENCH_CORPORA/$s"
  [ -d "$src" ] || { echo "no corpus $src" >&2; exit 2; }
  if [ ! -f "$BENCH_WORK/repos/cairn-$s.complete" ]; then
    rmtree "$BENCH_WORK/repos/cairn-$s"
    quiet "${CAIRN[@]}" init -r "$BENCH_WORK/repos/cairn-$s"
    quiet "${CAIRN[@]}" backup -q -r "$BENCH_WORK/repos/cairn-$s" "$src"
    touch "$BENCH_WORK/repos/cairn-$s.complete"
  fi
  if [ ! -f "$BENCH_WORK/repos/restic-$s.complete" ]; then
    rmtree "$BENCH_WORK/repos/restic-$s"
    quiet restic init --repository-version 2 -r "$BENCH_WORK/repos/restic-$s"
    quiet restic -r "$BENCH_WORK/repos/restic-$s" backup -q --compression auto "$src"
    touch "$BENCH_WORK/repos/restic-$s.complete"
  fi
done

# ---- paired restores ---------------------------------------------------------------------------------------------
declare -A R=()   # R[set.run.tool.metric]; metrics wall user sys cpu rss
restore_cmd() {  # restore_cmd TOOL SET TARGET: the command line
  case $1 in
    cairn)  echo env "${RESTORE_ENV[@]}" "${CAIRN[@]}" restore latest -r "$BENCH_WORK/repos/cairn-$2" --target "$3" ;;
    before) echo env "${RESTORE_ENV[@]}" "${BEFORE[@]}" restore latest -r "$BENCH_WORK/repos/cairn-$2" --target "$3" ;;
    restic) echo restic -r "$BENCH_WORK/repos/restic-$2" restore latest --target "$3" ;;
  esac
}
JDK_HOME="$(bench_jdk_home)"
programs() {  # programs TOOL: what a tool's run reads besides its repository (read back after settle's cache drop)
  case $1 in
    cairn)  echo "$(dirname "${CAIRN[0]}")/cairn-dist/target" "$JDK_HOME" ;;
    before) echo "$(dirname "${BEFORE[0]}")/cairn-dist/target" "$JDK_HOME" ;;
    restic) command -v restic ;;
  esac
}
timed_restore() {  # timed_restore SET RUN TOOL
  local s=$1 n=$2 tool=$3 target="$TARGET_ROOT/$3-$1" tf="$RUN/logs/$3-$1-$2.time" cmd rc=0
  read -ra cmd <<< "$(restore_cmd "$tool" "$s" "$target")"
  mkdir -p "$target"
  local repo="$BENCH_WORK/repos/$tool-$s" paths
  [ "$tool" = before ] && repo="$BENCH_WORK/repos/cairn-$s"
  mapfile -t paths < <(programs "$tool" | tr ' ' '\n')
  settle "$repo" "$RUN/home" "${paths[@]}"
  "/usr/bin/time" -v -o "$tf" "${cmd[@]}" >>"$LOG" 2>&1 || rc=$?
  cat "$tf" >>"$LOG"
  [ $rc -eq 0 ] || { log "$tool restore of $s FAILED (exit $rc)"; exit 1; }
  read -r R[$s.$n.$tool.wall] R[$s.$n.$tool.user] R[$s.$n.$tool.sys] R[$s.$n.$tool.rss] < <(awk '
    /Elapsed \(wall clock\) time/ { k = split($NF, a, ":"); w = 0; for (i = 1; i <= k; i++) w = w * 60 + a[i] }
    /User time \(seconds\)/ { u = $NF } /System time \(seconds\)/ { y = $NF } /Maximum resident set size/ { m = $NF }
    END { printf "%.2f %.2f %.2f %.1f\n", w, u, y, m / 1024 }' "$tf")
  R[$s.$n.$tool.cpu]=$(awk -v u="${R[$s.$n.$tool.user]}" -v y="${R[$s.$n.$tool.sys]}" 'BEGIN { printf "%.2f", u + y }')
  log "run $n $s $tool: wall ${R[$s.$n.$tool.wall]} s, user ${R[$s.$n.$tool.user]} s, sys ${R[$s.$n.$tool.sys]} s, peak RSS ${R[$s.$n.$tool.rss]} MiB (load $(cut -d' ' -f1-3 /proc/loadavg))"
  local src="$BENCH_CORPORA/$s"
  diff -r -q --no-dereference "$src" "$target$src" >>"$LOG" 2>&1 || { log "$tool restore of $s DIFFERS from the corpus (see $LOG)"; exit 1; }
}
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
for ((n = 1; n <= BENCH_RUNS; n++)); do
  rmtree_settling "$TARGET_ROOT"; mkdir -p "$TARGET_ROOT"
  for s in "${SETS[@]}"; do
    order=(); for ((i = 0; i < ${#TOOLS[@]}; i++)); do order+=("${TOOLS[$(( (i + n - 1) % ${#TOOLS[@]} ))]}"); done
    for tool in "${order[@]}"; do timed_restore "$s" "$n" "$tool"; done
  done
done

# ---- report --------------------------------------------------------------------------------------------------------
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
med() { local n; for ((n = 1; n <= BENCH_RUNS; n++)); do echo "${R[$1.$n.$2.$3]}"; done | median; }
ratio() { local n; for ((n = 1; n <= BENCH_RUNS; n++)); do awk -v a="${R[$1.$n.$2.$4]}" -v b="${R[$1.$n.$3.$4]}" 'BEGIN { if (b > 0) printf "%.4f\n", a / b }'; done | median | awk '{ printf "%.2f", $1 }'; }
{
  echo "Restores, median of $BENCH_RUNS paired run(s), $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD), $(bench_machine); load average at start $LOAD_START, at end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| corpus | tool | wall s | user s | sys s | CPU s | peak RSS MiB | wall / restic | CPU / restic | RSS / restic |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for s in "${SETS[@]}"; do
    for tool in "${TOOLS[@]}"; do
      echo "| $s | $tool | $(med "$s" "$tool" wall) | $(med "$s" "$tool" user) | $(med "$s" "$tool" sys) | $(med "$s" "$tool" cpu) | $(med "$s" "$tool" rss) | $(ratio "$s" "$tool" restic wall) | $(ratio "$s" "$tool" restic cpu) | $(ratio "$s" "$tool" restic rss) |"
    done
  done
} | tee "$REPORT"
