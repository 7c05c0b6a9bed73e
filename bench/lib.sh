# Sourced by the bench scripts. bench_result NAME REPORT [COMMAND]: writes bench/results/NAME.md (when, on what
# machine, at which commit, with which command, then the Markdown report), prints one PASS or FAIL line per target and
# returns 1 if a target was missed or the report names none. A target is a row of a Markdown table whose last cell
# starts with PASS or FAIL. bench/readme.sh then copies the result files into the README's performance section.
bench_machine() {
  local cpu
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  echo "$(nproc) cores (${cpu:-unknown CPU}), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
}

bench_result() {
  local name=$1 report=$2 command=${3:-bench/$1.sh} root results verdicts
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  results="$root/bench/results/$name.md"
  mkdir -p "$root/bench/results"
  {
    echo "<!-- written by bench/${BENCH_SCRIPT:-$name}.sh; bench/readme.sh copies it into README.md -->"
    echo "#### \`$command\`"
    echo
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') at commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown) on $(bench_machine); load average $(cut -d' ' -f1-3 /proc/loadavg)."
    echo
    cat "$report"
  } >"$results"
  verdicts=$(grep -E '^\|.*\| *(PASS|FAIL)[^|]*\|[[:space:]]*$' "$report" \
    | awk -F'|' '{ v = $(NF - 1); gsub(/^ +| +$/, "", v); t = $2 " " $3; gsub(/ +/, " ", t); gsub(/^ | $/, "", t); print (v ~ /^PASS/ ? "PASS" : "FAIL") ": " t }')
  echo >&2
  echo "results: ${results#$root/}" >&2
  if [ -z "$verdicts" ]; then
    echo "FAIL: the report names no target"
    return 1
  fi
  echo "$verdicts"
  ! grep -q '^FAIL' <<<"$verdicts"
}

# bench_server DATA_DIR TOKEN_FILE: starts `"${CAIRN[@]}" server` on a free loopback port with its data in DATA_DIR, adds
# the account `bench` (unlimited quota) and writes a full-scope token of it to TOKEN_FILE (mode 0600). Sets PORT,
# SERVER_PID and TOKEN; the server's output and the commands' go to $LOG. The caller stops the server (kill $SERVER_PID).
bench_server() {
  local data=$1 token_file=$2
  PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${CAIRN[@]}" server --data-dir "$data" --listen "127.0.0.1:$PORT" >>"$LOG" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  echo 'bench account password' | "${CAIRN[@]}" server account add bench --email bench@example.com --password-stdin \
    --data-dir "$data" >>"$LOG" 2>&1
  "${CAIRN[@]}" server account set-quota bench unlimited --data-dir "$data" >>"$LOG" 2>&1
  TOKEN=$("${CAIRN[@]}" server token add bench --scope full --name bench --data-dir "$data" 2>>"$LOG" | tail -n 1)
  printf '%s\n' "$TOKEN" >"$token_file"
  chmod 600 "$token_file"
}

# bench_jdk_home: the JDK that ./cairn runs on (scripts/jdk.sh), or nothing.
bench_jdk_home() {
  bash -c 'source "$1/scripts/jdk.sh" >/dev/null 2>&1 && echo "$JAVA_HOME"' _ "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" 2>/dev/null || true
}

# rmtree DIR: deletes a tree, also one with read-only files (borg makes files read-only).
rmtree() { [ -e "$1" ] || return 0; chmod -R u+w "$1" 2>/dev/null || true; rm -rf -- "$1"; }
# A restore right after a large delete is slowed by the file system's state, not by the tool. ext4 without a journal
# (this machine's disk) will not reuse an inode freed in the last 60 s, or in the last 360 s while the inode-table block
# holding it is dirty (fs/ext4/ialloc.c, recently_deleted: RECENTCY_MIN 60, RECENTCY_DIRTY 300); every new inode of a
# directory's block group is searched from the group's first free inode on, each skipped one costing a lookup of its
# cached inode-table block (a block no longer cached counts as written out). perf, 2026-12-07: the same cairn restore of
# the 2 GiB corpus took 9-10 s of system CPU right after deleting an earlier restore, 1.5 s on fresh inodes, and 2.6-3.8 s
# after dropping the page cache; a restore's own creates dirty those blocks again, so the 360 s apply even after a sync
# (restic's many-small restore: 22-26 s of system CPU 70 s after deleting 100,000 files, with or without sync, 1.8 s
# without a delete; ADR 62). So whichever tool restored first after a delete paid for it. Large trees are deleted with
# rmtree_settling only (at the start of a run; an empty or missing tree starts no wait), and every timed restore first
# calls settle, which waits (untimed) until the last such delete is DELETE_SETTLE seconds old, then (when this user may)
# writes dirty pages back, drops the clean page cache and reads the given paths (the repository and the tool's programs)
# back in, so every tool restores from the same state. Uses the caller's `log`.
DELETE_SETTLE=${DELETE_SETTLE:-370}
DELETED_AT=-1000
rmtree_settling() {
  if [ -d "$1" ] && [ -z "$(ls -A "$1" 2>/dev/null)" ]; then rmdir "$1"; return 0; fi
  [ -e "$1" ] || return 0
  rmtree "$1"; DELETED_AT=$SECONDS
}
# fresh_fs DIR [SIZE]: makes DIR an empty file system of its own for restores (a sparse ext4 image DIR.img of SIZE,
# default 24G, loop-mounted; made like this machine's disk, without a journal, its inode tables written at once so no
# background initialisation runs during a measurement). On it no inode was ever freed, so no tool's restore pays for an
# earlier delete, and nothing needs to wait (FRESH_FS=1). Without root, mkfs.ext4 or a loop device: DIR is emptied with
# rmtree_settling instead and settle waits (FRESH_FS=0). release_fs DIR unmounts it and deletes the image (call it from
# the script's cleanup).
FRESH_FS=0
fresh_fs() {
  local dir=$1 size=${2:-24G}
  release_fs "$dir"
  if [ "$(id -u)" = 0 ] && command -v mkfs.ext4 >/dev/null && truncate -s "$size" "$dir.img" 2>/dev/null \
      && mkfs.ext4 -q -F -O ^has_journal -E lazy_itable_init=0,nodiscard "$dir.img" >/dev/null 2>&1 \
      && mkdir -p "$dir" && mount -o loop "$dir.img" "$dir" 2>/dev/null; then
    FRESH_FS=1
    return 0
  fi
  rm -f "$dir.img"
  FRESH_FS=0
  rmtree_settling "$dir"; mkdir -p "$dir"
}
release_fs() {
  if mountpoint -q "$1" 2>/dev/null; then umount "$1" || umount -l "$1"; fi
  rm -f "$1.img"
}
read_into_cache() {  # read_into_cache [PATH...]: every file under each PATH that exists is read once (into the page cache)
  local p
  for p in "$@"; do [ ! -e "$p" ] || find "$p" -type f -exec cat {} + >/dev/null 2>&1 || true; done
}
settle() {  # settle [PATH...]: before a timed restore; PATH... are read back into the page cache after the drop
  local wait=$((DELETED_AT + DELETE_SETTLE - SECONDS)) t0=$SECONDS
  if [ "$wait" -gt 0 ] && [ "$FRESH_FS" != 1 ]; then
    if declare -F log >/dev/null; then log "waiting $wait s before a timed restore (files deleted $((SECONDS - DELETED_AT)) s ago)"; fi
    sleep "$wait"
  fi
  [ -w /proc/sys/vm/drop_caches ] || return 0
  sync
  echo 1 >/proc/sys/vm/drop_caches 2>/dev/null || return 0
  read_into_cache "$@"
  if declare -F log >/dev/null; then log "dropped the page cache and read back $* ($((SECONDS - t0)) s)"; fi
  return 0
}
