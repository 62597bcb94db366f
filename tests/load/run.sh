#!/usr/bin/env bash
# Load test on loopback: search, recommend and chat, against the SQLite log and (when
# DATABASE_TEST_URL is set) the PostgreSQL log. Bounded: LOAD_SECONDS per endpoint (default
# 10), LOAD_CONNECTIONS concurrent connections (default 16), 2 wrk threads, LOAD_RUNS runs per
# backend (default 1). Fails when any run ends with entries refused by the database
# (rejected > 0, their error codes printed), pending in the spool, or accepted != written.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { SUDO=$([ "$(id -u)" = 0 ] || echo sudo); $SUDO apt-get install -y -qq wrk >/dev/null; }
SECONDS_EACH=${LOAD_SECONDS:-10}
CONNECTIONS=${LOAD_CONNECTIONS:-16}
run_all() {
  # search-new first: every query distinct, so each one is encoded (the query-vector cache never
  # hits); then search: its 40 queries repeat, so after the first round they come from the cache.
  load search-new search distinct
  load search search
  load recommend recommend
  load chat chat
  tests/load/check_log.py
}
load() {
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 10s -s tests/load/post.lua "$SHIEN_BASE_URL" -- "/api/v1/$2" "tests/load/$2.jsonl" ${3:-} | grep '^LOAD' | sed "s#^LOAD /  *#LOAD $(printf '%-10s' "$1") #"
}
export -f run_all load
export SECONDS_EACH CONNECTIONS
export SHIEN_SERVER_STATS=1
RUNS=${LOAD_RUNS:-1}
FAILED=0
SCHEMAS=()
trap 'for s in "${SCHEMAS[@]}"; do PGOPTIONS="-c client_min_messages=warning" psql -q "$DATABASE_TEST_URL" -c "DROP SCHEMA IF EXISTS $s CASCADE" >/dev/null; done' EXIT
for run in $(seq 1 "$RUNS"); do
  echo "== SQLite inquiry log (run $run of $RUNS) =="
  scripts/with-server.sh bash -c run_all || FAILED=1
  if [ -n "${DATABASE_TEST_URL:-}" ]; then
    SCHEMA=shien_load_$$_$run
    SCHEMAS+=("$SCHEMA")
    psql -q "$DATABASE_TEST_URL" -c "CREATE SCHEMA $SCHEMA" >/dev/null
    SEP='?'; [[ "$DATABASE_TEST_URL" == *\?* ]] && SEP='&'
    echo "== PostgreSQL inquiry log (run $run of $RUNS) =="
    SHIEN__DATABASE_URL="${DATABASE_TEST_URL}${SEP}options=-c%20search_path%3D${SCHEMA}" scripts/with-server.sh bash -c run_all || FAILED=1
  elif [ "$run" = 1 ]; then
    echo "SKIPPED: PostgreSQL load (set DATABASE_TEST_URL=postgres://postgres@127.0.0.1:5432/test)"
  fi
done
if [ "$FAILED" != 0 ]; then
  echo "make load: FAILED (see LOAD FAILED above)" >&2
  exit 1
fi
