#!/usr/bin/env bash
# Makes a pulled export copy for the corruption suite: a real cairn server (SQLite, local disk) with two workspace
# tables, one full export in jsonl and csv encrypted to a key made by `cairn export keygen`, pulled with
# `cairn export pull` into DIR/copy (then the server stops). Usage: export-copy.sh DIR PORT; prints nothing on success.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
WORK=$1; PORT=$2; BASE="http://127.0.0.1:$PORT"
source "$ROOT/scripts/jdk.sh" >/dev/null
JAR="$ROOT/cairn-dist/target/cairn.jar"
cairn() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$JAR" "$@"; }
mkdir -p "$WORK"
CAIRN_ADMIN_PASSWORD=reliability-admin "$JAVA_HOME/bin/java" -Xmx256m --enable-native-access=ALL-UNNAMED \
  -jar "$JAR" server --data-dir "$WORK/server" --listen "127.0.0.1:$PORT" >"$WORK/server.out" 2>"$WORK/server.log" &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true; wait $SERVER_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do curl -sf "$BASE/readyz" >/dev/null && break; sleep 0.1; done
TOKEN=$(cairn server token add admin --scope full --name reliability --data-dir "$WORK/server")
api() { local method=$1 path=$2; shift 2; curl -sf -X "$method" -H "Authorization: Bearer $TOKEN" "$@" "$BASE$path"; }
cairn export keygen --output "$WORK/key.txt" >"$WORK/recipient.txt" 2>/dev/null
api POST /api/v1/workspace/export/recipients -H 'Content-Type: application/json' \
  -d "{\"name\":\"reliability\",\"recipient\":\"$(cat "$WORK/recipient.txt")\"}" >/dev/null
for t in orders customers; do
  api POST /api/v1/workspace/tables -H 'Content-Type: application/json' \
    -d "{\"name\":\"$t\",\"columns\":[{\"name\":\"name\",\"type\":\"text\"},{\"name\":\"qty\",\"type\":\"integer\"}]}" >/dev/null
  python3 -c 'import random, sys
r = random.Random(sys.argv[1]); print("name,qty")
for i in range(200): print(f"{sys.argv[1]} {i} {r.randrange(10**6)},{r.randrange(1, 99)}")' "$t" >"$WORK/$t.csv"
  api POST "/api/v1/workspace/tables/$t/import" -H 'Content-Type: text/csv' --data-binary "@$WORK/$t.csv" >/dev/null
done
id=$(api POST /api/v1/workspace/exports -H 'Content-Type: application/json' -d '{"formats":["jsonl","csv"]}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
for _ in $(seq 1 600); do
  status=$(api GET /api/v1/workspace/exports | python3 -c 'import json,sys
print([x for x in json.load(sys.stdin)["exports"] if x["id"] == int(sys.argv[1])][0]["status"])' "$id")
  case $status in queued|running) sleep 0.5 ;; *) break ;; esac
done
[ "$status" = done ] || { echo "export-copy.sh: export $id ended $status" >&2; exit 1; }
CAIRN_TOKEN=$TOKEN cairn export pull --server "$BASE" --identity "$WORK/key.txt" --to "$WORK/copy" >"$WORK/pull.out" 2>&1
