#!/usr/bin/env bash
# Crash suite (issue 21): kill -9 at seeded random moments during backup, forget --prune, prune and restore of a local
# repository (6 kills in --quick, 100 in --full) and during backups to a cairn server (2 or 20 more); after each:
# check --read-data passes, the operation run again succeeds,
# no committed snapshot is lost, no temporary file is left in the repository. lib/crash_restic.py: restic REST backups
# and forget --prune, and cairn forget --prune on a server, with the server or the client kill -9'd (2 or 10 kills each):
# restic/cairn check --read-data pass, usage equals the store's bytes, no temporary file in the server's data directory. --full also runs the deterministic
# kill-point JUnit tests (cairn-agent CrashTest and PruneCrashTest, cairn-export RestoreKillTest, cairn-dist
# RemoteResumeTest) and reports them as one check.
# Usage: bench/reliability/suites/crash.sh --quick|--full
# CRASH_ONLY="PART ..." runs only those parts: local (crash.py: the local rows and remote-backup), restic (restic-backup,
# restic-prune, remote-prune), remote-prune (that row alone), export, workspace-restore, kill-point-tests (--full
# only). Default: local restic export workspace-restore kill-point-tests.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MODE=${1:---quick}
WORK=${RELIABILITY_WORK:-${TMPDIR:-/tmp}/cairn-reliability}/crash
rm -rf "$WORK"; mkdir -p "$WORK"
source "$ROOT/scripts/jdk.sh" >/dev/null
export JAVA_HOME
ONLY=" ${CRASH_ONLY:-local restic export workspace-restore kill-point-tests} "
part() { [[ "$ONLY" == *" $1 "* ]]; }
! part local || python3 "$HERE/lib/crash.py" "$MODE" "$WORK"
! part restic || python3 "$HERE/lib/crash_restic.py" "$MODE" "$WORK/restic"
! part remote-prune || CRASH_RESTIC_ONLY=remote-prune python3 "$HERE/lib/crash_restic.py" "$MODE" "$WORK/remote-prune"
! part export || python3 "$HERE/lib/crash_export.py" "$MODE" "$WORK/export"
! part workspace-restore || python3 "$HERE/lib/crash_restore.py" "$MODE" "$WORK/restore"
if [ "$MODE" = --full ] && part kill-point-tests; then
  tests=CrashTest,PruneCrashTest,RestoreKillTest,RemoteResumeTest
  start=$(date +%s)
  if (cd "$ROOT" && source scripts/jdk.sh >/dev/null && ./mvnw -B -ntp -o -q -pl cairn-agent,cairn-export,cairn-dist -am \
      verify -Djacoco.skip=true -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false -Dcairn.failIfNoTests=false -DskipITs=true \
      >"$WORK/junit.log" 2>&1); then
    echo "RESULT crash kill-point-tests passed $tests in $(( $(date +%s) - start )) s"
  else
    echo "RESULT crash kill-point-tests failed $tests (see $WORK/junit.log)"
  fi
fi
