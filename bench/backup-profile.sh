#!/usr/bin/env bash
# Where a backup's CPU goes, by stage: runs `cairn backup` of PATH into a fresh repository under `perf record -g` (the JVM
# with -XX:+PreserveFramePointer and its perf map) and prints | stage | share | CPU s | (bench/tools/perf-stages.py: zstd,
# HMAC ids, AES-GCM, pack appends, reads, stat, walk, tree encoding, JIT threads, GC...). With --nochange the profiled
# backup is a second one (an initial backup runs first, unprofiled). Needs perf (apt-get install linux-perf).
# Usage: bench/backup-profile.sh [--nochange] PATH        Environment: CAIRN_CMD (default ./cairn), PERF_HZ (default 1999)
# Keep PATH and the work directory (BENCH_WORK, default /var/tmp/cairn-profile) outside the source tree.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nochange=
[ "${1:-}" = --nochange ] && { nochange=1; shift; }
[ $# -eq 1 ] || { sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit 2; }
src="$(cd "$1" && pwd)"
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
read -ra cairn <<< "${CAIRN_CMD:-$root/cairn}"
hz="${PERF_HZ:-1999}"
work="${BENCH_WORK:-/var/tmp/cairn-profile}/run-$$"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
export CAIRN_PASSWORD=cairn-profile HOME="$work/home"
"${cairn[@]}" -q init -r "$work/repo" >/dev/null
[ -n "$nochange" ] && "${cairn[@]}" -q backup -r "$work/repo" "$src" >/dev/null
export CAIRN_JAVA_OPTS="-XX:+UseSerialGC -Xmn4m -Xmx56m -Xss2m -XX:+UnlockDiagnosticVMOptions -XX:+PreserveFramePointer -XX:+DumpPerfMapAtExit"
sync
echo "backup of $src ($([ -n "$nochange" ] && echo no-change || echo initial)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
perf record -F "$hz" -g -o "$work/perf.data" -- "${cairn[@]}" -q backup -r "$work/repo" "$src" >/dev/null 2>"$work/perf.log" \
  || { cat "$work/perf.log" >&2; exit 1; }
perf script -i "$work/perf.data" 2>/dev/null | python3 "$root/bench/tools/perf-stages.py" "$hz"
