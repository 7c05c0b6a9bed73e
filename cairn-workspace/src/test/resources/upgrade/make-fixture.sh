#!/usr/bin/env bash
# Makes the upgrade fixtures of UpgradeTest: a server data directory (SQLite) and a PostgreSQL dump with its store,
# written by the code of the commit this is run at, through the HTTP API as a user would. Run once, at the last commit
# before a change of the database layout, from the repository root; the fixtures are then committed and never remade:
#   cairn-workspace/src/test/resources/upgrade/make-fixture.sh [postgresql://user:pass@host:port/db]
# The fixtures in git were made at commit d5b4985 (2026-12-06), the last before the records workspace left cairn-server,
# with PostgreSQL 15 (Debian's postgresql-15) for the dump; UpgradeTest restores it into PostgreSQL 18.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel)"
pg="${1:-}"
port=18181
admin_password='upgrade-admin-password'
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

populate() { # $1: data dir, $2: extra server options; writes $1/facts.properties
  local data="$1"; shift
  CAIRN_ADMIN_PASSWORD="$admin_password" CAIRN_NO_AOT=1 "$root/cairn" server --data-dir "$data" \
      --listen 127.0.0.1:$port "$@" > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 1; done
  local B=http://127.0.0.1:$port
  json() { curl -sf -H 'Content-Type: application/json' "$@"; }
  json -d '{"name":"ann","email":"ann@example.com","password":"ann-password-1"}' $B/api/v1/signup >/dev/null
  json -d '{"name":"bob","email":"bob@example.com","password":"bob-password-1"}' $B/api/v1/signup >/dev/null
  local ann bob
  ann=$(json -u ann:ann-password-1 -d '{"name":"laptop","scope":"full"}' $B/api/v1/account/tokens | sed 's/.*"token":"\([^"]*\)".*/\1/')
  bob=$(json -u bob:bob-password-1 -d '{"name":"phone","scope":"full"}' $B/api/v1/account/tokens | sed 's/.*"token":"\([^"]*\)".*/\1/')
  local A="Authorization: Bearer $ann" W=$B/api/v1/workspace
  printf 'an encrypted pack, as far as the server knows' > "$work/object"
  local id; id=$(sha256sum "$work/object" | cut -c1-64)
  curl -sf -X PUT -H "$A" --data-binary @"$work/object" "$B/api/v1/repos/laptop/objects/data/$id" >/dev/null
  json -H "$A" -X POST $W/templates/orders-and-billing >/dev/null
  local acme beta order
  acme=$(json -H "$A" -d '{"name":"Acme","email":"ap@acme.test"}' $W/tables/customers/records | sed 's/^{"id":\([0-9]*\).*/\1/')
  beta=$(json -H "$A" -d '{"name":"Beta","email":"beta@beta.test"}' $W/tables/customers/records | sed 's/^{"id":\([0-9]*\).*/\1/')
  json -H "$A" -H 'If-Match: "1"' -X PATCH -d '{"name":"Acme Ltd"}' $W/tables/customers/records/$acme >/dev/null
  curl -sf -H "$A" -H 'If-Match: "1"' -X DELETE $W/tables/customers/records/$beta >/dev/null
  local report share
  report=$(json -H "$A" -d '{"name":"Customers","table":"customers","columns":["name","email"]}' $W/reports | sed 's/^{"id":\([0-9]*\).*/\1/')
  share=$(json -H "$A" -d "{\"report\":$report}" $W/shares | sed 's/.*"token":"\([^"]*\)".*/\1/')
  local code; code=$(json -H "$A" -d '{"email":"bob@example.com","role":"editor"}' $W/invites | sed 's/.*"code":"\([^"]*\)".*/\1/')
  json -H "Authorization: Bearer $bob" -d "{\"code\":\"$code\"}" $W/invites/accept >/dev/null
  kill $server; wait $server || true
  cat > "$data.facts.properties" <<FACTS
# written by make-fixture.sh at $(git -C "$root" rev-parse --short HEAD) on $(date -u +%FT%TZ)
adminPassword=$admin_password
annToken=$ann
bobToken=$bob
objectId=$id
acme=$acme
beta=$beta
report=$report
shareToken=$share
FACTS
}

rm -rf "$here/sqlite" "$here/sqlite.facts.properties"
populate "$here/sqlite"
rm -rf "$here/sqlite/spool" "$here/sqlite/cairn.db-wal" "$here/sqlite/cairn.db-shm"
echo "made $here/sqlite"
if [ -n "$pg" ]; then
  rm -rf "$here/postgres" "$here/postgres.facts.properties" "$here/postgres.sql"
  populate "$here/postgres" --db "$pg"
  pg_dump --no-owner --no-privileges --inserts "$pg" > "$here/postgres.sql"
  rm -rf "$here/postgres/spool"
  echo "made $here/postgres.sql and $here/postgres"
fi
