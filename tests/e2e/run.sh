#!/usr/bin/env bash
# End-to-end browser tests for 支援ナビ: starts target/debug/shien on a free port with a
# throw-away SQLite database, creates a staff user, runs run.mjs in Debian's Chromium, and
# always stops the server. Exit status is run.mjs's: non-zero when any journey fails.
#
#   bash tests/e2e/run.sh            (from anywhere; build first with `make build`)
#
# Environment: SHIEN_ADMIN_USER / SHIEN_ADMIN_PASSWORD (default e2e-staff / random),
# SHIEN_E2E_PORT (default: a free port), SHIEN_BIN (default target/debug/shien).
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$E2E_DIR/../.." && pwd)"
ARTIFACTS="$E2E_DIR/artifacts"
BIN="${SHIEN_BIN:-$ROOT/target/debug/shien}"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

log() { printf '[e2e] %s\n' "$*"; }

# 1. Debian's Chromium and a Japanese font (no Playwright browser download).
if [ ! -x /usr/bin/chromium ] || ! fc-list :lang=ja 2>/dev/null | grep -q .; then
  log "installing chromium, chromium-driver and fonts-noto-cjk with apt…"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
fi

# 2. Node packages, pinned by package-lock.json.
command -v node >/dev/null || { echo "node (>= 20) is required" >&2; exit 2; }
if [ ! -d "$E2E_DIR/node_modules/playwright-core" ] || [ ! -d "$E2E_DIR/node_modules/axe-core" ]; then
  log "npm ci…"
  (cd "$E2E_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --quiet --no-audit --no-fund >/dev/null)
fi

# 3. The server binary and its dictionary.
if [ ! -x "$BIN" ]; then
  echo "$BIN not found: build it first (make build, or cargo build)" >&2
  exit 2
fi
cd "$ROOT"
if [ ! -f models/ipadic/metadata.json ]; then
  log "building the dictionary (shien setup)…"
  "$BIN" setup
fi

# 4. A free port, a temporary database, a staff user.
PORT="${SHIEN_E2E_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/shien-e2e.XXXXXX")"
mkdir -p "$ARTIFACTS"
SERVER_LOG="$ARTIFACTS/server.log"
SERVER_PID=""
cleanup() {
  local status=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

unset DATABASE_URL
export SHIEN__BIND="127.0.0.1:$PORT"
export SHIEN__DATABASE_URL="sqlite://$TMP/e2e.sqlite"
export SHIEN__RATE_LIMIT_PER_MINUTE=100000
export SHIEN_LOG="${SHIEN_LOG:-warn}"
export SHIEN_ADMIN_USER="${SHIEN_ADMIN_USER:-e2e-staff}"
export SHIEN_ADMIN_PASSWORD="${SHIEN_ADMIN_PASSWORD:-e2e-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')}"
export SHIEN_BASE_URL="http://127.0.0.1:$PORT"

log "starting $BIN serve on $SHIEN_BASE_URL (database $SHIEN__DATABASE_URL, log $SERVER_LOG)"
"$BIN" serve >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

for i in $(seq 1 300); do
  if curl -fsS -o /dev/null "$SHIEN_BASE_URL/healthz" 2>/dev/null; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "the server exited during start-up:" >&2
    tail -n 30 "$SERVER_LOG" >&2
    exit 2
  fi
  [ "$i" = 300 ] && { echo "the server did not answer /healthz within 60 s" >&2; tail -n 30 "$SERVER_LOG" >&2; exit 2; }
  sleep 0.2
done
log "server is up (pid $SERVER_PID)"

"$BIN" admin create-user "$SHIEN_ADMIN_USER" >/dev/null

# 5. The journeys.
cd "$E2E_DIR"
node run.mjs
