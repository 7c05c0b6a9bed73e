#!/usr/bin/env bash
# Onsite export benchmark (issue 15): a real cairn server (java -Xmx256m, SQLite, local store) with a workspace table of
# BENCH_ROWS rows (imported as CSV: text, integer, date and status text columns), one recipient made by
# `cairn export keygen`; then one export per format, each timed by the server (started → finished, from the export
# list), its encrypted bundle size, the server's peak RSS (VmHWM) over all of them, and the time of one
# `cairn export pull` that downloads, checks (signature, every SHA-256), decrypts and unpacks all six.
# Before the rows, a table of BENCH_FILES records with one attached file each (random bytes, BENCH_FILE_KIB KiB), uploaded
# through the API, is exported alone (CSV) and timed: what the attachments cost a bundle. Attached files are in every
# bundle whatever its formats, so the per-format rows include them too.
# Then (issue 16) `cairn export restore` of each format's copy into a fresh server (also -Xmx256m), and a dry-run restore
# of the JSON Lines copy against the first server after 1 % of its rows changed. Last (escrow), one JSON Lines export
# with the software, and the time from `cairn server --offline --from-copy .` started in that copy to its first table page.
#
# Usage: bench/export.sh [--help]
# Environment:
#   BENCH_ROWS=1000000   rows of the table (100000 for a quick check)
#   BENCH_WORK=/tmp/cairn-export-bench   working directory (deleted first)
#   BENCH_PORT=18490
#   BENCH_FILES=1000   attached files (one per record of table `documents`)
#   BENCH_FILE_KIB=64  size of each
# stdout: one Markdown table, a row per measure with PASS or FAIL for its target, also written to bench/results/export.md
# (bench/lib.sh); exit 1 if a target is missed. Targets: each format <= 30 s; every export done with the heap capped at
# 256 MiB; the pulled copy verifies; each restore <= 60 s with the heap capped at 256 MiB; the dry-run diff <= 10 s.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;; esac
ROWS=${BENCH_ROWS:-1000000}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/cairn-export-bench}
PORT=${BENCH_PORT:-18490}
FILES=${BENCH_FILES:-1000}
FILE_KIB=${BENCH_FILE_KIB:-64}
BASE="http://127.0.0.1:$PORT"
log() { echo "[export] $*" >&2; }
source "$ROOT/scripts/jdk.sh" >/dev/null
source "$ROOT/bench/lib.sh"
JAR="$ROOT/cairn-dist/target/cairn.jar"
"$ROOT/cairn" --help >/dev/null 2>&1 || true   # builds the jar when sources changed
[ -f "$JAR" ] || { log "no $JAR; run ./cairn --help once"; exit 1; }
cairn() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$JAR" "$@"; }

rm -rf "$WORK"; mkdir -p "$WORK"
SERVER_PID=
stop_server() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi; SERVER_PID=; }
trap stop_server EXIT
CAIRN_ADMIN_PASSWORD=bench-admin-password "$JAVA_HOME/bin/java" -Xmx256m --enable-native-access=ALL-UNNAMED \
  -jar "$JAR" server --data-dir "$WORK/server" --listen "127.0.0.1:$PORT" >"$WORK/server.out" 2>"$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 1 400); do curl -sf "$BASE/readyz" >/dev/null && break; sleep 0.05; done
TOKEN=$(cairn server token add admin --scope full --name bench --data-dir "$WORK/server")
api() { local method=$1 path=$2; shift 2; curl -sf -X "$method" -H "Authorization: Bearer $TOKEN" "$@" "$BASE$path"; }

cairn export keygen --output "$WORK/key.txt" >"$WORK/recipient.txt" 2>/dev/null
api POST /api/v1/workspace/export/recipients -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench\",\"recipient\":\"$(cat "$WORK/recipient.txt")\"}" >/dev/null

# Exports one format (the attached files come with it) and waits: prints "done SECONDS BYTES" or "failed ERROR".
export_one() {
  local id line
  id=$(api POST /api/v1/workspace/exports -H 'Content-Type: application/json' -d "{\"formats\":[\"$1\"]}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  while :; do
    line=$(api GET /api/v1/workspace/exports | python3 -c '
import json, sys, datetime
e = [x for x in json.load(sys.stdin)["exports"] if x["id"] == int(sys.argv[1])][0]
t = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
if e["status"] in ("queued", "running"): print("wait")
elif e["status"] == "failed": print("failed", e["error"])
else: print("done", (t(e["finishedAt"]) - t(e["startedAt"])).total_seconds(), e["bytes"])' "$id")
    [ "$line" != wait ] && break
    sleep 0.5
  done
  echo "$line"
}

log "uploading $FILES files of $FILE_KIB KiB"
api POST /api/v1/workspace/tables -H 'Content-Type: application/json' -d '{"name":"documents","columns":[
  {"name":"title","type":"text"},{"name":"file","type":"attachment"}]}' >/dev/null
python3 - "$BASE" "$TOKEN" "$FILES" "$FILE_KIB" <<'PY'
import http.client, json, random, sys, urllib.parse
base, token, files, kib = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
host = urllib.parse.urlparse(base)
c = http.client.HTTPConnection(host.hostname, host.port)
r = random.Random(15)
auth = {"Authorization": "Bearer " + token}
def call(method, path, body, ctype):
    c.request(method, path, body=body, headers={**auth, "Content-Type": ctype})
    resp = c.getresponse(); data = resp.read()
    if resp.status != 201: sys.exit(f"{method} {path}: {resp.status} {data[:300]!r}")
    return json.loads(data)
for i in range(files):
    up = call("POST", f"/api/v1/workspace/attachments?name=scan-{i:04d}.pdf", b"%PDF-1.7\n" + r.randbytes(kib * 1024 - 9),
              "application/pdf")
    call("POST", "/api/v1/workspace/tables/documents/records", json.dumps({"title": f"Document {i}", "file": {"id": up["id"]}}),
         "application/json")
PY

log "exporting the $FILES attached files alone"
ATTACH_LINE=$(export_one csv)

log "importing $ROWS rows"
api POST /api/v1/workspace/tables -H 'Content-Type: application/json' -d '{"name":"orders","columns":[
  {"name":"customer","type":"text"},{"name":"item","type":"text"},{"name":"qty","type":"integer"},
  {"name":"ordered","type":"date"},{"name":"status","type":"text"}]}' >/dev/null
python3 - "$ROWS" >"$WORK/orders.csv" <<'PY'
import random, sys
r = random.Random(42)
out = sys.stdout
out.write("customer,item,qty,ordered,status\n")
for i in range(int(sys.argv[1])):
    out.write(f"Customer {r.randrange(5000)},Item “{r.randrange(900)}”,{r.randrange(1, 50)},"
              f"2026-{r.randrange(1, 13):02d}-{r.randrange(1, 29):02d},{r.choice(('open', 'paid', 'sent', 'void'))}\n")
PY
api POST /api/v1/workspace/tables/orders/import -H 'Content-Type: text/csv' --data-binary "@$WORK/orders.csv" >/dev/null

report="$ROOT/bench/work/export.md"
mkdir -p "$ROOT/bench/work"
{
echo "| measure | format | rows | seconds | encrypted MiB | target | verdict |"
echo "|---|---|---|---|---|---|---|"
set -- $ATTACH_LINE
if [ "$1" = done ]; then
  echo "| export time, attachments alone | csv + $FILES files of $FILE_KIB KiB | $FILES | $2 | $(echo "scale=1; $3 / 1048576" | bc) | <= 30 s | $(echo "$2 <= 30" | bc -l | sed 's/1/PASS/;s/0/FAIL/') |"
else
  echo "| export time, attachments alone | csv + $FILES files | $FILES | - | - | <= 30 s | FAIL (${*:2}) |"
fi
for f in csv jsonl xml sql sqlite xlsx; do
  log "exporting $f"
  line=$(export_one "$f")
  set -- $line
  if [ "$1" = done ]; then
    mib=$(echo "scale=1; $3 / 1048576" | bc)
    verdict=$(echo "$2 <= 30" | bc -l | sed 's/1/PASS/;s/0/FAIL/')
    echo "| export time | $f | $ROWS | $2 | $mib | <= 30 s | $verdict |"
  else
    echo "| export time | $f | $ROWS | - | - | <= 30 s | FAIL (${*:2}) |"
  fi
done
RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
echo "| server peak RSS (heap capped at 256 MiB) | all | $ROWS | - | $((RSS_KB / 1024)) MiB RSS | exports done within -Xmx256m | $(grep -q OutOfMemoryError "$WORK/server.log" && echo FAIL || echo PASS) |"
log "pulling all six"
start=$(date +%s.%N)
pull_ok=PASS
CAIRN_TOKEN=$TOKEN cairn export pull --server "$BASE" --identity "$WORK/key.txt" --to "$WORK/copy" >"$WORK/pull.out" 2>&1 || pull_ok=FAIL
cairn export verify "$WORK/copy" >>"$WORK/pull.out" 2>&1 || pull_ok=FAIL
end=$(date +%s.%N)
echo "| pull + verify + decrypt | all six | $ROWS | $(printf %.1f "$(echo "$end - $start" | bc)") | $(du -sm "$WORK/copy" | cut -f1) MiB unpacked | the copy verifies | $pull_ok |"

# Restore (issue 16): each format's copy into a fresh server (-Xmx256m) and its admin's new workspace, every row an
# insert with its id; then the dry-run diff of the jsonl copy against this server's workspace with 1 % of rows changed.
SIGNING_KEY=$(curl -sf "$BASE/api/v1/export/signing-key" | python3 -c 'import json,sys; print(json.load(sys.stdin)["publicKey"])')
FPORT=$((PORT + 1)); FBASE="http://127.0.0.1:$FPORT"
for f in csv jsonl xml sql sqlite xlsx; do
  # the first copy with this format that holds the orders table (the attachments-alone export came before it)
  copydir=$(dirname "$(grep -l "\"$f/" $(grep -l '"name" *: *"orders"' "$WORK"/copy/*/manifest.json) | head -n 1)")
  log "restoring the $f copy into a fresh server"
  CAIRN_ADMIN_PASSWORD=bench-admin-password "$JAVA_HOME/bin/java" -Xmx256m --enable-native-access=ALL-UNNAMED \
    -jar "$JAR" server --data-dir "$WORK/fresh" --listen "127.0.0.1:$FPORT" >"$WORK/fresh.out" 2>"$WORK/fresh-$f.log" &
  FRESH_PID=$!
  for _ in $(seq 1 400); do curl -sf "$FBASE/readyz" >/dev/null && break; sleep 0.05; done
  FTOKEN=$(cairn server token add admin --scope full --name bench --data-dir "$WORK/fresh")
  start=$(date +%s.%N)
  ok=PASS
  CAIRN_TOKEN=$FTOKEN cairn export restore "$copydir" --server "$FBASE" --format "$f" --other-workspace \
    --signing-key "$SIGNING_KEY" >"$WORK/restore-$f.out" 2>&1 || ok="FAIL ($(tail -n 1 "$WORK/restore-$f.out"))"
  end=$(date +%s.%N)
  secs=$(printf %.1f "$(echo "$end - $start" | bc)")
  rss=$(( $(awk '/VmHWM/ {print $2}' "/proc/$FRESH_PID/status") / 1024 ))
  grep -q OutOfMemoryError "$WORK/fresh-$f.log" && ok="FAIL (out of memory)"
  grep -q "table orders (added): $ROWS added" "$WORK/restore-$f.out" || ok="FAIL (not $ROWS rows added)"
  [ "$ok" = PASS ] && ok=$(echo "$secs <= 60" | bc -l | sed 's/1/PASS/;s/0/FAIL/')
  echo "| restore into a fresh server | $f | $ROWS | $secs | server peak RSS $rss MiB | <= 60 s, heap 256 MiB | $ok |"
  kill "$FRESH_PID"; wait "$FRESH_PID" 2>/dev/null || true
  rm -rf "$WORK/fresh"
done
log "changing 1 % of the rows, then a dry-run restore"
python3 - "$WORK/server/cairn.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=60)
table = db.execute("SELECT id FROM ws_tables WHERE name = 'orders' AND deleted_at IS NULL").fetchone()[0]
column = db.execute("SELECT id FROM ws_columns WHERE table_id = ? AND type = 'text' ORDER BY position LIMIT 1",
                    (table,)).fetchone()[0]
db.execute(f"UPDATE r_{table} SET c_{column} = c_{column} || ' (changed)' WHERE id % 100 = 0")
db.commit()
PY
jsonl=$(dirname "$(grep -l '"jsonl/' "$WORK"/copy/*/manifest.json | head -n 1)")
start=$(date +%s.%N)
ok=PASS
CAIRN_TOKEN=$TOKEN cairn export restore "$jsonl" --server "$BASE" --format jsonl --dry-run >"$WORK/dry-run.out" 2>&1 \
  || ok="FAIL ($(tail -n 1 "$WORK/dry-run.out"))"
end=$(date +%s.%N)
secs=$(printf %.1f "$(echo "$end - $start" | bc)")
grep -q "table orders (same): 0 added, $((ROWS / 100)) changed" "$WORK/dry-run.out" || ok="FAIL (not $((ROWS / 100)) changed)"
[ "$ok" = PASS ] && ok=$(echo "$secs <= 10" | bc -l | sed 's/1/PASS/;s/0/FAIL/')
echo "| dry-run diff, 1 % of rows changed | jsonl | $ROWS | $secs | - | <= 10 s | $ok |"

# Escrow (issue 16): one more export, with the software, pulled; in an empty directory holding only that copy, what
# its ESCROW.md says: `java -Xmx256m -jar software/cairn.jar server --offline --from-copy .`, timed from the start to
# the first table page served to the admin signed in with the password it printed. The attachments table is deleted
# first: an offline start cannot restore attached files yet (CopyCells).
api DELETE /api/v1/workspace/tables/documents >/dev/null
log "exporting jsonl with the software"
id=$(api POST /api/v1/workspace/exports -H 'Content-Type: application/json' \
  -d '{"formats":["jsonl"],"withSoftware":true}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
while api GET /api/v1/workspace/exports | python3 -c '
import json, sys
e = [x for x in json.load(sys.stdin)["exports"] if x["id"] == int(sys.argv[1])][0]
sys.exit(0 if e["status"] in ("queued", "running") else 1)' "$id"; do sleep 0.5; done
CAIRN_TOKEN=$TOKEN cairn export pull --server "$BASE" --identity "$WORK/key.txt" --to "$WORK/copy" >"$WORK/pull-escrow.out" 2>&1
ESC="$WORK/escrow"; mkdir -p "$ESC"
cp -r "$WORK"/copy/*-export-"$id"/. "$ESC/"
OPORT=$((PORT + 2)); OBASE="http://127.0.0.1:$OPORT"
log "starting offline from the copy"
start=$(date +%s.%N)
(cd "$ESC" && exec "$JAVA_HOME/bin/java" -Xmx256m -jar software/cairn.jar server --offline --from-copy . \
  --listen "127.0.0.1:$OPORT" >"$WORK/offline.out" 2>"$WORK/offline.log") &
OFFLINE_PID=$!
for _ in $(seq 1 6000); do curl -sf "$OBASE/readyz" >/dev/null && break; kill -0 "$OFFLINE_PID" 2>/dev/null || break; sleep 0.05; done
pw=$(sed -n "s/^cairn: created the admin account 'admin' with password: //p" "$WORK/offline.out")
jar="$WORK/offline.cookies"
csrf=$(curl -sf -c "$jar" -b "$jar" "$OBASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -c "$jar" -b "$jar" -o /dev/null -d "_csrf=$csrf&next=%2F&name=admin" --data-urlencode "password=$pw" "$OBASE/login"
code=$(curl -s -b "$jar" -o "$WORK/offline-page.html" -w '%{http_code}' "$OBASE/web/workspace/admin/tables/orders")
end=$(date +%s.%N)
secs=$(printf %.1f "$(echo "$end - $start" | bc)")
rss=$(( $(awk '/VmHWM/ {print $2}' "/proc/$OFFLINE_PID/status" 2>/dev/null || echo 0) / 1024 ))
ok=PASS
grep -q "records (read from" "$WORK/offline.out" || ok="FAIL (not restored: $(tail -n 1 "$WORK/offline.out"))"
[ "$code" = 200 ] && grep -q "Customer " "$WORK/offline-page.html" || ok="FAIL (table page: HTTP $code)"
echo "| offline start from the copy to the first table page | jsonl + software | $ROWS | $secs | server peak RSS $rss MiB | none (issue 16 names no target) | $ok |"
kill "$OFFLINE_PID" 2>/dev/null; wait "$OFFLINE_PID" 2>/dev/null || true
} | tee "$report"
stop_server
bench_result export "$report" "BENCH_ROWS=$ROWS bench/export.sh"
