#!/usr/bin/env bash
# WebDAV mount benchmark (issue 17): one file of BENCH_SIZE deterministic random bytes (AES-CTR keystream of a fixed
# seed, so incompressible and the same on every run) backed up into a local repository, then read back three ways with
# the shipped launcher (./cairn, its default 56 MiB heap): `cairn restore`, `rclone copy` through `cairn mount --webdav`
# (rclone switches to several ranged streams above 250 MiB), and `curl` (one plain GET). Every copy is compared byte
# for byte with the original; the mount's peak RSS (VmHWM) is reported.
#
# Usage: bench/webdav.sh [--help] [--keep]
# Environment:
#   BENCH_SIZE=1G                   file size (head -c syntax: 200M for a quick run)
#   BENCH_WORK=/tmp/cairn-webdav-bench   working directory (its run-* subdirectory is deleted afterwards unless --keep)
# stdout: a Markdown table (seconds, MiB/s, ratio to restore), also written to bench/results/webdav.md (bench/lib.sh);
# exit 1 if a copy differs or a target is missed. Targets: rclone through the mount reaches at least half of restore's
# throughput, and the mount's peak RSS stays under 300 MiB.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEEP=0
case "${1:-}" in
  -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
  --keep) KEEP=1 ;;
esac
SIZE=${BENCH_SIZE:-1G}
BENCH_WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/cairn-webdav-bench}
source "$ROOT/bench/lib.sh"
mkdir -p "$BENCH_WORK" "$ROOT/bench/work"
RUN="$BENCH_WORK/run-$(date +%Y%m%d-%H%M%S)-$$"
LOG="$ROOT/bench/work/webdav.log"
REPORT="$ROOT/bench/work/webdav.md"
mkdir -p "$RUN"/{src,restore,rclone,curl,cache,tmp}
: >"$LOG"
log() { printf '[%s] %s\n' "$(date +%T)" "$*" | tee -a "$LOG" >&2; }
MOUNT_PID=
cleanup() {
  local rc=$?
  [ -z "$MOUNT_PID" ] || kill "$MOUNT_PID" 2>/dev/null || true
  [ "$KEEP" = 1 ] || rm -rf -- "$RUN"
  exit $rc
}
trap cleanup EXIT
need() {
  command -v "$1" >/dev/null && return
  log "installing $1 from Debian"
  env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >>"$LOG" 2>&1 ||
    { apt-get update -q >>"$LOG" 2>&1; env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$1" >>"$LOG" 2>&1; }
}
need rclone
need curl

CAIRN=("$ROOT/cairn")
"${CAIRN[@]}" --version >>"$LOG" 2>&1 # builds the jar and the AOT cache once
export CAIRN_PASSWORD="cairn-bench-password" CAIRN_REPOSITORY="$RUN/repo" CAIRN_CACHE_DIR="$RUN/cache" TMPDIR="$RUN/tmp"
FILE="$RUN/src/big.bin"
log "writing $SIZE of random data"
# openssl dies of SIGPIPE when head has enough: not a failure
{ openssl enc -aes-128-ctr -nosalt -pass pass:cairn-webdav-bench -pbkdf2 </dev/zero 2>/dev/null || true; } | head -c "$SIZE" >"$FILE"
BYTES=$(stat -c %s "$FILE")
"${CAIRN[@]}" init >>"$LOG" 2>&1
log "backing up"
"${CAIRN[@]}" backup "$RUN/src" >>"$LOG" 2>&1

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
check() { cmp -s "$FILE" "$1" || { log "MISMATCH: $1 differs from the original"; exit 1; }; }

log "cairn restore"
t0=$(now); "${CAIRN[@]}" restore latest --target "$RUN/restore" >>"$LOG" 2>&1; t_restore=$(elapsed "$t0" "$(now)")
check "$RUN/restore$FILE"
rm -rf "$RUN/restore"

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${CAIRN[@]}" mount --webdav --listen "127.0.0.1:$PORT" >>"$LOG" 2>&1 &
MOUNT_PID=$!
for _ in $(seq 1 300); do curl -fsS -X OPTIONS "http://127.0.0.1:$PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT"

log "rclone copy through the mount"
: >"$RUN/rclone.conf"
t0=$(now)
rclone --config "$RUN/rclone.conf" --webdav-url "$URL" --webdav-vendor other copy ":webdav:/latest$RUN/src" "$RUN/rclone" >>"$LOG" 2>&1
t_rclone=$(elapsed "$t0" "$(now)")
check "$RUN/rclone/big.bin"; rm -f "$RUN/rclone/big.bin"

log "curl through the mount"
t0=$(now); curl -fsS -o "$RUN/curl/big.bin" "$URL/latest$FILE"; t_curl=$(elapsed "$t0" "$(now)")
check "$RUN/curl/big.bin"; rm -f "$RUN/curl/big.bin"
RSS_KB=$(awk '/VmHWM/ { print $2 }' "/proc/$MOUNT_PID/status")
kill -TERM "$MOUNT_PID"; wait "$MOUNT_PID" 2>/dev/null || true; MOUNT_PID= # TERM: a background job ignores SIGINT

mibs() { awk -v b="$BYTES" -v t="$1" 'BEGIN { printf "%.0f", b / 1048576 / t }'; }
ratio() { awk -v r="$t_restore" -v t="$1" 'BEGIN { printf "%.2f", r / t }'; }
{
  echo "One file of $(awk -v b="$BYTES" 'BEGIN { printf "%.0f MiB", b / 1048576 }') (random), local repository, read back three ways; every copy compared byte for byte."
  echo
  echo "| read | seconds | MiB/s | throughput vs restore | target | result |"
  echo "|---|---:|---:|---:|---|---|"
  echo "| cairn restore | $t_restore | $(mibs "$t_restore") | 1.00 | | |"
  r=$(ratio "$t_rclone")
  echo "| rclone copy via cairn mount --webdav | $t_rclone | $(mibs "$t_rclone") | $r | ≥ 0.50 | $(awk -v r="$r" 'BEGIN { print (r >= 0.5 ? "PASS" : "FAIL") }') |"
  echo "| curl GET via cairn mount --webdav | $t_curl | $(mibs "$t_curl") | $(ratio "$t_curl") | | |"
  echo
  echo "| mount | peak RSS MiB | target | result |"
  echo "|---|---:|---|---|"
  rss=$(awk -v k="$RSS_KB" 'BEGIN { printf "%.0f", k / 1024 }')
  echo "| cairn mount --webdav (after both copies) | $rss | < 300 | $(awk -v r="$rss" 'BEGIN { print (r < 300 ? "PASS" : "FAIL") }') |"
} | tee "$REPORT"
bench_result webdav "$REPORT" "bench/webdav.sh${SIZE:+ (BENCH_SIZE=$SIZE)}"
