#!/usr/bin/env bash
# Memory and time as the tree and the repository grow: cairn beside restic on the same data, one tool at a time, every
# step under GNU `time -v` (wall seconds and peak RSS). Prints Markdown tables (bench/README.md, section growth.sh).
#
# Part "tree": a tree of GROWTH_FILES small files (directories of 100 files, plus one directory of GROWTH_BIG_DIR
#   entries; bench/make-tree.py): init, backup, no-change backup, snapshots, ls, find, diff, restore, check --read-data, stats.
# Part "repo": the mixed corpus (make-corpus.py --size GROWTH_SIZE) backed up into an empty repository (level 1x), then
#   the repository grown by backing up filler trees of small files (each file its own blob), GROWTH_FILLER files per
#   level, cumulatively. At every level: backup --force of the corpus (every file read and every blob looked up again:
#   the time per file against the repository's size), no-change backup, snapshots, ls, find, restore, check --read-data,
#   stats. Every timed backup starts with the source read once (warm page cache), as in compare.sh.
#
# Usage: bench/growth.sh [--tools cairn,restic] [--part tree|repo|all] [--keep]
#   GROWTH_FILES=1000000 GROWTH_BIG_DIR=200000 GROWTH_SIZE=2G GROWTH_FILLER="480000 1970000" BENCH_WORK=/var/tmp/...
#   CAIRN_CMD=./cairn (e.g. another checkout's launcher, for a before/after run)
# Needs about 40 GB in BENCH_WORK at the defaults; takes about an hour and a half (both tools). Installs restic and GNU
# time from Debian when missing. Exit status 1 if a step failed or a restore is incomplete.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_ARG=cairn,restic
PART=all
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tools) TOOLS_ARG="$2"; shift 2 ;;
    --part) PART="$2"; shift 2 ;;
    --keep) KEEP=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
IFS=',' read -ra TOOLS <<< "$TOOLS_ARG"
GROWTH_FILES="${GROWTH_FILES:-1000000}"
GROWTH_BIG_DIR="${GROWTH_BIG_DIR:-200000}"
GROWTH_SIZE="${GROWTH_SIZE:-2G}"
read -ra FILLER <<< "${GROWTH_FILLER:-480000 1970000}"
BENCH_WORK="${BENCH_WORK:-/var/tmp/cairn-growth-bench}"
CAIRN_CMD="${CAIRN_CMD:-$ROOT/cairn}"
read -ra CAIRN <<< "$CAIRN_CMD"
[[ "${CAIRN[0]}" == */* && "${CAIRN[0]}" != /* ]] && CAIRN[0]="$PWD/${CAIRN[0]}"
CORPUS_SCRIPT="${CORPUS_SCRIPT:-}"
if [ -z "$CORPUS_SCRIPT" ]; then
  common="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || echo "$ROOT/.git")"
  for c in "$ROOT/../shared/bench/make-corpus.py" "$(dirname "$common")/../shared/bench/make-corpus.py"; do
    [ -f "$c" ] && CORPUS_SCRIPT="$c" && break
  done
fi
[ -f "$CORPUS_SCRIPT" ] || { echo "corpus generator not found (set CORPUS_SCRIPT)" >&2; exit 2; }

command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
command -v restic >/dev/null || apt-get install -y restic >/dev/null || { apt-get update >/dev/null && apt-get install -y restic >/dev/null; }

STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH_WORK/run-$STAMP-$$"
LOGDIR="$ROOT/bench/work"
LOG="$LOGDIR/growth-$STAMP.log"
REPORT="$LOGDIR/growth-$STAMP.md"
mkdir -p "$RUN"/{repos,restore,home,logs,data} "$LOGDIR"
: > "$LOG"
cleanup() { [ "$KEEP" = 1 ] || rm -rf -- "$RUN"; }
trap cleanup EXIT
export CAIRN_PASSWORD=growth-bench RESTIC_PASSWORD=growth-bench
export XDG_CACHE_HOME="$RUN/home/cache" RESTIC_CACHE_DIR="$RUN/home/restic-cache" TMPDIR="$RUN/home/tmp"
mkdir -p "$TMPDIR"
log() { printf '[%s] %s\n' "$(date +%T)" "$*" | tee -a "$LOG" >&2; }
STATUS=0
declare -A SECS=() MIB=()   # [tool|row] = value
ROWS=()

# timed TOOL ROW CMD... : runs CMD under time -v after a sync; records seconds and peak RSS (MiB) for the row
timed() {
  local tool=$1 row=$2; shift 2
  local tf="$RUN/logs/time.$$" out="$RUN/logs/out.$$" rc=0
  sync
  /usr/bin/time -v -o "$tf" "$@" >"$out" 2>&1 || rc=$?
  { echo "----- $tool $row (rc=$rc): $*"; tail -n 8 "$out"; grep -E 'Elapsed|Maximum resident' "$tf"; } >>"$LOG"
  [[ " ${ROWS[*]} " == *" $row "* ]] || ROWS+=("$row")
  if [ $rc -ne 0 ]; then
    log "$tool $row FAILED (exit $rc): $(tail -n 2 "$out" | tr '\n' ' ')"
    SECS[$tool|$row]=FAILED; STATUS=1; return 1
  fi
  read -r s k < <(awk '/Elapsed \(wall clock\)/ { n = split($NF, a, ":"); t = 0; for (i = 1; i <= n; i++) t = t * 60 + a[i] }
                      /Maximum resident/ { r = $NF } END { printf "%.2f %d\n", t, r }' "$tf")
  SECS[$tool|$row]=$s; MIB[$tool|$row]=$(awk -v k="$k" 'BEGIN { printf "%.1f", k / 1024 }')
  log "$tool $row: ${s} s, ${MIB[$tool|$row]} MiB"
  cp "$out" "$RUN/logs/last.out"
}

# run TOOL ROW REPO VERB ARGS... : one command of TOOL against REPO, timed
run() {
  local tool=$1 row=$2 repo=$3 verb=$4; shift 4
  case $tool in
    cairn) timed cairn "$row" "${CAIRN[@]}" "$verb" -r "$repo" "$@" ;;
    restic)
      case $verb in
        backup) timed restic "$row" restic -r "$repo" backup --compression auto "$@" ;;
        find) timed restic "$row" restic -r "$repo" find "$@" ;;
        check) timed restic "$row" restic -r "$repo" check --read-data ;;
        stats) timed restic "$row" restic -r "$repo" stats --mode raw-data ;;
        diff) timed restic "$row" restic -r "$repo" diff "$@" ;;
        restore) timed restic "$row" restic -r "$repo" restore "$@" ;;
        *) timed restic "$row" restic -r "$repo" "$verb" "$@" ;;
      esac ;;
  esac
}

warm() {  # read a tree once, so that every timed backup starts with the same warm page cache
  tar -cf - -C "$1" . | cat >/dev/null
}

init() {
  case $1 in
    cairn) "${CAIRN[@]}" init -r "$2" >>"$LOG" 2>&1 ;;
    restic) restic init --repository-version 2 -r "$2" >>"$LOG" 2>&1 ;;
  esac
}

snapshot_ids() {  # snapshot_ids TOOL REPO -> ids, oldest first
  case $1 in
    cairn) "${CAIRN[@]}" snapshots -r "$2" --json | python3 -c 'import json,sys; print("\n".join(s["id"] for s in json.load(sys.stdin)))' ;;
    restic) restic -r "$2" snapshots --json | python3 -c 'import json,sys; print("\n".join(s["id"] for s in json.load(sys.stdin)))' ;;
  esac
}

check_restore() {  # check_restore TOOL SOURCE TARGET: same number of files and bytes (diff -r for small trees)
  local tool=$1 src=$2 got="$3$2"
  local a b
  a="$(find "$src" -type f -printf '%s\n' | awk '{ n++; s += $1 } END { print n + 0, s + 0 }')"
  b="$(find "$got" -type f -printf '%s\n' 2>/dev/null | awk '{ n++; s += $1 } END { print n + 0, s + 0 }')"
  if [ "$a" != "$b" ]; then log "$tool RESTORE INCOMPLETE: source $a, restored $b (files bytes)"; STATUS=1
  elif [ "$(echo "$a" | cut -d' ' -f1)" -le 100000 ] && ! diff -rq "$src" "$got" >>"$LOG" 2>&1; then
    log "$tool RESTORE MISMATCH (diff -r)"; STATUS=1
  else log "$tool restore complete: $a (files bytes)"; fi
  rm -rf -- "$3"
}

blobs() {  # blobs TOOL REPO -> blob count
  case $1 in
    cairn) "${CAIRN[@]}" stats -r "$2" 2>/dev/null | awk -F'[ ,]+' '/Packs, blobs/ { print $NF }' ;;
    restic) restic -r "$2" stats --mode raw-data 2>/dev/null | awk '/Total Blob Count/ { print $NF }' ;;
  esac
}

# the commands every part measures, after a backup and a no-change backup of SRC; PREFIX names the rows
measure_reads() {
  local tool=$1 repo=$2 src=$3 prefix=$4 pattern=$5 ids first last target="$RUN/restore/$1"
  ids="$(snapshot_ids "$tool" "$repo")"; last="$(echo "$ids" | tail -n 1)"; first="$(echo "$ids" | tail -n 2 | head -n 1)"
  run "$tool" "$prefix snapshots" "$repo" snapshots || true
  run "$tool" "$prefix ls" "$repo" ls "$last" || true
  run "$tool" "$prefix find" "$repo" find "$pattern" || true
  run "$tool" "$prefix diff" "$repo" diff "$first" "$last" || true
  rm -rf -- "$target"; mkdir -p "$target"
  run "$tool" "$prefix restore" "$repo" restore "$last" --target "$target" && check_restore "$tool" "$src" "$target" || true
  rm -rf -- "$target"
  run "$tool" "$prefix check --read-data" "$repo" check --read-data || true
  run "$tool" "$prefix stats" "$repo" stats || true
}

tree_part() {
  local tree="$RUN/data/tree"
  log "building the tree: $GROWTH_FILES files, one directory of $GROWTH_BIG_DIR"
  python3 "$ROOT/bench/make-tree.py" "$tree" --files "$GROWTH_FILES" --big-dir "$GROWTH_BIG_DIR" 2>>"$LOG"
  for tool in "${TOOLS[@]}"; do
    local repo="$RUN/repos/$tool-tree"
    init "$tool" "$repo"
    warm "$tree"
    run "$tool" "tree: backup" "$repo" backup "$tree" || continue
    warm "$tree"
    run "$tool" "tree: no-change backup" "$repo" backup "$tree" || true
    measure_reads "$tool" "$repo" "$tree" "tree:" 'e00001*'
    TREE_BLOBS[$tool]="$(blobs "$tool" "$repo")"
    rm -rf -- "$repo"
  done
  rm -rf -- "$tree"
}

repo_part() {
  local corpus="$RUN/data/corpus" level=1 files
  log "building the mixed corpus ($GROWTH_SIZE)"
  python3 "$CORPUS_SCRIPT" "$corpus" --size "$GROWTH_SIZE" --seed 42 2>>"$LOG"
  files="$(find "$corpus" -type f | wc -l)"
  CORPUS_FILES=$files
  for tool in "${TOOLS[@]}"; do
    init "$tool" "$RUN/repos/$tool-repo"
  done
  local filled=0 step=0
  for increment in 0 "${FILLER[@]}"; do
    if [ "$increment" -gt 0 ]; then
      step=$((step + 1))
      log "building filler $step: $increment files"
      python3 "$ROOT/bench/make-tree.py" "$RUN/data/filler$step" --files "$increment" --seed $((100 + step)) --min 32 --max 512 2>>"$LOG"
      filled=$((filled + increment))
    fi
    for tool in "${TOOLS[@]}"; do
      local repo="$RUN/repos/$tool-repo" prefix
      if [ "$increment" -gt 0 ]; then
        run "$tool" "filler $step backup ($increment files)" "$repo" backup "$RUN/data/filler$step" || continue
      fi
      prefix="repo $step:"
      LEVEL_PREFIX[$step]="$prefix"
      if [ "$step" = 0 ]; then
        warm "$corpus"
        run "$tool" "$prefix initial backup" "$repo" backup "$corpus" || continue
      fi
      warm "$corpus"
      run "$tool" "$prefix backup --force" "$repo" backup --force "$corpus" || true
      warm "$corpus"
      run "$tool" "$prefix no-change backup" "$repo" backup "$corpus" || true
      measure_reads "$tool" "$repo" "$corpus" "$prefix" '*.csv'
      LEVEL_BLOBS[$tool|$step]="$(blobs "$tool" "$repo")"
    done
    [ "$increment" -gt 0 ] && rm -rf -- "$RUN/data/filler$step"
  done
}

declare -A TREE_BLOBS=() LEVEL_BLOBS=()
LEVEL_PREFIX=()
CORPUS_FILES=0
T0=$SECONDS
LOAD0="$(cut -d' ' -f1-3 /proc/loadavg)"
"${CAIRN[@]}" --version >>"$LOG" 2>&1 || true   # the launcher builds the jar once, before anything is timed
case $PART in tree) tree_part ;; repo) repo_part ;; all) tree_part; repo_part ;; *) echo "--part tree|repo|all" >&2; exit 2 ;; esac

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "–" }'; }
{
  echo "## cairn beside restic as the tree and the repository grow"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); host: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM; load average at start $LOAD0, at end $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- cairn: $("${CAIRN[@]}" --version 2>/dev/null | head -n 1) (commit $(git -C "$ROOT" rev-parse --short HEAD), \`$CAIRN_CMD\`, launcher defaults); restic: $(restic version | cut -d' ' -f2) (\`--compression auto\`)"
  echo "- tree: $GROWTH_FILES files, one directory of $GROWTH_BIG_DIR (blobs: cairn ${TREE_BLOBS[cairn]:-–}, restic ${TREE_BLOBS[restic]:-–}); corpus: \`make-corpus.py --size $GROWTH_SIZE\`, $CORPUS_FILES files; filler per level: ${FILLER[*]} files"
  for s in "${!LEVEL_PREFIX[@]}"; do
    echo "- level $s: blobs in the repository: cairn ${LEVEL_BLOBS[cairn|$s]:-–}, restic ${LEVEL_BLOBS[restic|$s]:-–}"
  done
  echo "- measured in $((SECONDS - T0)) s"
  echo
  echo "| step | cairn s | cairn MiB | restic s | restic MiB | RSS cairn/restic |"
  echo "|---|---:|---:|---:|---:|---:|"
  for row in "${ROWS[@]}"; do
    echo "| $row | ${SECS[cairn|$row]:-–} | ${MIB[cairn|$row]:-–} | ${SECS[restic|$row]:-–} | ${MIB[restic|$row]:-–} | $(ratio "${MIB[cairn|$row]:-}" "${MIB[restic|$row]:-}") |"
  done
  echo
  for tool in "${TOOLS[@]}"; do
    peak0=""
    for s in "${!LEVEL_PREFIX[@]}"; do
      peak=0; force=""; failed=""
      for row in "${ROWS[@]}"; do
        if [[ "$row" == "${LEVEL_PREFIX[$s]} "* ]]; then
          m="${MIB[$tool|$row]:-0}"; peak="$(awk -v a="$peak" -v b="$m" 'BEGIN { print (b > a ? b : a) }')"
          [[ "$row" == *"backup --force" ]] && force="${SECS[$tool|$row]:-}"
          [ "${SECS[$tool|$row]:-}" = FAILED ] && failed=" (a step FAILED)"
        fi
      done
      [ "$peak" = 0 ] && { echo "- $tool, level $s: not measured (an earlier step failed)"; continue; }
      [ -z "$peak0" ] && peak0=$peak && force0=$force
      echo "- $tool, level $s (${LEVEL_BLOBS[$tool|$s]:-?} blobs)$failed: peak RSS $peak MiB ($(ratio "$peak" "$peak0") of level 0); backup --force $(awk -v s="$force" -v n="$CORPUS_FILES" 'BEGIN { if (s ~ /^[0-9.]+$/ && n > 0) printf "%.1f µs per file", s * 1e6 / n; else print "–" }') ($(ratio "$force" "$force0") of level 0)"
    done
  done
  [ $STATUS = 0 ] || { echo; echo "**⚠ a step failed or a restore was incomplete: see $LOG**"; }
} | tee "$REPORT"
exit $STATUS
