#!/usr/bin/env bash
# Fuzzing suite (issue 21): Jazzer on every HTTP body and query-parameter parser, each target for a set time.
# Targets (JUnit @FuzzTest methods; `mvn test` replays each one's inputs, its *Inputs/<method>/ test resources):
#   cairn-server    HttpParsersFuzzTest jsonBody, rangeHeader; RequestFuzzTest anyRequest (whole requests on every
#                   platform route: restic REST paths, query strings, bodies)
#   cairn-workspace WorkspaceRequestFuzzTest recordListing, reportPreview, importFile (CSV and XLSX); FormulaFuzzTest parse
#   cairn-export    CronLineFuzzTest parse
# A finding (an input that makes a target fail: a 5xx, an undocumented exception, a hang) is written by Jazzer into
# that target's *Inputs/<method>/ directory as crash-<sha1> (or timeout-/oom-): commit it with the fix, and `mvn test`
# replays it from then on. The corpus Jazzer grows goes to $RELIABILITY_WORK/fuzz/corpus/ (not kept).
# Usage: bench/reliability/suites/fuzz.sh --quick|--full [Class.method...]   (quick: 2 s per target; full:
#        FUZZ_SECONDS, default 300; FUZZ_PARALLEL targets at a time, default 2; the named targets only, if any)
# A run slower than FUZZ_TIMEOUT (default 600 s) on one input counts as a hang. The first input of an HTTP target also
# starts its server, instrumented: at load average 50 that took over 120 s (the earlier limit), a false `timeout-` of
# the empty input.
# Also used by the reliability harness (bench/reliability/run.sh), which prints the RESULT lines as a table.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MODE=${1:---quick}
shift || true
ONLY=" $* "
WORK=${RELIABILITY_WORK:-${TMPDIR:-/tmp}/cairn-reliability}/fuzz
rm -rf "$WORK"; mkdir -p "$WORK/corpus"
case "$MODE" in
  --quick) SECONDS_EACH=2 ;;
  --full) SECONDS_EACH=${FUZZ_SECONDS:-300} ;;
  *) echo "usage: fuzz.sh --quick|--full" >&2; exit 2 ;;
esac
source "$ROOT/scripts/jdk.sh" >/dev/null
targets=(
  "cairn-server dev.cairn.server.http.HttpParsersFuzzTest jsonBody"
  "cairn-server dev.cairn.server.http.HttpParsersFuzzTest rangeHeader"
  "cairn-server dev.cairn.server.fuzz.RequestFuzzTest anyRequest"
  "cairn-workspace dev.cairn.workspace.fuzz.WorkspaceRequestFuzzTest recordListing"
  "cairn-workspace dev.cairn.workspace.fuzz.WorkspaceRequestFuzzTest reportPreview"
  "cairn-workspace dev.cairn.workspace.fuzz.WorkspaceRequestFuzzTest importFile"
  "cairn-workspace dev.cairn.workspace.formula.FormulaFuzzTest parse"
  "cairn-export dev.cairn.export.schedule.CronLineFuzzTest parse"
)
echo "[fuzz] compiling the fuzz targets and writing their class paths" >&2
start=$(date +%s)
(cd "$ROOT" && ./mvnw -B -ntp -o -q -pl cairn-server,cairn-workspace,cairn-export -am test-compile \
    dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt \
    -Djacoco.skip=true >"$WORK/build.log" 2>&1) || { echo "RESULT fuzz build failed see $WORK/build.log"; exit 1; }
echo "RESULT fuzz build passed seconds=$(( $(date +%s) - start ))"
# One target: fuzz it for SECONDS_EACH, then print its RESULT line (to $WORK/<target>.result).
fuzz_one() {
  local module=$1 class=$2 method=$3
  local simple=${class##*.}
  local inputs="$ROOT/$module/src/test/resources/$(dirname "${class//.//}")/${simple}Inputs/$method"
  mkdir -p "$inputs" "$WORK/corpus/$simple-$method"
  local cp="$(cat "$ROOT/$module/target/fuzz-classpath.txt"):$ROOT/$module/target/classes:$ROOT/$module/target/test-classes"
  local before log t0 rc runs new ok
  before=$(ls "$inputs" | sort)
  log="$WORK/$simple-$method.log"
  t0=$(date +%s)
  set +e
  (cd "$WORK" && LC_ALL=C.UTF-8 java -Xmx1g --enable-native-access=ALL-UNNAMED -XX:+EnableDynamicAgentLoading -cp "$cp" \
      com.code_intelligence.jazzer.Jazzer --target_class="$class" --target_method="$method" \
      --instrumentation_includes='dev.cairn.**:com.fasterxml.jackson.core.**' \
      -max_total_time="$SECONDS_EACH" -timeout="${FUZZ_TIMEOUT:-600}" -artifact_prefix="$inputs/" \
      "$WORK/corpus/$simple-$method" "$inputs" >"$log" 2>&1)
  rc=$?
  set -e
  runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*' || true)
  new=$(comm -13 <(echo "$before") <(ls "$inputs" | sort) | tr '\n' ',' | sed 's/,$//')
  ok=passed
  if [ $rc -ne 0 ] || [ -n "$new" ] || [ -z "$runs" ]; then ok=failed; fi
  echo "RESULT fuzz $simple.$method $ok seconds=$(( $(date +%s) - t0 )) runs=${runs:-0} findings=${new:-none} corpus=$(ls "$WORK/corpus/$simple-$method" | wc -l)" >"$WORK/$simple-$method.result"
  [ $ok = passed ] || echo "[fuzz] $simple.$method: see $log" >&2
}
# Two targets at a time (each Jazzer process fuzzes on one thread); results in the order of the list.
running=0
selected=()
for t in "${targets[@]}"; do
  read -r module class method <<<"$t"
  if [ "$ONLY" = "  " ] || [[ "$ONLY" == *" ${class##*.}.$method "* ]]; then selected+=("$t"); fi
done
for t in "${selected[@]}"; do
  read -r module class method <<<"$t"
  fuzz_one "$module" "$class" "$method" &
  running=$((running + 1))
  if [ $running -ge ${FUZZ_PARALLEL:-2} ]; then wait -n || true; running=$((running - 1)); fi
done
wait
for t in "${selected[@]}"; do
  read -r module class method <<<"$t"
  cat "$WORK/${class##*.}-$method.result"
done
