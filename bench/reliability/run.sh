#!/usr/bin/env bash
# Reliability harness (issue 21): runs every suite bench/reliability/suites/*.sh (or those named) in the given mode,
# collects their RESULT lines, prints one table and ends with the line "N passed, M failed".
#
# Usage: bench/reliability/run.sh --quick|--full [SUITE...]   (SUITE = a file name under suites/ without .sh)
# Environment:
#   RELIABILITY_SEED=N      seed handed to every suite (default: from the clock; every suite prints the seed it used)
#   RELIABILITY_WORK=DIR    working directory (default ${TMPDIR:-/tmp}/cairn-reliability; deleted first)
#   RELIABILITY_PARALLEL=N  suites run at a time (default 2 in --quick, 1 in --full; each prints its progress when done)
# Suite contract: bench/reliability/suites/<suite>.sh --quick|--full prints lines
#   RESULT <suite> <check> <passed|failed> <figure…>
# on stdout (anything else on stdout is ignored; progress goes to stderr). A suite that exits non-zero without printing
# a failed RESULT line is counted as one failed check "<suite> exit". The whole run exits 1 if any check failed.
# The table is also written to \$RELIABILITY_WORK/report.md (copy a full run's into docs/reliability.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/reliability"
case "${1:-}" in
  --quick|--full) MODE=$1; shift ;;
  -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) echo "usage: bench/reliability/run.sh --quick|--full [SUITE...]" >&2; exit 2 ;;
esac
export RELIABILITY_SEED=${RELIABILITY_SEED:-$(date +%s)}
export RELIABILITY_WORK=${RELIABILITY_WORK:-${TMPDIR:-/tmp}/cairn-reliability}
rm -rf "$RELIABILITY_WORK"; mkdir -p "$RELIABILITY_WORK"
"$ROOT/cairn" --help >/dev/null 2>&1 || { echo "run.sh: ./cairn does not build" >&2; exit 1; }  # build once, up front
# the faults suite runs that jar with cairn-testkit's jar beside it (the test-only `faulty:` store scheme, rel.py)
testkit="$ROOT/cairn-testkit/target/cairn-testkit-0.1.0-SNAPSHOT.jar"
if [ ! -f "$testkit" ] || [ -n "$(find "$ROOT/cairn-testkit/src/main" -newer "$testkit" -print -quit)" ]; then
  (cd "$ROOT" && source scripts/jdk.sh >/dev/null && ./mvnw -q -B -o -pl cairn-testkit -am package -DskipTests >&2) \
    || { echo "run.sh: cairn-testkit does not build" >&2; exit 1; }
fi
export CAIRN_NO_BUILD=1   # the suites run that jar; none rebuilds under another

suites=()
if [ $# -gt 0 ]; then for s in "$@"; do suites+=("$HERE/suites/$s.sh"); done
else for s in "$HERE"/suites/*.sh; do suites+=("$s"); done; fi

results="$RELIABILITY_WORK/results.txt"; : >"$results"
# quick mode runs two suites at a time (each has its own servers on free ports and its own work directory; CI's time,
# ADR 68); a full run, whose figures are the record, runs them one after another
parallel=${RELIABILITY_PARALLEL:-$([ "$MODE" = --quick ] && echo 2 || echo 1)}
run_suite() {  # SUITE: runs it, its RESULT lines to $name.out, progress to $name.log (and stderr when alone)
  local name; name=$(basename "$1" .sh)
  set +e
  if [ "$parallel" -gt 1 ]; then
    bash "$1" "$MODE" >"$RELIABILITY_WORK/$name.out" 2>"$RELIABILITY_WORK/$name.log"
  else
    bash "$1" "$MODE" >"$RELIABILITY_WORK/$name.out" 2> >(tee "$RELIABILITY_WORK/$name.log" >&2)
  fi
  echo $? >"$RELIABILITY_WORK/$name.rc"
  set -e
  if [ "$parallel" -gt 1 ]; then
    { echo "== $name $MODE (seed $RELIABILITY_SEED), done"; cat "$RELIABILITY_WORK/$name.log"; } >&2
  fi
}
start=$(date +%s)
for suite in "${suites[@]}"; do
  [ "$parallel" -gt 1 ] || echo "== $(basename "$suite" .sh) $MODE (seed $RELIABILITY_SEED)" >&2
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
  run_suite "$suite" &
done
wait
for suite in "${suites[@]}"; do
  name=$(basename "$suite" .sh)
  out="$RELIABILITY_WORK/$name.out"
  rc=$(cat "$RELIABILITY_WORK/$name.rc" 2>/dev/null || echo 1)
  grep '^RESULT ' "$out" >>"$results" || true
  if [ "$rc" -ne 0 ] && ! grep -q "^RESULT $name [^ ]* failed" "$out"; then
    echo "RESULT $name exit failed status $rc (see $RELIABILITY_WORK/$name.log)" >>"$results"
  fi
done
elapsed=$(( $(date +%s) - start ))

report="$RELIABILITY_WORK/report.md"
{
  echo "| suite | check | result | figures |"
  echo "|---|---|---|---|"
  awk '{ fig = ""; for (i = 5; i <= NF; i++) fig = fig (i > 5 ? " " : "") $i; printf "| %s | %s | %s | %s |\n", $2, $3, $4, fig }' "$results"
  echo
  passed=$(awk '$4 == "passed"' "$results" | wc -l)
  failed=$(awk '$4 != "passed"' "$results" | wc -l)
  echo "Mode $MODE, seed $RELIABILITY_SEED, $elapsed s, load average $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "$passed passed, $failed failed"
} >"$report"
cat "$report"
[ "$(awk '$4 != "passed"' "$results" | wc -l)" -eq 0 ]
