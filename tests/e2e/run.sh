#!/usr/bin/env bash
# End-to-end browser tests for 支援ナビ: starts target/debug/shien on a free port with a
# throw-away SQLite database, creates a staff user, runs run.mjs in Debian's Chromium, and
# always stops the server; then replicas.sh runs the two-replica journey (replicas.mjs) on two
# servers sharing one database (PostgreSQL when DATABASE_TEST_URL is set, else one SQLite
# file). Exit status is non-zero when any journey fails.
#
#   bash tests/e2e/run.sh            (from anywhere; build first with `make build`)
#   bash tests/e2e/run.sh single     (only the one-server journeys, run.mjs)
#   bash tests/e2e/run.sh replicas   (only the two-replica journey, replicas.mjs)
#
# Environment: SHIEN_ADMIN_USER / SHIEN_ADMIN_PASSWORD (default e2e-staff / random),
# SHIEN_BIN (default target/debug/shien), SHIEN_LOG (server log level, default warn).
set -euo pipefail

WHICH="${1:-all}"
case "$WHICH" in all|single|replicas) ;; *) echo "usage: $0 [all|single|replicas]" >&2; exit 2 ;; esac

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

# 4. The server (scripts/with-server.sh: a free port and a throw-away SQLite database), a staff
# user, and the journeys.
mkdir -p "$ARTIFACTS"
unset DATABASE_URL SHIEN__DATABASE_URL
export SHIEN_BIN="$BIN" SHIEN_SERVER_LOG="$ARTIFACTS/server.log" E2E_DIR
export SHIEN_LOG="${SHIEN_LOG:-warn}"
export SHIEN_ADMIN_USER="${SHIEN_ADMIN_USER:-e2e-staff}"
export SHIEN_ADMIN_PASSWORD="${SHIEN_ADMIN_PASSWORD:-e2e-$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')}"
STATUS=0
if [ "$WHICH" != replicas ]; then
  log "starting $BIN serve (log $SHIEN_SERVER_LOG)"
  "$ROOT/scripts/with-server.sh" bash -c '"$SHIEN_BIN" admin create-user "$SHIEN_ADMIN_USER" >/dev/null && cd "$E2E_DIR" && node run.mjs' || STATUS=$?
fi

# 5. Two replicas on one database, an editor and a reviewer, and the journey of issue 18.
if [ "$WHICH" != single ]; then
  bash "$E2E_DIR/replicas.sh" || STATUS=$?
fi
exit $STATUS
