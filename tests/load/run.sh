#!/usr/bin/env bash
# Load test on loopback: search, recommend and chat, against the SQLite log and (when
# DATABASE_TEST_URL is set) the PostgreSQL log. Bounded: LOAD_SECONDS per endpoint (default
# 10), LOAD_CONNECTIONS concurrent connections (default 16), 2 wrk threads.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { SUDO=$([ "$(id -u)" = 0 ] || echo sudo); $SUDO apt-get install -y -qq wrk >/dev/null; }
SECONDS_EACH=${LOAD_SECONDS:-10}
CONNECTIONS=${LOAD_CONNECTIONS:-16}
run_all() {
  for ep in search recommend chat; do
    wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 10s -s tests/load/post.lua "$SHIEN_BASE_URL" -- "/api/v1/$ep" "tests/load/$ep.jsonl" | grep '^LOAD' | sed "s#^LOAD /  *#LOAD $(printf '%-10s' "$ep") #"
  done
  curl -s "$SHIEN_BASE_URL/healthz" | python3 -c 'import json,sys; h=json.load(sys.stdin); print("inquiry log after the run:", json.dumps(h["inquiry_log"]))'
}
export -f run_all
export SECONDS_EACH CONNECTIONS
echo "== SQLite inquiry log =="
scripts/with-server.sh bash -c run_all
if [ -n "${DATABASE_TEST_URL:-}" ]; then
  SCHEMA=shien_load_$$
  psql -q "$DATABASE_TEST_URL" -c "CREATE SCHEMA $SCHEMA" >/dev/null
  trap 'psql -q "$DATABASE_TEST_URL" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null' EXIT
  SEP='?'; [[ "$DATABASE_TEST_URL" == *\?* ]] && SEP='&'
  echo "== PostgreSQL inquiry log =="
  SHIEN__DATABASE_URL="${DATABASE_TEST_URL}${SEP}options=-c%20search_path%3D${SCHEMA}" scripts/with-server.sh bash -c run_all
else
  echo "SKIPPED: PostgreSQL load (set DATABASE_TEST_URL=postgres://postgres@127.0.0.1:5432/test)"
fi
