#!/usr/bin/env bash
# Crash suite (issue 21): kill -9 at seeded random moments during backup, forget --prune, prune and restore of a local
# repository (6 kills in --quick, 100 in --full) and during backups to a cairn server (2 or 20 more); after each:
# check --read-data passes, the operation run again succeeds,
# no committed snapshot is lost, no temporary file is left in the repository. --full also runs the deterministic
# kill-point JUnit tests (cairn-agent CrashTest and PruneCrashTest, cairn-export RestoreKillTest, cairn-dist
# RemoteResumeTest) and reports them as one check.
# Usage: bench/reliability/suites/crash.sh --quick|--full
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MODE=${1:---quick}
WORK=${RELIABILITY_WORK:-${TMPDIR:-/tmp}/cairn-reliability}/crash
rm -rf "$WORK"; mkdir -p "$WORK"
source "$ROOT/scripts/jdk.sh" >/dev/null
export JAVA_HOME
python3 "$HERE/lib/crash.py" "$MODE" "$WORK" "$(( ${RELIABILITY_PORT:-18931} + 2 ))"
if [ "$MODE" = --full ]; then
  tests=CrashTest,PruneCrashTest,RestoreKillTest,RemoteResumeTest
  start=$(date +%s)
  if (cd "$ROOT" && source scripts/jdk.sh >/dev/null && ./mvnw -B -ntp -o -q -pl cairn-agent,cairn-export,cairn-dist -am \
      verify -Djacoco.skip=true -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false -Dcairn.failIfNoTests=false \
      >"$WORK/junit.log" 2>&1); then
    echo "RESULT crash kill-point-tests passed $tests in $(( $(date +%s) - start )) s"
  else
    echo "RESULT crash kill-point-tests failed $tests (see $WORK/junit.log)"
  fi
fi
