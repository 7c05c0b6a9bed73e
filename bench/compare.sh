#!/usr/bin/env bash
# Comparison benchmark: cairn vs restic vs Borg on two corpora (synthetic and real files), same disk, warm page cache,
# median of BENCH_RUNS paired runs.
#
# Usage: bench/compare.sh [--tools cairn,restic,borg] [--corpora synthetic,real] [--keep] [--help]
#   --tools LIST     comma-separated subset of cairn,restic,borg (default: all three)
#   --corpora LIST   comma-separated subset of synthetic,real (default: both)
#   --keep           keep the run directory (repositories) instead of deleting it at the end
#
# Corpora (each has a mixed tree, mutated once per run, and a many-small tree):
#   synthetic  make-corpus.py --size BENCH_SIZE (mixed) and --many-small BENCH_SMALL
#   real       the Linux 6.1 source tree from the Debian package linux-source-6.1 (installed with apt-get when missing,
#              /usr/src/linux-source-6.1.tar.xz unpacked; 1.3 GB, 78 579 files); after-mutation = make-corpus.py
#              --mutate on it; many-small = its files under 8 KiB (50 834), with their directories
#
# Environment:
#   BENCH_RUNS=3          paired runs per corpus; each row is the median (use 1 while developing)
#   BENCH_SIZE=2G         size of the synthetic mixed corpus (e.g. BENCH_SIZE=200M for a quick run)
#   BENCH_SMALL=100000    number of files in the synthetic many-small corpus
#   BENCH_SEED=42         corpus seed (also for the mutation of the real corpus)
#   BENCH_REAL_PACKAGE=linux-source-6.1   Debian package whose /usr/src/*.tar.* is the real corpus
#   BENCH_WORK=DIR        run directory root; default ${TMPDIR:-/tmp}/cairn-compare, or /var/tmp/cairn-compare on a
#                         tmpfs. Pristine corpora are cached there (corpora/, reused by later runs). Keep it outside
#                         the source tree: ./cairn walks the tree on every call to see whether it must rebuild.
#   CORPUS_SCRIPT=...     corpus generator (default: ../shared/bench/make-corpus.py next to the repository)
#   CAIRN_CMD=./cairn     command that runs cairn (may contain arguments, split on spaces)
#
# Every run: fresh repositories per tool; initial backup, no-change re-backup, mutation, after-mutation backup,
# repository bytes, full restore (diff -r against the corpus), many-small backup / no-change / restore, the fixed cost
# (the tool's snapshot listing on the 1-snapshot many-small repository), then `cairn check --read-data` on both cairn
# repositories (untimed; a failure fails the run). Tool order rotates from run to run.
#
# stdout: Markdown report. Progress goes to stderr and to bench/work/compare-<timestamp>.log; the report is also saved as
# bench/work/compare-<timestamp>.md and, when cairn ran, as bench/results/compare.md with PASS/FAIL per target (with one
# corpus: bench/results/compare-synthetic.md or compare-real.md).
# Exit status: 0 when every step completed, every restore matched, every check passed and every target was met.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALL_TOOLS=(cairn restic borg)
ALL_CORPORA=(synthetic real)

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

TOOLS_ARG="cairn,restic,borg"
CORPORA_ARG="synthetic,real"
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tools) [ $# -ge 2 ] || { echo "--tools needs a value" >&2; exit 2; }; TOOLS_ARG="$2"; shift 2 ;;
    --tools=*) TOOLS_ARG="${1#--tools=}"; shift ;;
    --corpora) [ $# -ge 2 ] || { echo "--corpora needs a value" >&2; exit 2; }; CORPORA_ARG="$2"; shift 2 ;;
    --corpora=*) CORPORA_ARG="${1#--corpora=}"; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

declare -A SELECTED=() CSEL=()
IFS=',' read -ra _req <<< "$TOOLS_ARG"
for t in "${_req[@]}"; do
  t="${t// /}"; [ -z "$t" ] && continue
  case "$t" in cairn|restic|borg) SELECTED[$t]=1 ;; *) echo "unknown tool: $t (expected cairn, restic, borg)" >&2; exit 2 ;; esac
done
IFS=',' read -ra _req <<< "$CORPORA_ARG"
for c in "${_req[@]}"; do
  c="${c// /}"; [ -z "$c" ] && continue
  case "$c" in synthetic|real) CSEL[$c]=1 ;; *) echo "unknown corpus: $c (expected synthetic, real)" >&2; exit 2 ;; esac
done
TOOLS=(); for t in "${ALL_TOOLS[@]}"; do [ -n "${SELECTED[$t]:-}" ] && TOOLS+=("$t"); done
CORPORA=(); for c in "${ALL_CORPORA[@]}"; do [ -n "${CSEL[$c]:-}" ] && CORPORA+=("$c"); done
[ ${#TOOLS[@]} -gt 0 ] || { echo "no tools selected" >&2; exit 2; }
[ ${#CORPORA[@]} -gt 0 ] || { echo "no corpora selected" >&2; exit 2; }
sel() { [ -n "${SELECTED[$1]:-}" ]; }

BENCH_RUNS="${BENCH_RUNS:-3}"
[[ "$BENCH_RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_RUNS must be a positive integer" >&2; exit 2; }
BENCH_SIZE="${BENCH_SIZE:-2G}"
BENCH_SMALL="${BENCH_SMALL:-100000}"
BENCH_SEED="${BENCH_SEED:-42}"
BENCH_REAL_PACKAGE="${BENCH_REAL_PACKAGE:-linux-source-6.1}"
if [ -z "${BENCH_WORK:-}" ]; then
  BENCH_WORK="${TMPDIR:-/tmp}/cairn-compare"
  mkdir -p "$BENCH_WORK"
  case "$(stat -f -c %T "$BENCH_WORK")" in tmpfs|ramfs) BENCH_WORK=/var/tmp/cairn-compare ;; esac
fi
LOGDIR="$ROOT/bench/work"   # git-ignored; logs and reports stay here after the run directory is removed
CAIRN_CMD="${CAIRN_CMD:-$ROOT/cairn}"
read -ra CAIRN <<< "$CAIRN_CMD"
[[ "${CAIRN[0]}" == */* && "${CAIRN[0]}" != /* ]] && CAIRN[0]="$PWD/${CAIRN[0]}"

find_corpus_script() {
  if [ -n "${CORPUS_SCRIPT:-}" ]; then echo "$CORPUS_SCRIPT"; return; fi
  local c="$ROOT/../shared/bench/make-corpus.py" common
  if [ ! -f "$c" ] && common="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)"; then
    # in a git worktree, ../shared is next to the main checkout rather than next to this worktree
    [ -f "$(dirname "$common")/../shared/bench/make-corpus.py" ] && c="$(dirname "$common")/../shared/bench/make-corpus.py"
  fi
  echo "$c"
}
CORPUS_SCRIPT="$(find_corpus_script)"
[ -f "$CORPUS_SCRIPT" ] || { echo "corpus generator not found: $CORPUS_SCRIPT (set CORPUS_SCRIPT)" >&2; exit 2; }
CORPUS_SCRIPT="$(cd "$(dirname "$CORPUS_SCRIPT")" && pwd)/$(basename "$CORPUS_SCRIPT")"

# ---- run directory and log ----------------------------------------------------------------------------------
mkdir -p "$BENCH_WORK" "$LOGDIR" "$BENCH_WORK/corpora"
BENCH_WORK="$(cd "$BENCH_WORK" && pwd)"
STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH_WORK/run-$STAMP-$$"
LOG="$LOGDIR/compare-$STAMP.log"
REPORT="$LOGDIR/compare-$STAMP.md"
mkdir -p "$RUN"/{repos,restore,tmp,home,logs}
: > "$LOG"

log() { printf '[%s] %s\n' "$(date +%T)" "$*" | tee -a "$LOG" >&2; }
loud() {
  { printf '\n'; printf '!%.0s' {1..100}; printf '\n!!! %s\n' "$@"; printf '!%.0s' {1..100}; printf '\n\n'; } | tee -a "$LOG" >&2
}
source "$ROOT/bench/lib.sh"   # rmtree, rmtree_settling, settle
cleanup() {
  local rc=$?
  if [ "$KEEP" = 1 ]; then log "keeping run directory $RUN"
  elif [[ "$(basename "$RUN")" == run-* ]]; then release_fs "$RUN/restore"; rmtree "$RUN"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "cairn comparison benchmark: tools=${TOOLS[*]} corpora=${CORPORA[*]} runs=$BENCH_RUNS size=$BENCH_SIZE small=$BENCH_SMALL seed=$BENCH_SEED"
log "run directory $RUN ($(df --output=source,fstype "$RUN" | tail -n 1 | tr -s ' ')), log $LOG"

# ---- dependencies -------------------------------------------------------------------------------------------
APT_UPDATED=0
apt_install() {
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  log "installing Debian package(s): $*"
  local install=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@")
  if ! "${install[@]}" >>"$LOG" 2>&1; then
    if [ "$APT_UPDATED" = 0 ]; then
      APT_UPDATED=1
      "${sudo[@]}" apt-get update -q >>"$LOG" 2>&1 || true
      "${install[@]}" >>"$LOG" 2>&1 && return 0
    fi
    echo "cannot install $* (see $LOG)" >&2
    exit 2
  fi
}
if ! { [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; }; then apt_install time; fi
command -v python3 >/dev/null || apt_install python3
command -v xz >/dev/null || apt_install xz-utils
if sel restic && ! command -v restic >/dev/null; then apt_install restic; fi
if sel borg && ! command -v borg >/dev/null; then apt_install borgbackup; fi
if sel restic; then
  rv="$(restic version | awk '{print $2}')"
  if [ "$(printf '%s\n0.14.0\n' "$rv" | sort -V | head -1)" != "0.14.0" ]; then
    echo "restic $rv is too old: --compression needs restic 0.14 or newer" >&2; exit 2
  fi
fi

# ---- tool environment (everything a tool writes locally lives in the run directory, on the same disk) ----------
export CAIRN_PASSWORD="cairn-bench-password" RESTIC_PASSWORD="cairn-bench-password" BORG_PASSPHRASE="cairn-bench-password"
export BORG_RELOCATED_REPO_ACCESS_IS_OK=no BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=no
export BORG_CHECK_I_KNOW_WHAT_I_AM_DOING=NO BORG_DELETE_I_KNOW_WHAT_I_AM_DOING=NO
export TMPDIR="$RUN/tmp"   # restic stages pack files in TMPDIR; keep them on the measured disk
fresh_caches() {  # every run starts every tool from an empty local cache
  rmtree "$RUN/home"; mkdir -p "$RUN/home"
  export RESTIC_CACHE_DIR="$RUN/home/restic-cache" BORG_BASE_DIR="$RUN/home/borg"
  export XDG_CACHE_HOME="$RUN/home/cache" XDG_CONFIG_HOME="$RUN/home/config"
}
CORPUS="$RUN/corpus"   # the mixed tree being measured: a fresh copy of the pristine corpus every run (same path)
SMALL="$RUN/many-small"

# ---- results ------------------------------------------------------------------------------------------------
# R[corpus.run.tool.metric] = value; metrics: time rows, rss.<step>, repo_bytes
TIME_ROWS=(initial nochange mutated restore small small_nochange small_restore)
STEPS=(initial nochange mutated restore small small_nochange small_restore fixed)
declare -A LABEL=(
  [initial]="initial backup s" [nochange]="no-change re-backup s" [mutated]="after-mutation backup s"
  [restore]="full restore s" [small]="many-small backup s" [small_nochange]="many-small no-change backup s"
  [small_restore]="many-small restore s" [fixed]="fixed cost: snapshots, 1-snapshot repository s" [repo_bytes]="repository bytes")
declare -A R=() FAILED=() VERIFY=() VER=() CSTATS=()
STATUS=0
CUR=""   # corpus.run prefix of the current run

parse_time() {  # GNU time -v output -> "seconds maxrss_kb cpu_seconds"
  awk '/Elapsed \(wall clock\) time/ { n = split($NF, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i] }
       /Maximum resident set size/ { rss = $NF }
       /(User|System) time \(seconds\)/ { cpu += $NF }
       END { printf "%.2f %.0f %.2f\n", s, rss, cpu }' "$1"
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
fail() { FAILED[$CUR.$1]="${FAILED[$CUR.$1]:+${FAILED[$CUR.$1]} }$2"; FAILED[$CUR.$1.$2]=1; STATUS=1; }

# timed TOOL STEP DIR CMD...: CMD in DIR under GNU time -v after a sync; records R[CUR.TOOL.STEP] and R[CUR.TOOL.rss.STEP]
timed() {
  local tool=$1 step=$2 dir=$3; shift 3
  local tf="$RUN/logs/$tool-$step.time" out="$RUN/logs/$tool-$step.out" rc=0 secs kb cpu
  sync   # do not let the previous step's write-back land on this one
  log "[$CUR $tool] $step: $*"
  (cd "$dir" && exec /usr/bin/time -v -o "$tf" "$@") >"$out" 2>&1 || rc=$?
  { echo "----- $CUR $tool $step output (rc=$rc) -----"; tail -n 60 "$out"; echo "----- time -v -----"; cat "$tf" 2>/dev/null; } >>"$LOG"
  if [ $rc -ne 0 ] && ! { [ "$tool" = borg ] && [ $rc -eq 1 ]; }; then
    loud "$CUR $tool $step FAILED (exit $rc); last lines:" "$(tail -n 15 "$out")"
    fail "$tool" "$step"
    return 1
  fi
  read -r secs kb cpu < <(parse_time "$tf")
  R[$CUR.$tool.$step]=$secs
  R[$CUR.$tool.cpu.$step]=$cpu
  R[$CUR.$tool.rss.$step]=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
  log "[$CUR $tool] $step: ${secs} s, CPU ${cpu} s, max RSS $((kb / 1024)) MiB (load average now $(loadavg))"
}
quiet() {  # quiet TOOL STEP CMD...: untimed, output to the log
  local tool=$1 step=$2; shift 2
  if ! "$@" >>"$LOG" 2>&1; then loud "$CUR $tool: '$*' FAILED (see $LOG)"; fail "$tool" "$step"; return 1; fi
}
warm() { local t0=$SECONDS; tar -cf - -C "$1" . | cat >/dev/null; log "warmed page cache: $1 ($((SECONDS - t0)) s)"; }

repo() { echo "$RUN/repos/$1-$2"; }   # repo TOOL mixed|small
JDK_HOME="$(bench_jdk_home)"
programs() {  # programs TOOL: the files a tool's run reads besides its repository (read back after the cache drop in settle)
  case $1 in
    cairn)  echo "$ROOT/cairn-dist/target/cairn.jar" "$ROOT"/cairn-dist/target/*.aot "$JDK_HOME" ;;
    restic) command -v restic ;;
    borg)   command -v borg; python3 -c 'import os, sys; print(os.path.dirname(os.__file__))' 2>/dev/null
            python3 -c 'import borg, os; print(os.path.dirname(borg.__file__))' 2>/dev/null ;;
  esac
}
tool_files() {  # tool_files TOOL KIND: what a tool's timed step reads besides the corpus, one path per line
  repo "$1" "$2"; echo "$RUN/home"   # $RUN/home: the tools' local caches
  programs "$1" | tr ' ' '\n'
}
settle_for() {  # settle_for TOOL KIND: settle (lib.sh) with the tool's repository, caches and programs read back in
  local paths; mapfile -t paths < <(tool_files "$1" "$2")
  settle "${paths[@]}"
}
# warm_tool TOOL KIND: the tool's programs, repository and local caches read into the page cache before a timed backup.
# The tool before it in the run order ended with a restore, whose settle dropped the page cache: without this, a backup
# right after another tool's restore read its own program files from disk (for cairn the jar and the AOT cache, ~100 MB;
# seen as 1.3 s more on the real corpus's after-mutation row whenever cairn was not first), and which tool paid for it
# depended on the rotating order, not on the tool.
warm_tool() {
  local paths t0=$SECONDS; mapfile -t paths < <(tool_files "$1" "$2")
  read_into_cache "${paths[@]}"
  log "warmed page cache: $1's programs, repository and local caches ($((SECONDS - t0)) s)"
}

do_init() {
  local tool=$1 r; r="$(repo "$1" "$2")"
  case $tool in
    cairn)  quiet cairn "init-$2" "${CAIRN[@]}" init -r "$r" ;;
    restic) quiet restic "init-$2" restic init --repository-version 2 -r "$r" ;;
    borg)   quiet borg "init-$2" borg init -e repokey-blake2 "$r" ;;
  esac || return 1
  [ -e "$r" ] || { loud "$tool init exited 0 but created no repository at $r"; fail "$tool" "init-$2"; return 1; }
}
do_backup() {  # do_backup TOOL STEP KIND PATH ARCHIVE-NAME
  local tool=$1 step=$2 r src=$4 name=$5; r="$(repo "$1" "$3")"
  case $tool in
    cairn)  timed cairn "$step" "$RUN" "${CAIRN[@]}" backup -r "$r" "$src" ;;
    restic) timed restic "$step" "$RUN" restic -r "$r" backup --compression auto "$src" ;;
    borg)   timed borg "$step" "$RUN" borg create --compression zstd,3 "$r::$name" "$src" ;;
  esac
}
do_restore() {  # do_restore TOOL STEP KIND TARGET-DIR ARCHIVE-NAME
  local tool=$1 step=$2 target=$4 name=$5 r; r="$(repo "$1" "$3")"
  case $tool in
    cairn)  timed cairn "$step" "$RUN" "${CAIRN[@]}" restore latest -r "$r" --target "$target" ;;
    restic) timed restic "$step" "$RUN" restic -r "$r" restore latest --target "$target" ;;
    borg)   timed borg "$step" "$target" borg extract "$r::$name" ;;
  esac
}
do_list() {  # the fixed cost: list the snapshots of a 1-snapshot repository
  local tool=$1 r; r="$(repo "$1" small)"
  case $tool in
    cairn)  timed cairn fixed "$RUN" "${CAIRN[@]}" snapshots -r "$r" ;;
    restic) timed restic fixed "$RUN" restic -r "$r" snapshots ;;
    borg)   timed borg fixed "$RUN" borg list "$r" ;;
  esac
}

check_incremental() {  # logged sanity checks that incremental backups used their parent (warnings only)
  local tool=$1 step=$2 out="$RUN/logs/$1-$2.out"
  case $tool in
    restic)
      grep -q 'using parent snapshot' "$out" || loud "restic $step did not use a parent snapshot"
      if [[ "$step" == *nochange ]] && ! grep -Eq 'Files: +0 new, +0 changed' "$out"; then
        loud "restic $step saw new or changed files: $(grep -E '^(Files|Dirs):' "$out" | tr '\n' ' ')"
      fi
      log "[restic] $step: $(grep -E '^(Files|Added to the repo)' "$out" | tr '\n' ' ')" ;;
    cairn) log "[cairn] $step: $(tail -n 3 "$out" | tr '\n' ' ')" ;;
  esac
  return 0
}

verify_restore() {  # verify TOOL TARGET SOURCE: the restored tree equals SOURCE (contents, names, empty dirs, symlinks)
  local tool=$1 target=$2 src=$3 found="" c first
  first="$(ls -A "$src" | head -n 1)"
  for c in "$target$src" "$target/$(basename "$src")" "$target"; do
    if [ -d "$c" ] && [ -e "$c/$first" ]; then found="$c"; break; fi
  done
  if [ -z "$found" ]; then
    VERIFY[$CUR.$tool]=mismatch; STATUS=1
    loud "$CUR $tool RESTORE MISMATCH: cannot find the restored tree under $target"
    return
  fi
  local diffout="$RUN/logs/$tool-restore.diff"
  if diff -r -q --no-dereference "$src" "$found" >"$diffout" 2>&1; then
    log "[$CUR $tool] restore verified: $found matches $src (diff -r)"
  else
    VERIFY[$CUR.$tool]=mismatch; STATUS=1
    loud "$CUR $tool RESTORE MISMATCH: $(wc -l <"$diffout") differences between $src and $found; first ones:" "$(head -n 10 "$diffout")"
    cat "$diffout" >>"$LOG"
  fi
}

# ---- versions -----------------------------------------------------------------------------------------------
JAVA_VER="not found"
if jv="$(bash -c 'source "$1/scripts/jdk.sh" >/dev/null 2>&1 && "$JAVA_HOME/bin/java" -version 2>&1 | head -n 2 | tr "\n" " " | sed "s/ *$//"' _ "$ROOT" 2>/dev/null)"; then
  JAVA_VER="$jv"
fi
sel restic && VER[restic]="$(restic version)"
sel borg && VER[borg]="$(borg --version)"
if sel cairn; then
  log "[cairn] warm-up: $CAIRN_CMD --version (builds the jar on first use; not timed)"
  if cv="$("${CAIRN[@]}" --version 2>>"$LOG")"; then VER[cairn]="$(echo "$cv" | head -n 1)"; else VER[cairn]="(--version failed)"; fi
fi

# ---- pristine corpora (cached under BENCH_WORK/corpora, reused by later runs) ------------------------------------
corpus_stats() { find "$1" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { printf "%d files, %.0f bytes\n", n, b }'; }
prepare_synthetic() {  # sets MIXED_SRC, SMALL_SRC
  MIXED_SRC="$BENCH_WORK/corpora/synthetic-$BENCH_SIZE-$BENCH_SEED"
  SMALL_SRC="$BENCH_WORK/corpora/synthetic-small-$BENCH_SMALL-$BENCH_SEED"
  if [ ! -f "$MIXED_SRC.complete" ]; then
    rmtree "$MIXED_SRC"
    log "building the synthetic mixed corpus ($BENCH_SIZE) with $CORPUS_SCRIPT"
    python3 "$CORPUS_SCRIPT" "$MIXED_SRC" --size "$BENCH_SIZE" --seed "$BENCH_SEED" 2>&1 | tee -a "$LOG" >&2
    touch "$MIXED_SRC.complete"
  fi
  if [ ! -f "$SMALL_SRC.complete" ]; then
    rmtree "$SMALL_SRC"
    log "building the synthetic many-small corpus ($BENCH_SMALL files)"
    python3 "$CORPUS_SCRIPT" "$SMALL_SRC" --many-small "$BENCH_SMALL" --seed "$BENCH_SEED" 2>&1 | tee -a "$LOG" >&2
    touch "$SMALL_SRC.complete"
  fi
  CSTATS[synthetic]="\`make-corpus.py --size $BENCH_SIZE --seed $BENCH_SEED\`: $(corpus_stats "$MIXED_SRC"); many-small \`--many-small $BENCH_SMALL\`: $(corpus_stats "$SMALL_SRC")"
}
prepare_real() {  # sets MIXED_SRC, SMALL_SRC from the Debian package's source tarball
  local tarball
  tarball="$(ls /usr/src/"$BENCH_REAL_PACKAGE".tar.* 2>/dev/null | head -n 1 || true)"
  if [ -z "$tarball" ]; then apt_install "$BENCH_REAL_PACKAGE"; tarball="$(ls /usr/src/"$BENCH_REAL_PACKAGE".tar.* | head -n 1)"; fi
  local version; version="$(dpkg-query -W -f '${Version}' "$BENCH_REAL_PACKAGE" 2>/dev/null || echo unknown)"
  MIXED_SRC="$BENCH_WORK/corpora/real-$BENCH_REAL_PACKAGE-$version"
  SMALL_SRC="$BENCH_WORK/corpora/real-small-$BENCH_REAL_PACKAGE-$version"
  if [ ! -f "$MIXED_SRC.complete" ]; then
    rmtree "$MIXED_SRC"; mkdir -p "$MIXED_SRC"
    log "unpacking $tarball ($BENCH_REAL_PACKAGE $version) into $MIXED_SRC"
    tar -xf "$tarball" -C "$MIXED_SRC" --strip-components=1
    touch "$MIXED_SRC.complete"
  fi
  if [ ! -f "$SMALL_SRC.complete" ]; then
    rmtree "$SMALL_SRC"; mkdir -p "$SMALL_SRC"
    log "copying the files under 8 KiB of $MIXED_SRC into $SMALL_SRC"
    (cd "$MIXED_SRC" && find . -type f -size -8k -print0 | tar --null -T - -cf -) | tar -xf - -C "$SMALL_SRC"
    touch "$SMALL_SRC.complete"
  fi
  CSTATS[real]="Debian \`$BENCH_REAL_PACKAGE\` $version (\`$(basename "$tarball")\` unpacked): $(corpus_stats "$MIXED_SRC"); after-mutation \`make-corpus.py --mutate --day 1 --seed $BENCH_SEED\` on it; many-small: its files under 8 KiB: $(corpus_stats "$SMALL_SRC")"
}

# ---- one paired run on one corpus --------------------------------------------------------------------------------
one_run() {  # one_run CORPUS-NAME RUN-NUMBER
  local cname=$1 n=$2 tool order=() i k
  CUR="$cname.$n"
  # rotate the tool order from run to run, so no tool is always first after the corpus copy
  for ((i = 0; i < ${#TOOLS[@]}; i++)); do k=$(( (i + n - 1) % ${#TOOLS[@]} )); order+=("${TOOLS[$k]}"); done
  log "===== $cname run $n of $BENCH_RUNS: order ${order[*]} ====="
  fresh_caches
  fresh_fs "$RUN/restore"   # the last run's restores, kept until now; a file system of its own (lib.sh)
  log "restores go to $RUN/restore ($([ "$FRESH_FS" = 1 ] && echo "a fresh ext4 file system of their own" || echo "this disk; settle waits ${DELETE_SETTLE} s after deletes"))"
  rmtree_settling "$RUN/repos"; mkdir -p "$RUN/repos"
  rmtree_settling "$CORPUS"; cp -a "$MIXED_SRC" "$CORPUS"
  rmtree_settling "$SMALL"; cp -a "$SMALL_SRC" "$SMALL"
  for tool in "${order[@]}"; do
    do_init "$tool" mixed || continue
    warm "$CORPUS"; warm_tool "$tool" mixed
    do_backup "$tool" initial mixed "$CORPUS" mixed-0 || continue
    do_backup "$tool" nochange mixed "$CORPUS" mixed-1 && check_incremental "$tool" nochange
  done
  log "mutating the corpus (day 1)"
  python3 "$CORPUS_SCRIPT" "$CORPUS" --mutate --day 1 --seed "$BENCH_SEED" 2>&1 | tee -a "$LOG" >&2
  for tool in "${order[@]}"; do
    [ -n "${R[$CUR.$tool.initial]:-}" ] || continue
    warm "$CORPUS"; warm_tool "$tool" mixed
    do_backup "$tool" mutated mixed "$CORPUS" mixed-2 || continue
    check_incremental "$tool" mutated
    sync
    R[$CUR.$tool.repo_bytes]="$(du -sb "$(repo "$tool" mixed)" | cut -f1)"
    local target="$RUN/restore/$tool"
    mkdir -p "$target"
    settle_for "$tool" mixed
    do_restore "$tool" restore mixed "$target" mixed-2 && verify_restore "$tool" "$target" "$CORPUS"
  done
  for tool in "${order[@]}"; do
    do_init "$tool" small || continue
    warm "$SMALL"; warm_tool "$tool" small
    do_backup "$tool" small small "$SMALL" small-0 || continue
    do_list "$tool" || true
    do_backup "$tool" small_nochange small "$SMALL" small-1 && check_incremental "$tool" small_nochange
    local target="$RUN/restore/$tool-small"
    mkdir -p "$target"
    settle_for "$tool" small
    do_restore "$tool" small_restore small "$target" small-1 && verify_restore "$tool" "$target" "$SMALL"
  done
  if sel cairn; then  # every benchmark run ends with a full check of cairn's repositories (untimed)
    for kind in mixed small; do
      [ -e "$(repo cairn "$kind")" ] || continue
      log "[$CUR cairn] check --read-data ($kind)"
      quiet cairn "check-$kind" "${CAIRN[@]}" check --read-data -r "$(repo cairn "$kind")" || CHECKS="failed"
    done
  fi
}

T_START=$SECONDS
LOAD_START="$(loadavg)"
CHECKS="passed"
for cname in "${CORPORA[@]}"; do
  "prepare_$cname"
  log "$cname corpus: ${CSTATS[$cname]}"
  for ((n = 1; n <= BENCH_RUNS; n++)); do one_run "$cname" "$n"; done
done
T_TOTAL=$((SECONDS - T_START))
log "measurements done in ${T_TOTAL} s"

# ---- report -------------------------------------------------------------------------------------------------
DASH="–"
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
values() {  # values CORPUS TOOL METRIC: one value per run that has it
  local n; for ((n = 1; n <= BENCH_RUNS; n++)); do [ -n "${R[$1.$n.$2.$3]:-}" ] && echo "${R[$1.$n.$2.$3]}"; done; true
}
med() { values "$@" | median; }
pratio() {  # pratio CORPUS METRIC A B: median over runs of the paired ratio A/B (same run)
  local n a b
  for ((n = 1; n <= BENCH_RUNS; n++)); do
    a="${R[$1.$n.$3.$2]:-}"; b="${R[$1.$n.$4.$2]:-}"
    [ -n "$a" ] && [ -n "$b" ] && awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.4f\n", a / b }'
  done | median | awk '{ printf "%.2f", $1 }'
}
cell() {  # cell CORPUS TOOL METRIC
  local c=$1 tool=$2 m=$3 v n bad=""
  sel "$tool" || { echo "$DASH"; return; }
  v="$(med "$c" "$tool" "$m")"
  for ((n = 1; n <= BENCH_RUNS; n++)); do [ -n "${FAILED[$c.$n.$tool.$m]:-}" ] && bad=1; done
  [ -z "$v" ] && { [ -n "$bad" ] && echo "FAILED" || echo "$DASH"; return; }
  [ "$m" = repo_bytes ] && v="$(awk -v b="$v" 'BEGIN { printf "%.0f (%.1f MiB)", b, b / 1048576 }')"
  [ -n "$bad" ] && v="$v (a run FAILED)"
  for ((n = 1; n <= BENCH_RUNS; n++)); do
    if [ "${VERIFY[$c.$n.$tool]:-}" = mismatch ] && [[ "$m" == *restore ]]; then v="$v ⚠ RESTORE MISMATCH"; break; fi
  done
  echo "$v"
}
ratio_or_dash() { local r; r="$(pratio "$@")"; echo "${r:-$DASH}"; }
target_row() {  # target_row CORPUS LABEL METRIC OTHER OP LIMIT
  local c=$1 label=$2 m=$3 other=$4 op=$5 limit=$6 r res
  r="$(pratio "$c" "$m" cairn "$other")"
  if [ -z "$r" ]; then res="$DASH"; r="$DASH"
  elif awk -v r="$r" -v l="$limit" -v op="$op" 'BEGIN { exit !(op == "<=" ? r <= l : r < l) }'; then res="PASS"
  else res="FAIL"; fi
  echo "| $c: $label | cairn/$other ${op/<=/≤} $limit | $r | $res |"
}

{
  echo "## cairn vs restic vs Borg"
  echo
  echo "- host: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr); disk: $(df -h --output=source,fstype,size "$RUN" | tail -n 1 | tr -s ' ')"
  echo "- restores: $([ "$FRESH_FS" = 1 ] && echo "onto a fresh ext4 file system per run (a loop-mounted image on the same disk, no journal like the disk), so no restore pays for an earlier run's deletes" || echo "onto the same disk, each after waiting until the last large delete was ${DELETE_SETTLE} s old")"
  echo "- cairn: ${VER[cairn]:-not run} (commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)); java: $JAVA_VER"
  echo "- restic: ${VER[restic]:-not run} (\`--compression auto\`, repository version 2); borg: ${VER[borg]:-not run} (\`repokey-blake2\`, \`--compression zstd,3\`)"
  echo "- every row: median of $BENCH_RUNS paired run(s); ratios are the median of the per-run ratios; load average at start ${LOAD_START}, at end $(loadavg); measurement time ${T_TOTAL} s"
  echo "- \`cairn check --read-data\` after every run: $CHECKS"
  for c in "${CORPORA[@]}"; do
    echo
    echo "### $c corpus"
    echo
    echo "${CSTATS[$c]}"
    echo
    echo "| | cairn | restic | borg | cairn/restic | cairn/borg |"
    echo "|---|---:|---:|---:|---:|---:|"
    for m in "${TIME_ROWS[@]}" repo_bytes fixed; do
      echo "| ${LABEL[$m]} | $(cell "$c" cairn "$m") | $(cell "$c" restic "$m") | $(cell "$c" borg "$m") | $(ratio_or_dash "$c" "$m" cairn restic) | $(ratio_or_dash "$c" "$m" cairn borg) |"
    done
    for s in "${STEPS[@]}"; do  # not a target: CPU seconds (user + system) tell more than wall time on a busy machine
      echo "| CPU s (user + system): ${LABEL[$s]% s} | $(cell "$c" cairn "cpu.$s") | $(cell "$c" restic "cpu.$s") | $(cell "$c" borg "cpu.$s") | $(ratio_or_dash "$c" "cpu.$s" cairn restic) | $(ratio_or_dash "$c" "cpu.$s" cairn borg) |"
    done
    for s in "${STEPS[@]}"; do
      echo "| peak RSS MiB: ${LABEL[$s]% s} | $(cell "$c" cairn "rss.$s") | $(cell "$c" restic "rss.$s") | $(cell "$c" borg "rss.$s") | $(ratio_or_dash "$c" "rss.$s" cairn restic) | $(ratio_or_dash "$c" "rss.$s" cairn borg) |"
    done
  done
  echo
  echo "| target | goal | actual | result |"
  echo "|---|---|---:|---|"
  for c in "${CORPORA[@]}"; do
    for m in "${TIME_ROWS[@]}"; do target_row "$c" "${LABEL[$m]% s}" "$m" restic "<=" 0.5; done
    target_row "$c" "repository bytes" repo_bytes restic "<=" 0.97
    for s in "${STEPS[@]}"; do target_row "$c" "peak RSS, ${LABEL[$s]% s}" "rss.$s" restic "<=" 0.9; done
    target_row "$c" "fixed cost (snapshots, 1 snapshot)" fixed restic "<=" 1.0
    for m in "${TIME_ROWS[@]}"; do target_row "$c" "${LABEL[$m]% s}" "$m" borg "<" 1.0; done
  done
  [ "$CHECKS" = passed ] || echo "| check --read-data after every run | passes | failed | FAIL |"
  # the fixed cost over HTTP is bench/remote.sh's (another script): its rows on snapshot listing, when it has them
  if [ -f "$ROOT/bench/results/remote.md" ] && grep -qiE '^\|[^|]*(snapshots|fixed cost)' "$ROOT/bench/results/remote.md"; then
    echo
    echo "Fixed cost through \`cairn server\` (from \`bench/results/remote.md\`, $(grep -m1 -o 'Run [0-9-]* [0-9:]* UTC' "$ROOT/bench/results/remote.md" || true)):"
    echo
    grep -iE '^\|[^|]*(snapshots|fixed cost)' "$ROOT/bench/results/remote.md" | sed 's/| *\(PASS\|FAIL\)[^|]*| *$/| (remote.md) |/'
  fi
  for c in "${CORPORA[@]}"; do for ((n = 1; n <= BENCH_RUNS; n++)); do for tool in "${TOOLS[@]}"; do
    [ "${VERIFY[$c.$n.$tool]:-}" = mismatch ] && { echo; echo "**⚠ $c run $n: $tool's restore does NOT match the corpus (see $LOG).**"; }
    [ -n "${FAILED[$c.$n.$tool]:-}" ] && { echo; echo "**⚠ $c run $n: $tool failed at: ${FAILED[$c.$n.$tool]} (see $LOG).**"; }
  done; done; done
  true
} | tee "$REPORT"
log "report saved to $REPORT"
if sel cairn; then
  BENCH_SCRIPT=compare
  # one result file per corpus, so the corpora may also be measured by two runs of the script (e.g. at the same time)
  if [ ${#CORPORA[@]} -eq 1 ]; then RESULT=compare-${CORPORA[0]}; else RESULT=compare; fi
  bench_result "$RESULT" "$REPORT" "BENCH_RUNS=$BENCH_RUNS BENCH_SIZE=$BENCH_SIZE BENCH_SMALL=$BENCH_SMALL bench/compare.sh --tools $TOOLS_ARG --corpora $CORPORA_ARG" || STATUS=1
fi
exit $STATUS
