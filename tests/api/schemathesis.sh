#!/usr/bin/env bash
# Property-based API test: schemathesis generates requests from /api/openapi.json and checks
# every response (no 5xx, status codes, content types and bodies as documented).
# Run through scripts/with-server.sh, which sets SHIEN_BASE_URL.
set -euo pipefail
ST_VERSION=4.32.5
if ! python3 -m schemathesis.cli --version 2>/dev/null | grep -q "$ST_VERSION"; then
  python3 -m pip install --quiet --disable-pip-version-check "schemathesis==$ST_VERSION"
fi
# One worker: with several, hypothesis parses lambda sources in threads and CPython 3.11 can
# fail with "AST constructor recursion depth mismatch".
OUT=target/schemathesis
mkdir -p "$OUT"
run() {
  python3 -m schemathesis.cli --config-file tests/api/schemathesis.toml run "$SHIEN_BASE_URL/api/openapi.json" \
    --url "$SHIEN_BASE_URL" \
    --checks all \
    --max-examples "${ST_MAX_EXAMPLES:-30}" \
    --workers 1 \
    --seed 20261121 \
    --request-timeout 20 \
    --no-color "$@"
}

echo "== every operation, without a staff session"
run --report junit --report-dir "$OUT/public"

# Then the staff console logged in: a real user, a real session cookie (logout left out, as
# it would end the session mid-run). The cookie travels as a fixed header, so schemathesis's
# "cookie missing" cases cannot be made here; the first run covers refusals.
BIN=${SHIEN_BIN:-target/debug/shien}
PASSWORD="st-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
SHIEN_ADMIN_PASSWORD="$PASSWORD" "$BIN" admin create-user st-staff >/dev/null
JAR=$(mktemp)
trap 'rm -f "$JAR"' EXIT
CSRF=$(curl -s -c "$JAR" "$SHIEN_BASE_URL/admin/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "username=st-staff" --data-urlencode "password=$PASSWORD" --data-urlencode "csrf=$CSRF" "$SHIEN_BASE_URL/admin/login"
SESSION=$(awk '$6 == "shien_staff" { print $7 }' "$JAR")
[ -n "$SESSION" ] || { echo "error: could not log in as the schemathesis staff user" >&2; exit 1; }
echo "== the staff console, logged in"
run --include-path-regex '^/admin' --exclude-path /admin/logout --exclude-checks negative_data_rejection -H "Cookie: shien_staff=$SESSION" --report junit --report-dir "$OUT/staff"
