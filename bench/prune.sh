#!/usr/bin/env bash
# Prune benchmark: cairn prune vs restic prune on the same data, after forgetting snapshots so that about 10 % of the
# repository becomes unreferenced.
#
# Usage: bench/prune.sh [--keep] [--help]
#   --keep         keep the run directory (repositories) instead of deleting it at the end
#
# Steps, for both tools on the same corpus: back up the corpus (day 0), mutate it BENCH_DAYS times with make-corpus.py
# --mutate (a day of edits, appends, additions and deletions each), backing up after every day; then forget all but the
# newest snapshot and time `prune` (default --max-unused 5 % for both) under GNU time (wall time and peak RSS).
# Afterwards both repositories are checked (cairn check --read-data, restic check --read-data).
#
# Environment:
#   BENCH_SIZE=2G         size of the mixed corpus
#   BENCH_DAYS=3          mutated days backed up after the first backup
#   BENCH_SEED=42         corpus seed
#   BENCH_WORK=DIR        run directory (default ${TMPDIR:-/tmp}/cairn-prune, or /var/tmp/cairn-prune on a tmpfs); the
#                         pristine corpus is cached there as corpus-SIZE-SEED and copied for each run
#   CORPUS_SCRIPT=...     corpus generator (default: ../shared/bench/make-corpus.py next to the repository)
#   CAIRN_CMD=./cairn     command that runs cairn
#
# stdout: Markdown report (versions, table, targets); also written to bench/results/prune.md through bench/lib.sh.
# Exit status: 0 when both tools finished, both checks passed and every target was met, 1 otherwise.
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
BENCH_DAYS="${BENCH_DAYS:-3}"
BENCH_SEED="${BENCH_SEED:-42}"
if [ -z "${BENCH_WORK:-}" ]; then
  BENCH_WORK="${TMPDIR:-/tmp}/cairn-prune"
  mkdir -p "$BENCH_WORK"
  case "$(stat -f -c %T "$BENCH_WORK")" in tmpfs|ramfs) BENCH_WORK=/var/tmp/cairn-prune ;; esac
fi
CAIRN_CMD="${CAIRN_CMD:-$ROOT/cairn}"
read -ra CAIRN <<< "$CAIRN_CMD"
CORPUS_SCRIPT="${CORPUS_SCRIPT:-$ROOT/../shared/bench/make-corpus.py}"
if [ ! -f "$CORPUS_SCRIPT" ]; then
  common="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir)"
  CORPUS_SCRIPT="$(dirname "$common")/../shared/bench/make-corpus.py"
fi
[ -f "$CORPUS_SCRIPT" ] || { echo "corpus generator not found (set CORPUS_SCRIPT)" >&2; exit 2; }

mkdir -p "$BENCH_WORK" "$ROOT/bench/work"
BENCH_WORK="$(cd "$BENCH_WORK" && pwd)"
STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH_WORK/run-$STAMP-$$"
LOG="$ROOT/bench/work/prune-$STAMP.log"
REPORT="$ROOT/bench/work/prune-$STAMP.md"
mkdir -p "$RUN"/{repos,tmp,home,logs}
: > "$LOG"
log() { printf '[%s] %s\n' "$(date +%T)" "$*" | tee -a "$LOG" >&2; }
cleanup() {
  local rc=$?
  [ "$KEEP" = 1 ] || { [[ "$(basename "$RUN")" == run-* ]] && rm -rf -- "$RUN"; }
  exit $rc
}
trap cleanup EXIT

# dependencies, installed from Debian the way compare.sh does
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

# the pristine corpus is generated once per size and seed and copied for each run
PRISTINE="$BENCH_WORK/corpus-$BENCH_SIZE-$BENCH_SEED"
if [ ! -f "$PRISTINE/.complete" ]; then
  log "building the corpus ($BENCH_SIZE, seed $BENCH_SEED) in $PRISTINE"
  rm -rf -- "$PRISTINE"
  python3 "$CORPUS_SCRIPT" "$PRISTINE" --size "$BENCH_SIZE" --seed "$BENCH_SEED" >>"$LOG" 2>&1
  touch "$PRISTINE/.complete"
fi
CORPUS="$RUN/corpus"
cp -a "$PRISTINE" "$CORPUS"
rm -f "$CORPUS/.complete"

declare -A SECS=() RSS=()
timed() {  # timed NAME CMD...: wall seconds and peak RSS (KiB) of CMD
  local name=$1; shift
  local tf="$RUN/logs/$name.time"
  sync
  log "timed $name: $*"
  /usr/bin/time -v -o "$tf" "$@" >"$RUN/logs/$name.out" 2>&1 || { log "$name FAILED"; tail -n 20 "$RUN/logs/$name.out" | tee -a "$LOG" >&2; exit 1; }
  cat "$RUN/logs/$name.out" >>"$LOG"
  read -r SECS[$name] RSS[$name] < <(awk '/Elapsed \(wall clock\) time/ { n = split($NF, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i] }
       /Maximum resident set size/ { rss = $NF } END { printf "%.2f %.0f\n", s, rss }' "$tf")
  log "$name: ${SECS[$name]} s, peak RSS $((RSS[$name] / 1024)) MiB"
}
run() { log "$*"; "$@" >>"$LOG" 2>&1; }

C="$RUN/repos/cairn" R="$RUN/repos/restic"
run "${CAIRN[@]}" init -r "$C"
run restic init --repository-version 2 -r "$R"
for day in $(seq 0 "$BENCH_DAYS"); do
  if [ "$day" -gt 0 ]; then run python3 "$CORPUS_SCRIPT" "$CORPUS" --mutate --day "$day" --seed "$BENCH_SEED"; fi
  run "${CAIRN[@]}" backup -q -r "$C" "$CORPUS"
  run restic -r "$R" backup -q --compression auto "$CORPUS"
done
run "${CAIRN[@]}" forget -r "$C" --keep-last 1
run restic -r "$R" forget --keep-last 1
PLAN="$("${CAIRN[@]}" prune -r "$C" --dry-run --json | tail -n 1)"
UNUSED="$(python3 -c 'import json,sys; p=json.loads(sys.argv[1]); print("%.1f %% (%d of %d MiB)" % (100*p["unused_bytes"]/(p["used_bytes"]+p["unused_bytes"]), p["unused_bytes"]>>20, (p["used_bytes"]+p["unused_bytes"])>>20))' "$PLAN")"
log "unreferenced after forget (cairn's count): $UNUSED"
du_c0=$(du -sb "$C" | cut -f1); du_r0=$(du -sb "$R" | cut -f1)
timed cairn "${CAIRN[@]}" prune -r "$C"
timed restic restic -r "$R" prune
du_c1=$(du -sb "$C" | cut -f1); du_r1=$(du -sb "$R" | cut -f1)
CHECK_C=ok CHECK_R=ok
run "${CAIRN[@]}" check -r "$C" --read-data || CHECK_C=FAILED
run restic -r "$R" check --read-data || CHECK_R=FAILED

mib() { echo $(( $1 / 1048576 )); }
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f | %s", a / b, (a < b ? "PASS" : "FAIL") }'; }
{
  echo "## cairn prune vs restic prune"
  echo
  echo "- cairn: $("${CAIRN[@]}" --version 2>/dev/null | head -n 1) (commit $(git -C "$ROOT" rev-parse --short HEAD)); restic: $(restic version)"
  echo "- corpus: make-corpus.py --size $BENCH_SIZE --seed $BENCH_SEED, then $BENCH_DAYS mutated days, a backup after each; forget --keep-last 1"
  echo "- unreferenced before prune: $UNUSED; both prune with their default --max-unused 5 %"
  echo "- checks after prune (check --read-data): cairn $CHECK_C, restic $CHECK_R"
  echo
  echo "| | cairn | restic |"
  echo "|---|---:|---:|"
  echo "| prune wall time s | ${SECS[cairn]} | ${SECS[restic]} |"
  echo "| prune peak RSS MiB | $(( RSS[cairn] / 1024 )) | $(( RSS[restic] / 1024 )) |"
  echo "| repository MiB before → after | $(mib "$du_c0") → $(mib "$du_c1") | $(mib "$du_r0") → $(mib "$du_r1") |"
  echo
  echo "| target | goal | actual | result |"
  echo "|---|---|---:|---|"
  echo "| prune faster than restic | cairn/restic < 1.0 | $(verdict "${SECS[cairn]}" "${SECS[restic]}") |"
  echo "| prune peak RSS lower than restic's | cairn/restic < 1.0 | $(verdict "${RSS[cairn]}" "${RSS[restic]}") |"
  if [ "$CHECK_C" != ok ] || [ "$CHECK_R" != ok ]; then echo "| both repositories check after prune | ok | cairn $CHECK_C, restic $CHECK_R | FAIL |"; fi
} | tee "$REPORT"
source "$ROOT/bench/lib.sh"
bench_result prune "$REPORT" "BENCH_SIZE=$BENCH_SIZE BENCH_DAYS=$BENCH_DAYS bench/prune.sh"
