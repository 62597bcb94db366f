#!/usr/bin/env bash
# Two replicas on one database for the browser journey replicas.mjs (issue 18): starts two
# `shien serve` processes on free loopback ports sharing one database — a PostgreSQL database
# made for this run when DATABASE_TEST_URL is set (dropped at the end), else one SQLite file —
# creates an editor and a reviewer account, runs replicas.mjs, and always stops both servers.
# Exit status is replicas.mjs's. run.sh calls it after preparing Chromium and the node
# packages; run it through `bash tests/e2e/run.sh replicas`.
#
# Environment: SHIEN_BIN (default target/debug/shien), SHIEN_LOG (default warn),
# DATABASE_TEST_URL (e.g. postgres://postgres@127.0.0.1:5432/test; needs psql).
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$E2E_DIR/../.." && pwd)"
ARTIFACTS="$E2E_DIR/artifacts/replicas"
BIN="${SHIEN_BIN:-$ROOT/target/debug/shien}"
[ -x "$BIN" ] || { echo "$BIN not found: build it first (make build, or cargo build)" >&2; exit 2; }
cd "$ROOT"
mkdir -p "$ARTIFACTS"

log() { printf '[e2e replicas] %s\n' "$*"; }

WORK=$(mktemp -d)
PIDS=()
DROP_DB=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$DROP_DB" ]; then
    psql "$DATABASE_TEST_URL" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $DROP_DB WITH (FORCE)" >/dev/null \
      || log "could not drop the database $DROP_DB"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# 1. The shared database.
unset DATABASE_URL
if [ -n "${DATABASE_TEST_URL:-}" ]; then
  command -v psql >/dev/null || { echo "DATABASE_TEST_URL is set but psql is missing (apt-get install postgresql-client)" >&2; exit 2; }
  DB="shien_e2e_$(date +%s)_$$"
  psql "$DATABASE_TEST_URL" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $DB" >/dev/null
  DROP_DB=$DB
  # The test URL with its database name replaced (any ?options kept).
  BASE_URL=${DATABASE_TEST_URL%%\?*}
  QUERY=""
  [ "$BASE_URL" = "$DATABASE_TEST_URL" ] || QUERY="?${DATABASE_TEST_URL#*\?}"
  export SHIEN__DATABASE_URL="${BASE_URL%/*}/$DB$QUERY"
  log "PostgreSQL: database $DB (dropped at the end)"
else
  export SHIEN__DATABASE_URL="sqlite://$WORK/shared.sqlite"
  log "SQLite: one file shared by both replicas ($WORK/shared.sqlite; set DATABASE_TEST_URL for PostgreSQL)"
fi
export SHIEN__RATE_LIMIT_PER_MINUTE=${SHIEN__RATE_LIMIT_PER_MINUTE:-1000000}
export SHIEN_LOG=${SHIEN_LOG:-warn}

# 2. Two replicas, started together as a deploy would.
for name in a b; do
  "$BIN" serve --bind 127.0.0.1:0 >"$WORK/$name.stdout" 2>"$ARTIFACTS/server-$name.log" &
  PIDS+=($!)
done
started=$(date +%s)
declare -A URLS
for _ in $(seq 1 1200); do
  for i in 0 1; do
    name=$([ $i = 0 ] && echo a || echo b)
    [ -n "${URLS[$name]:-}" ] && continue
    URL=$(grep -o 'https\?://[^ ]*' "$WORK/$name.stdout" 2>/dev/null | head -1 | sed 's#/$##') || true
    if [ -n "${URL:-}" ]; then URLS[$name]=$URL; continue; fi
    kill -0 "${PIDS[$i]}" 2>/dev/null || { echo "error: replica $name did not start:" >&2; tail -n 30 "$ARTIFACTS/server-$name.log" >&2; exit 2; }
  done
  [ -n "${URLS[a]:-}" ] && [ -n "${URLS[b]:-}" ] && break
  sleep 0.1
done
[ -n "${URLS[a]:-}" ] && [ -n "${URLS[b]:-}" ] || { echo "error: the replicas did not print their URLs within 120 s" >&2; exit 2; }
log "replica A ${URLS[a]}, replica B ${URLS[b]} (both up after $(( $(date +%s) - started )) s; logs in $ARTIFACTS/server-{a,b}.log)"

# 3. The staff: an editor and a reviewer (passwords read from SHIEN_ADMIN_PASSWORD).
password() { printf 'e2e-%s' "$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"; }
export SHIEN_EDITOR_USER=e2e-editor SHIEN_EDITOR_PASSWORD="$(password)"
export SHIEN_REVIEWER_USER=e2e-reviewer SHIEN_REVIEWER_PASSWORD="$(password)"
SHIEN_ADMIN_PASSWORD="$SHIEN_EDITOR_PASSWORD" "$BIN" admin create-user "$SHIEN_EDITOR_USER" --role editor >/dev/null
SHIEN_ADMIN_PASSWORD="$SHIEN_REVIEWER_PASSWORD" "$BIN" admin create-user "$SHIEN_REVIEWER_USER" --role reviewer >/dev/null

# 4. The journey.
export SHIEN_REPLICA_A="${URLS[a]}" SHIEN_REPLICA_B="${URLS[b]}"
set +e
(cd "$E2E_DIR" && node replicas.mjs)
STATUS=$?
exit $STATUS
