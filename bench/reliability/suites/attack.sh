#!/usr/bin/env bash
# Attack suite (issue 21): a hostile tenant against every route of the route table, generated from Javalin's route
# list at test time (cairn-dist FullRouteAttackTest on the shipped server: every feature), and hostile content and
# parameters in the workspace (cairn-workspace ContentAttackTest: XSS in every rendered field, CSV formulas, PDF, SQL
# injection in every filter and sort, share passphrase guessing). Both run in CI under `mvn verify`; this script runs
# them and prints one RESULT line per test class: routes covered, attacks tried, refused correctly, failed (must be 0),
# and the count per attack class (refused/tried).
# Usage: bench/reliability/suites/attack.sh --quick|--full   (full: every path trick on every path parameter)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MODE=${1:---quick}
WORK=${RELIABILITY_WORK:-${TMPDIR:-/tmp}/cairn-reliability}/attack
rm -rf "$WORK"; mkdir -p "$WORK"
case "$MODE" in
  --quick) FULL=false ;;
  --full) FULL=true ;;
  *) echo "usage: attack.sh --quick|--full" >&2; exit 2 ;;
esac
source "$ROOT/scripts/jdk.sh" >/dev/null
report="$WORK/attacks.txt"
tests=FullRouteAttackTest,ContentAttackTest
echo "[attack] running $tests (full=$FULL)" >&2
start=$(date +%s)
set +e
(cd "$ROOT" && ./mvnw -B -ntp -o -pl cairn-dist -am test -Djacoco.skip=true -Dtest="$tests" \
    -Dsurefire.failIfNoSpecifiedTests=false -Dcairn.failIfNoTests=false -Dcairn.skipFuzzRegression=true \
    -Dcairn.attack.full="$FULL" \
    -Dcairn.attack.report="$report" >"$WORK/junit.log" 2>&1)
rc=$?
set -e
seconds=$(( $(date +%s) - start ))
for t in ${tests//,/ }; do
  line=$(grep "^ATTACK $t " "$report" 2>/dev/null | tail -1 || true)
  if [ -z "$line" ]; then
    echo "RESULT attack $t failed no report (see $WORK/junit.log)"
    continue
  fi
  failed=$(sed -n 's/.* failed=\([0-9]*\).*/\1/p' <<<"$line")
  ok=passed
  [ "$failed" = 0 ] || ok=failed
  grep -q "Tests run:.*Failures: [1-9]\|Tests run:.*Errors: [1-9]" <(grep "in dev.cairn.*$t" "$WORK/junit.log") && ok=failed
  echo "RESULT attack $t $ok ${line#ATTACK $t }"
done
[ $rc -eq 0 ] || echo "RESULT attack junit failed status $rc in $seconds s (see $WORK/junit.log)"
[ $rc -ne 0 ] || echo "RESULT attack junit passed $seconds s"
