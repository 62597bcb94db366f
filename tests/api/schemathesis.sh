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
python3 -m schemathesis.cli --config-file tests/api/schemathesis.toml run "$SHIEN_BASE_URL/api/openapi.json" \
  --url "$SHIEN_BASE_URL" \
  --checks all \
  --max-examples "${ST_MAX_EXAMPLES:-30}" \
  --workers 1 \
  --seed 20261121 \
  --request-timeout 20 \
  --report junit --report-dir "$OUT" \
  --no-color
