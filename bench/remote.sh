#!/usr/bin/env bash
# Remote benchmark: the cairn agent → cairn server vs restic → cairn server (restic's REST backend), over loopback.
#
# Usage: bench/remote.sh [--keep] [--help]
#   --keep         keep the run directory (server data, restores) instead of deleting it at the end
#
# Starts `cairn server` on 127.0.0.1 (SQLite and local disk in the run directory), creates an account with an unlimited
# quota and a full token, then times for both tools under GNU time (wall time and peak RSS): the initial backup of the
# corpus, a backup with no change, and a restore of the latest snapshot. The server's time is not counted for either
# tool (it is the same server). The machine is shared: note the load average printed with the results.
#
# Environment:
#   BENCH_SIZE=2G         size of the mixed corpus (make-corpus.py)
#   BENCH_SEED=42         corpus seed
#   BENCH_WORK=DIR        run directory (default ${TMPDIR:-/tmp}/cairn-remote, or /var/tmp/cairn-remote on a tmpfs);
#                         the pristine corpus is cached as corpus-SIZE-SEED (reused from /tmp/cairn-prune when there)
#   CORPUS_SCRIPT=...     corpus generator (default: ../shared/bench/make-corpus.py next to the repository)
#   CAIRN_CMD=./cairn     command that runs cairn
#
# stdout: Markdown report; also written to bench/results/remote.md through bench/lib.sh.
# Exit status: 0 when every step finished and every target (cairn ≤ 0.8 × restic's time) was met, 1 otherwise.
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
BENCH_SEED="${BENCH_SEED:-42}"
if [ -z "${BENCH_WORK:-}" ]; then
  BENCH_WORK="${TMPDIR:-/tmp}/cairn-remote"
  mkdir -p "$BENCH_WORK"
  case "$(stat -f -c %T "$BENCH_WORK")" in tmpfs|ramfs) BENCH_WORK=/var/tmp/cairn-remote ;; esac
fi
CAIRN_CMD="${CAIRN_CMD:-$ROOT/cairn}"
read -ra CAIRN <<< "$CAIRN_CMD"
CORPUS_SCRIPT="${CORPUS_SCRIPT:-$ROOT/../shared/bench/make-corpus.py}"
if [ ! -f "$CORPUS_SCRIPT" ]; then
  common="$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir)"
  CORPUS_SCRIPT="$(dirname "$common")/../shared/bench/make-corpus.py"
fi

mkdir -p "$BENCH_WORK" "$ROOT/bench/work"
BENCH_WORK="$(cd "$BENCH_WORK" && pwd)"
STAMP="$(date +%Y%m%d-%H%M%S)"
RUN="$BENCH_WORK/run-$STAMP-$$"
LOG="$ROOT/bench/work/remote-$STAMP.log"
REPORT="$ROOT/bench/work/remote-$STAMP.md"
mkdir -p "$RUN"/{server,tmp,home,logs,restore}
: > "$LOG"
log() { printf '[%s] %s\n' "$(date +%T)" "$*" | tee -a "$LOG" >&2; }
SERVER_PID=
cleanup() {
  local rc=$?
  [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true
  [ "$KEEP" = 1 ] || { [[ "$(basename "$RUN")" == run-* ]] && rm -rf -- "$RUN"; }
  exit $rc
}
trap cleanup EXIT

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

PRISTINE="$BENCH_WORK/corpus-$BENCH_SIZE-$BENCH_SEED"
for cached in "$PRISTINE" "/tmp/cairn-prune/corpus-$BENCH_SIZE-$BENCH_SEED" "/var/tmp/cairn-prune/corpus-$BENCH_SIZE-$BENCH_SEED"; do
  if [ -f "$cached/.complete" ]; then PRISTINE="$cached"; break; fi
done
if [ ! -f "$PRISTINE/.complete" ]; then
  [ -f "$CORPUS_SCRIPT" ] || { echo "corpus generator not found (set CORPUS_SCRIPT)" >&2; exit 2; }
  log "building the corpus ($BENCH_SIZE, seed $BENCH_SEED) in $PRISTINE"
  rm -rf -- "$PRISTINE"
  python3 "$CORPUS_SCRIPT" "$PRISTINE" --size "$BENCH_SIZE" --seed "$BENCH_SEED" >>"$LOG" 2>&1
  touch "$PRISTINE/.complete"
fi
CORPUS="$PRISTINE"

# the server: a free port, an account with room, a full token for both tools
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
S=(--data-dir "$RUN/server")
"${CAIRN[@]}" server "${S[@]}" --listen "127.0.0.1:$PORT" >>"$LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
echo 'bench account password' | "${CAIRN[@]}" server account add bench --email bench@example.com --password-stdin "${S[@]}" >>"$LOG" 2>&1
"${CAIRN[@]}" server account set-quota bench unlimited "${S[@]}" >>"$LOG" 2>&1
TOKEN=$("${CAIRN[@]}" server token add bench --scope full --name bench "${S[@]}" 2>>"$LOG" | tail -n 1)
printf '%s\n' "$TOKEN" > "$RUN/home/token"; chmod 600 "$RUN/home/token"
C=(-r "http://127.0.0.1:$PORT/cairn-repo" --token-file "$RUN/home/token")
R=(-r "rest:http://bench:$TOKEN@127.0.0.1:$PORT/bench/restic-repo/")

declare -A SECS=() RSS=()
timed() {  # timed NAME CMD...: wall seconds and peak RSS (KiB) of CMD
  local name=$1; shift
  local tf="$RUN/logs/$name.time"
  sync
  log "timed $name"
  /usr/bin/time -v -o "$tf" "$@" >"$RUN/logs/$name.out" 2>&1 || { log "$name FAILED"; tail -n 20 "$RUN/logs/$name.out" | tee -a "$LOG" >&2; exit 1; }
  cat "$RUN/logs/$name.out" >>"$LOG"
  read -r SECS[$name] RSS[$name] < <(awk '/Elapsed \(wall clock\) time/ { n = split($NF, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i] }
       /Maximum resident set size/ { rss = $NF } END { printf "%.2f %.0f\n", s, rss }' "$tf")
  log "$name: ${SECS[$name]} s, peak RSS $((RSS[$name] / 1024)) MiB"
}
run() { log "${*//$TOKEN/TOKEN}"; "$@" >>"$LOG" 2>&1; }

run "${CAIRN[@]}" init "${C[@]}"
run restic init --repository-version 2 "${R[@]}"
timed cairn-initial "${CAIRN[@]}" backup -q "${C[@]}" "$CORPUS"
timed restic-initial restic "${R[@]}" backup -q --compression auto "$CORPUS"
timed cairn-nochange "${CAIRN[@]}" backup -q "${C[@]}" "$CORPUS"
timed restic-nochange restic "${R[@]}" backup -q --compression auto "$CORPUS"
timed cairn-restore "${CAIRN[@]}" restore latest -q "${C[@]}" --target "$RUN/restore/cairn"
timed restic-restore restic "${R[@]}" restore latest --target "$RUN/restore/restic"
SAME=identical
diff -rq "$CORPUS" "$RUN/restore/cairn$CORPUS" >>"$LOG" 2>&1 || SAME=DIFFERENT

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { r = a / b; printf "%.2f | %s", r, (r <= 0.8 ? "PASS" : "FAIL") }'; }
{
  echo "## cairn agent → cairn server vs restic → cairn server (REST), loopback"
  echo
  echo "- cairn: $("${CAIRN[@]}" --version 2>/dev/null | head -n 1) (commit $(git -C "$ROOT" rev-parse --short HEAD)); restic: $(restic version)"
  echo "- corpus: make-corpus.py --size $BENCH_SIZE --seed $BENCH_SEED; one cairn server (SQLite, local disk) for both; cairn's restore is $SAME to the corpus"
  echo
  echo "| step | cairn s | restic s | cairn peak RSS MiB | restic peak RSS MiB |"
  echo "|---|---:|---:|---:|---:|"
  for step in initial nochange restore; do
    echo "| $step | ${SECS[cairn-$step]} | ${SECS[restic-$step]} | $(( RSS[cairn-$step] / 1024 )) | $(( RSS[restic-$step] / 1024 )) |"
  done
  echo
  echo "| target | goal | cairn/restic | result |"
  echo "|---|---|---:|---|"
  for step in initial nochange restore; do
    echo "| $step backup/restore time | ≤ 0.8 × restic | $(ratio "${SECS[cairn-$step]}" "${SECS[restic-$step]}") |"
  done
} | tee "$REPORT"
source "$ROOT/bench/lib.sh"
bench_result remote "$REPORT" "BENCH_SIZE=$BENCH_SIZE bench/remote.sh"
