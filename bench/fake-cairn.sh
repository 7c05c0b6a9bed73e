#!/usr/bin/env bash
# Stand-in for the cairn CLI, built on restic, to exercise compare.sh's cairn column before the real CLI exists:
#   CAIRN_CMD=bench/fake-cairn.sh BENCH_SIZE=20M BENCH_SMALL=200 bench/compare.sh
# FAKE_CORRUPT=1 appends a byte to one restored file, to check that a restore mismatch is reported.
set -euo pipefail
export RESTIC_PASSWORD="$CAIRN_PASSWORD"
cmd=$1; shift
case $cmd in
  --version) echo "fake-cairn (restic $(restic version | awk '{print $2}'))" ;;
  init)      restic init -r "$2" ;;                                     # init -r REPO
  backup)    restic -r "$2" backup "${@:3}" ;;                          # backup -r REPO PATH...
  restore)   restic -r "$3" restore latest --target "$5"                # restore latest -r REPO --target DIR
             if [ -n "${FAKE_CORRUPT:-}" ]; then
               find "$5" -type f -name '*.java' | sort | head -n 1 | xargs -r sh -c 'echo x >> "$0"' || true
             fi ;;
  *) echo "fake-cairn: unknown command $cmd" >&2; exit 2 ;;
esac
