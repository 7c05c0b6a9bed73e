#!/usr/bin/env bash
# Comparison benchmark: cairn vs restic vs Borg on the same synthetic corpora, same disk, warm page cache.
#
# Usage: bench/compare.sh [--tools cairn,restic,borg] [--keep] [--help]
#   --tools LIST   comma-separated subset of cairn,restic,borg (default: all three)
#   --keep         keep the run directory (corpora, repositories) instead of deleting it at the end
#
# Environment:
#   BENCH_SIZE=2G         size of the mixed corpus (e.g. BENCH_SIZE=200M for a quick run)
#   BENCH_SMALL=100000    number of files in the many-small corpus
#   BENCH_SEED=42         corpus seed
#   BENCH_WORK=DIR        where the run directory (corpora, repositories, restores) goes; default
#                         ${TMPDIR:-/tmp}/cairn-compare, or /var/tmp/cairn-compare when that is a tmpfs.
#                         All tools use the same directory, hence the same disk. Keep it outside the source
#                         tree: the ./cairn launcher walks the whole tree on every call to see if it must rebuild.
#   CORPUS_SCRIPT=...     corpus generator (default: ../shared/bench/make-corpus.py next to the repository)
#   CAIRN_CMD=./cairn     command that runs cairn (may contain arguments, split on spaces)
#
# stdout: Markdown report (versions, result table, targets table). Progress goes to stderr and to the log file
# bench/work/compare-<timestamp>.log; the report is also saved as bench/work/compare-<timestamp>.md.
# Exit status: 0 when every selected tool completed, every restore matched the corpus and (with cairn) every target was
# met, 1 otherwise. With cairn, the report also goes to bench/results/compare.md with PASS/FAIL per target (bench/lib.sh).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALL_TOOLS=(cairn restic borg)

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }

TOOLS_ARG="cairn,restic,borg"
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --tools) [ $# -ge 2 ] || { echo "--tools needs a value" >&2; exit 2; }; TOOLS_ARG="$2"; shift 2 ;;
    --tools=*) TOOLS_ARG="${1#--tools=}"; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

declare -A SELECTED=()
IFS=',' read -ra _req <<< "$TOOLS_ARG"
for t in "${_req[@]}"; do
  t="${t// /}"
  [ -z "$t" ] && continue
  case "$t" in cairn|restic|borg) SELECTED[$t]=1 ;; *) echo "unknown tool: $t (expected cairn, restic, borg)" >&2; exit 2 ;; esac
done
TOOLS=()
for t in "${ALL_TOOLS[@]}"; do [ -n "${SELECTED[$t]:-}" ] && TOOLS+=("$t"); done
[ ${#TOOLS[@]} -gt 0 ] || { echo "no tools selected" >&2; exit 2; }
sel() { [ -n "${SELECTED[$1]:-}" ]; }

BENCH_SIZE="${BENCH_SIZE:-2G}"
BENCH_SMALL="${BENCH_SMALL:-100000}"
BENCH_SEED="${BENCH_SEED:-42}"
if [ -z "${BENCH_WORK:-}" ]; then
  BENCH_WORK="${TMPDIR:-/tmp}/cairn-compare"
  mkdir -p "$BENCH_WORK"
  case "$(stat -f -c %T "$BENCH_WORK")" in tmpfs|ramfs) BENCH_WORK=/var/tmp/cairn-compare ;; esac
fi
LOGDIR="$ROOT/bench/work"   # git-ignored; logs and reports stay here after the run directory is removed
CAIRN_CMD="${CAIRN_CMD:-$ROOT/cairn}"
read -ra CAIRN <<< "$CAIRN_CMD"
# steps run in other directories: make a relative command path absolute
[[ "${CAIRN[0]}" == */* && "${CAIRN[0]}" != /* ]] && CAIRN[0]="$PWD/${CAIRN[0]}"

# ---- corpus generator -------------------------------------------------------------------------------------
find_corpus_script() {
  if [ -n "${CORPUS_SCRIPT:-}" ]; then echo "$CORPUS_SCRIPT"; return; fi
  local c="$ROOT/../shared/bench/make-corpus.py"
  if [ ! -f "$c" ]; then
    # in a git worktree, ../shared is next to the main checkout rather than next to this worktree
    local common
    if common="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)"; then
      [ -f "$(dirname "$common")/../shared/bench/make-corpus.py" ] && c="$(dirname "$common")/../shared/bench/make-corpus.py"
    fi
  fi
  echo "$c"
}
CORPUS_SCRIPT="$(find_corpus_script)"
[ -f "$CORPUS_SCRIPT" ] || { echo "corpus generator not found: $CORPUS_SCRIPT (set CORPUS_SCRIPT)" >&2; exit 2; }
CORPUS_SCRIPT="$(cd "$(dirname "$CORPUS_SCRIPT")" && pwd)/$(basename "$CORPUS_SCRIPT")"

# ---- run directory and log ----------------------------------------------------------------------------------
mkdir -p "$BENCH_WORK" "$LOGDIR"
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
cleanup() {
  local rc=$?
  if [ "$KEEP" = 1 ]; then
    log "keeping run directory $RUN"
  elif [ -n "$RUN" ] && [ -d "$RUN" ] && [[ "$(basename "$RUN")" == run-* ]]; then
    chmod -R u+w "$RUN" 2>/dev/null || true      # borg makes repository files read-only
    rm -rf -- "$RUN"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "cairn comparison benchmark: tools=${TOOLS[*]} size=$BENCH_SIZE small=$BENCH_SMALL seed=$BENCH_SEED"
log "run directory $RUN ($(df --output=source,fstype "$RUN" | tail -n 1 | tr -s ' ')), log $LOG"
if sel cairn && [ "$CAIRN_CMD" = "$ROOT/cairn" ] && [[ "$RUN/" == "$ROOT/"* ]]; then
  log "WARNING: the run directory is inside the source tree; ./cairn walks it on every call (rebuild check), which slows cairn down"
fi

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
if sel restic && ! command -v restic >/dev/null; then apt_install restic; fi
if sel borg && ! command -v borg >/dev/null; then apt_install borgbackup; fi
if sel restic; then
  rv="$(restic version | awk '{print $2}')"
  if [ "$(printf '%s\n0.14.0\n' "$rv" | sort -V | head -1)" != "0.14.0" ]; then
    echo "restic $rv is too old: --compression needs restic 0.14 or newer" >&2; exit 2
  fi
fi

# ---- tool environment (everything a tool writes locally lives in the run directory, on the same disk) ----------
export CAIRN_PASSWORD="cairn-bench-password"
export RESTIC_PASSWORD="cairn-bench-password"
export BORG_PASSPHRASE="cairn-bench-password"
export RESTIC_CACHE_DIR="$RUN/home/restic-cache"
export BORG_BASE_DIR="$RUN/home/borg"
export XDG_CACHE_HOME="$RUN/home/cache"
export XDG_CONFIG_HOME="$RUN/home/config"
export BORG_RELOCATED_REPO_ACCESS_IS_OK=no
export BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=no
export BORG_CHECK_I_KNOW_WHAT_I_AM_DOING=NO
export BORG_DELETE_I_KNOW_WHAT_I_AM_DOING=NO
export TMPDIR="$RUN/tmp"   # restic stages pack files in TMPDIR; keep them on the measured disk

CORPUS="$RUN/corpus"
SMALL="$RUN/many-small"

# ---- results ------------------------------------------------------------------------------------------------
METRICS=(initial nochange mutated restore repo_bytes rss small)
declare -A LABEL=(
  [initial]="initial backup s" [nochange]="no-change re-backup s" [mutated]="after-mutation backup s"
  [restore]="full restore s" [repo_bytes]="repository bytes" [rss]="peak RSS MiB" [small]="many-small backup s")
declare -A R=()        # R[tool.metric] = value
declare -A RSSKB=()    # RSSKB[tool] = max kbytes over the tool's timed steps
declare -A FAILED=()   # FAILED[tool] = the steps that failed, space-separated; FAILED[tool.step] = 1
declare -A VERIFY=()   # VERIFY[tool] = ok | mismatch
declare -A VER=()      # tool version strings
STATUS=0

# parse GNU time -v output: prints "seconds maxrss_kb"
parse_time() {
  awk '/Elapsed \(wall clock\) time/ { n = split($NF, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i] }
       /Maximum resident set size/ { rss = $NF }
       END { printf "%.2f %.0f\n", s, rss }' "$1"
}

# timed TOOL STEP DIR CMD...  — runs CMD in DIR under GNU time -v after a sync; records R[TOOL.STEP] and peak RSS.
timed() {
  local tool=$1 step=$2 dir=$3; shift 3
  local tf="$RUN/logs/$tool-$step.time" out="$RUN/logs/$tool-$step.out" rc=0 secs kb
  sync   # do not let the previous step's write-back land on this one
  log "[$tool] $step: $*"
  (cd "$dir" && exec /usr/bin/time -v -o "$tf" "$@") >"$out" 2>&1 || rc=$?
  { echo "----- $tool $step output (rc=$rc) -----"; tail -n 60 "$out"; echo "----- time -v -----"; cat "$tf" 2>/dev/null; } >>"$LOG"
  if [ $rc -ne 0 ] && ! { [ "$tool" = borg ] && [ $rc -eq 1 ]; }; then
    loud "$tool $step FAILED (exit $rc); last lines:" "$(tail -n 15 "$out")"
    fail "$tool" "$step"
    return 1
  fi
  [ $rc -eq 1 ] && log "[$tool] $step: borg exited with warnings (rc=1), see log"
  read -r secs kb < <(parse_time "$tf")
  R[$tool.$step]=$secs
  (( kb > ${RSSKB[$tool]:-0} )) && RSSKB[$tool]=$kb
  log "[$tool] $step: ${secs} s, max RSS $((kb / 1024)) MiB (load average now $(loadavg))"
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

fail() {  # fail TOOL STEP
  FAILED[$1]="${FAILED[$1]:+${FAILED[$1]} }$2"
  FAILED[$1.$2]=1
  STATUS=1
}

# untimed helper command for STEP, output to the log
quiet() {
  local tool=$1 step=$2; shift 2
  if ! "$@" >>"$LOG" 2>&1; then
    loud "$tool: '$*' FAILED (see $LOG)"
    fail "$tool" "$step"
    return 1
  fi
}

ok() { sel "$1" && [ -z "${FAILED[$1.build]:-}" ]; }

warm() {  # read a tree once so that every tool starts with a warm page cache
  local t0=$SECONDS
  tar -cf - -C "$1" . | cat >/dev/null
  log "warmed page cache: $1 ($((SECONDS - t0)) s)"
}

# ---- per-tool commands --------------------------------------------------------------------------------------
repo() { echo "$RUN/repos/$1-$2"; }   # repo TOOL mixed|small

do_init() {
  local tool=$1 step="init-$2" r; r="$(repo "$1" "$2")"
  case $tool in
    cairn)  quiet cairn "$step" "${CAIRN[@]}" init -r "$r" ;;
    restic) quiet restic "$step" restic init --repository-version 2 -r "$r" ;;
    borg)   quiet borg "$step" borg init -e repokey-blake2 "$r" ;;
  esac || return 1
  if [ ! -e "$r" ]; then
    loud "$tool init exited 0 but created no repository at $r"
    fail "$tool" "$step"
    return 1
  fi
}

do_backup() {  # do_backup TOOL STEP KIND PATH ARCHIVE-NAME
  local tool=$1 step=$2 r src=$4 name=$5; r="$(repo "$1" "$3")"
  case $tool in
    cairn)  timed cairn "$step" "$RUN" "${CAIRN[@]}" backup -r "$r" "$src" ;;
    restic) timed restic "$step" "$RUN" restic -r "$r" backup --compression auto "$src" ;;
    borg)   timed borg "$step" "$RUN" borg create --compression zstd,3 "$r::$name" "$src" ;;
  esac
}

do_restore() {  # do_restore TOOL TARGET-DIR ARCHIVE-NAME
  local tool=$1 target=$2 name=$3 r; r="$(repo "$1" mixed)"
  case $tool in
    cairn)  timed cairn restore "$RUN" "${CAIRN[@]}" restore latest -r "$r" --target "$target" ;;
    restic) timed restic restore "$RUN" restic -r "$r" restore latest --target "$target" ;;
    borg)   timed borg restore "$target" borg extract "$r::$name" ;;
  esac
}

# sanity checks that incremental backups used their parent (logged; a warning only)
check_incremental() {
  local tool=$1 step=$2 out="$RUN/logs/$1-$2.out"
  case $tool in
    restic)
      grep -q 'using parent snapshot' "$out" || loud "restic $step did not use a parent snapshot"
      if [ "$step" = nochange ] && ! grep -Eq 'Files: +0 new, +0 changed' "$out"; then
        loud "restic no-change re-backup saw new or changed files: $(grep -E '^(Files|Dirs):' "$out" | tr '\n' ' ')"
      fi
      log "[restic] $step: $(grep -E '^(Files|Added to the repo)' "$out" | tr '\n' ' ')" ;;
    borg)
      local info
      info="$(borg info "$(repo borg mixed)::$3" 2>>"$LOG" | grep -E 'Number of files|This archive' | tr -s ' ' | tr '\n' ' ')" || true
      log "[borg] $step: $info"
      if [ "$step" = nochange ]; then
        local dedup
        dedup="$(borg info --json "$(repo borg mixed)::$3" 2>>"$LOG" |
                 python3 -c 'import json,sys; print(json.load(sys.stdin)["archives"][0]["stats"]["deduplicated_size"])')" || dedup=""
        [ -n "$dedup" ] && [ "$dedup" -gt $((4 << 20)) ] &&
          loud "borg no-change re-backup stored $dedup new bytes: the files cache was not used"
      fi ;;
    cairn)
      log "[cairn] $step: $(tail -n 3 "$out" | tr '\n' ' ')" ;;
  esac
  return 0
}

# verify TOOL TARGET: the restored tree must equal the corpus (contents, names, empty dirs, symlinks)
verify_restore() {
  local tool=$1 target=$2 found="" c
  for c in "$target$CORPUS" "$target/$(basename "$CORPUS")" "$target"; do
    if [ -d "$c" ] && [ -n "$(ls -A "$c" 2>/dev/null)" ] && [ -e "$c/$(ls -A "$CORPUS" | head -n 1)" ]; then found="$c"; break; fi
  done
  if [ -z "$found" ]; then
    VERIFY[$tool]=mismatch; STATUS=1
    loud "$tool RESTORE MISMATCH: cannot find the restored corpus under $target" "top level: $(ls -A "$target" | head -n 5 | tr '\n' ' ')"
    return
  fi
  local diffout="$RUN/logs/$tool-restore.diff"
  if diff -r -q --no-dereference "$CORPUS" "$found" >"$diffout" 2>&1; then
    VERIFY[$tool]=ok
    log "[$tool] restore verified: $found matches the corpus (diff -r)"
  else
    VERIFY[$tool]=mismatch; STATUS=1
    loud "$tool RESTORE MISMATCH: $(wc -l <"$diffout") differences between $CORPUS and $found; first ones:" "$(head -n 10 "$diffout")"
    cat "$diffout" >>"$LOG"
  fi
  # metadata (file mtimes and modes): reported, not counted as a mismatch
  local meta
  meta="$(diff <(cd "$CORPUS" && find . -type f -printf '%p %T@ %m\n' | sort) \
               <(cd "$found" && find . -type f -printf '%p %T@ %m\n' | sort) | grep -c '^>' || true)"
  [ "$meta" -gt 0 ] && log "[$tool] WARNING: $meta restored files differ from the corpus in mtime or mode"
  return 0
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
  if cv="$("${CAIRN[@]}" --version 2>>"$LOG")"; then VER[cairn]="$(echo "$cv" | head -n 1)"
  else
    VER[cairn]="(--version failed)"
    log "[cairn] warm-up: --version failed; the CLI may not support it yet"
  fi
  if [ "$CAIRN_CMD" = "$ROOT/cairn" ] && [ ! -f "$ROOT/cairn-dist/target/cairn.jar" ]; then
    loud "cairn: the launcher did not produce cairn-dist/target/cairn.jar; cairn will not be measured"
    fail cairn build
  fi
fi

# ---- corpora ------------------------------------------------------------------------------------------------
log "building mixed corpus ($BENCH_SIZE) with $CORPUS_SCRIPT"
python3 "$CORPUS_SCRIPT" "$CORPUS" --size "$BENCH_SIZE" --seed "$BENCH_SEED" 2>&1 | tee -a "$LOG" >&2
log "building many-small corpus ($BENCH_SMALL files)"
python3 "$CORPUS_SCRIPT" "$SMALL" --many-small "$BENCH_SMALL" --seed "$BENCH_SEED" 2>&1 | tee -a "$LOG" >&2
corpus_stats() { find "$1" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { printf "%d files, %.0f bytes\n", n, b }'; }
CORPUS_STATS="$(corpus_stats "$CORPUS")"
SMALL_STATS="$(corpus_stats "$SMALL")"
log "mixed corpus: $CORPUS_STATS; many-small corpus: $SMALL_STATS"

T_START=$SECONDS
LOAD_START="$(loadavg)"

# ---- phase 1: initial backup and no-change re-backup ------------------------------------------------------------
for tool in "${TOOLS[@]}"; do
  ok "$tool" || continue
  log "===== $tool: init, initial backup, no-change re-backup ====="
  do_init "$tool" mixed || continue
  warm "$CORPUS"
  do_backup "$tool" initial mixed "$CORPUS" mixed-0 || continue
  do_backup "$tool" nochange mixed "$CORPUS" mixed-1 || continue
  check_incremental "$tool" nochange mixed-1
done

# ---- mutate once, for all tools -------------------------------------------------------------------------------
log "mutating the corpus (day 1)"
python3 "$CORPUS_SCRIPT" "$CORPUS" --mutate --day 1 --seed "$BENCH_SEED" 2>&1 | tee -a "$LOG" >&2
CORPUS_STATS_M="$(corpus_stats "$CORPUS")"
log "mutated corpus: $CORPUS_STATS_M"

# ---- phase 2: after-mutation backup, repository size, restore ----------------------------------------------------
for tool in "${TOOLS[@]}"; do
  ok "$tool" || continue
  [ -n "${R[$tool.initial]:-}" ] || continue
  log "===== $tool: after-mutation backup, restore ====="
  warm "$CORPUS"
  do_backup "$tool" mutated mixed "$CORPUS" mixed-2 || continue
  check_incremental "$tool" mutated mixed-2
  sync
  if ! R[$tool.repo_bytes]="$(du -sb "$(repo "$tool" mixed)" 2>>"$LOG" | cut -f1)" || [ -z "${R[$tool.repo_bytes]}" ]; then
    unset "R[$tool.repo_bytes]"
    loud "$tool: cannot measure the repository $(repo "$tool" mixed)"
    fail "$tool" repo_bytes
  fi
  log "[$tool] repository: ${R[$tool.repo_bytes]:-?} bytes; local cache dirs: $(du -sb "$RUN/home" | cut -f1) bytes in total so far"
  target="$RUN/restore/$tool"
  mkdir -p "$target"
  if do_restore "$tool" "$target" mixed-2; then
    verify_restore "$tool" "$target"
  fi
  chmod -R u+w "$target" 2>/dev/null || true
  rm -rf -- "$target"
done

# ---- phase 3: many-small initial backup (own repository) ---------------------------------------------------------
for tool in "${TOOLS[@]}"; do
  ok "$tool" || continue
  log "===== $tool: many-small initial backup ====="
  do_init "$tool" small || continue
  warm "$SMALL"
  do_backup "$tool" small small "$SMALL" small-0 || continue
done

for tool in "${TOOLS[@]}"; do
  [ -n "${RSSKB[$tool]:-}" ] && R[$tool.rss]="$(awk -v k="${RSSKB[$tool]}" 'BEGIN { printf "%.1f", k / 1024 }')"
done
T_TOTAL=$((SECONDS - T_START))
log "measurements done in ${T_TOTAL} s (excluding corpus generation)"

# ---- report -------------------------------------------------------------------------------------------------
DASH="–"
cell() {  # cell TOOL METRIC
  local tool=$1 m=$2 v
  sel "$tool" || { echo "$DASH"; return; }
  v="${R[$tool.$m]:-}"
  if [ -z "$v" ]; then
    if [ -n "${FAILED[$tool.$m]:-}" ]; then echo "FAILED"
    elif [ -n "${FAILED[$tool]:-}" ]; then echo "skipped"
    else echo "$DASH"; fi
    return
  fi
  [ "$m" = repo_bytes ] && v="$(awk -v b="$v" 'BEGIN { if (b >= 1073741824) printf "%.0f (%.2f GiB)", b, b / 1073741824
                                                         else printf "%.0f (%.1f MiB)", b, b / 1048576 }')"
  [ "$m" = restore ] && [ "${VERIFY[$tool]:-}" = mismatch ] && v="$v ⚠ RESTORE MISMATCH"
  echo "$v"
}
ratio() {  # ratio METRIC A B -> A/B or –
  local a="${R[$2.$1]:-}" b="${R[$3.$1]:-}"
  if [ -z "$a" ] || [ -z "$b" ] || ! sel "$2" || ! sel "$3"; then echo "$DASH"; return; fi
  awk -v a="$a" -v b="$b" 'BEGIN { if (b + 0 == 0) print "inf"; else printf "%.2f", a / b }'
}
target_row() {  # target_row LABEL METRIC OTHER OP LIMIT
  local label=$1 m=$2 other=$3 op=$4 limit=$5 r res
  r="$(ratio "$m" cairn "$other")"
  if [ "$r" = "$DASH" ]; then res="$DASH"
  elif [ "$m" = restore ] && [ "${VERIFY[cairn]:-}" = mismatch ]; then res="FAIL (restore mismatch)"
  elif awk -v r="$r" -v l="$limit" -v op="$op" 'BEGIN { exit !(op == "<=" ? r <= l : r < l) }'; then res="PASS"
  else res="FAIL"; fi
  echo "| $label | cairn/$other ${op/<=/≤} $limit | $r | $res |"
}

{
  echo "## cairn vs restic vs Borg"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); host: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
  echo "- disk: $(df -h --output=source,fstype,size,avail "$RUN" | tail -n 1 | tr -s ' ')"
  echo "- cairn: ${VER[cairn]:-not run} (commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown), command \`$CAIRN_CMD\`)"
  echo "- java: $JAVA_VER"
  echo "- restic: ${VER[restic]:-not run} (\`--compression auto\`, repository version 2)"
  echo "- borg: ${VER[borg]:-not run} (\`init -e repokey-blake2\`, \`create --compression zstd,3\`)"
  echo "- mixed corpus: \`--size $BENCH_SIZE --seed $BENCH_SEED\`: $CORPUS_STATS; after \`--mutate --day 1\`: $CORPUS_STATS_M"
  echo "- many-small corpus: \`--many-small $BENCH_SMALL\`: $SMALL_STATS"
  echo "- measurement time: ${T_TOTAL} s (plus corpus generation); load average at start ${LOAD_START}, at end $(loadavg)"
  echo
  echo "| | cairn | restic | borg | cairn/restic | cairn/borg |"
  echo "|---|---:|---:|---:|---:|---:|"
  for m in "${METRICS[@]}"; do
    echo "| ${LABEL[$m]} | $(cell cairn "$m") | $(cell restic "$m") | $(cell borg "$m") | $(ratio "$m" cairn restic) | $(ratio "$m" cairn borg) |"
  done
  echo
  echo "| target | goal | actual | result |"
  echo "|---|---|---:|---|"
  target_row "initial backup faster than restic" initial restic "<=" 0.8
  target_row "no-change re-backup faster than restic" nochange restic "<=" 0.8
  target_row "full restore faster than restic" restore restic "<=" 0.8
  target_row "repository no larger than restic's" repo_bytes restic "<=" 1.0
  target_row "peak RSS no higher than restic's" rss restic "<=" 1.0
  target_row "initial backup faster than Borg" initial borg "<" 1.0
  target_row "no-change re-backup faster than Borg" nochange borg "<" 1.0
  target_row "after-mutation backup faster than Borg" mutated borg "<" 1.0
  target_row "full restore faster than Borg" restore borg "<" 1.0
  target_row "many-small backup faster than Borg" small borg "<" 1.0
  all="PASS"
  for m in initial nochange mutated restore small; do
    case "$(target_row x "$m" borg "<" 1.0)" in
      *"| FAIL"*) all="FAIL" ;;
      *"| $DASH |") [ "$all" = PASS ] && all="$DASH" ;;
    esac
  done
  echo "| faster than Borg on every time row | every cairn/borg < 1.0 | | $all |"
  for tool in "${TOOLS[@]}"; do
    [ "${VERIFY[$tool]:-}" = mismatch ] && { echo; echo "**⚠ $tool: the restored tree does NOT match the corpus (see $LOG).**"; }
    [ -n "${FAILED[$tool]:-}" ] && { echo; echo "**⚠ $tool failed at: ${FAILED[$tool]} (later steps that needed it were skipped; see $LOG).**"; }
  done
  true
} | tee "$REPORT"
log "report saved to $REPORT"
# the targets compare cairn: without it there is nothing to judge and no result file to write
if sel cairn; then
  source "$ROOT/bench/lib.sh"
  bench_result compare "$REPORT" "BENCH_SIZE=$BENCH_SIZE BENCH_SMALL=$BENCH_SMALL bench/compare.sh --tools $TOOLS_ARG" || STATUS=1
fi
exit $STATUS
