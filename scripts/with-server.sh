#!/usr/bin/env bash
# Runs a command against a freshly started `shien serve` on a free loopback port.
#   scripts/with-server.sh CMD [ARGS...]
# The command sees SHIEN_BASE_URL (e.g. http://127.0.0.1:40123) and SHIEN__DATABASE_URL. The
# server logs inquiries to a temporary SQLite file unless SHIEN__DATABASE_URL is set, writes
# its own log to SHIEN_SERVER_LOG (default: a temporary file), and is stopped when CMD ends;
# the script exits with CMD's status. With SHIEN_SERVER_STATS=1 it also prints how long the
# server took to start serving and, when CMD ends, its peak resident memory (VmHWM).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${SHIEN_BIN:-target/debug/shien}
[ -x "$BIN" ] || { echo "error: $BIN not built (run make build)" >&2; exit 2; }
WORK=$(mktemp -d)
export SHIEN__DATABASE_URL=${SHIEN__DATABASE_URL:-sqlite://$WORK/log.sqlite}
export SHIEN__RATE_LIMIT_PER_MINUTE=${SHIEN__RATE_LIMIT_PER_MINUTE:-1000000}
export SHIEN_LOG=${SHIEN_LOG:-warn}
SERVER_LOG=${SHIEN_SERVER_LOG:-$WORK/server.log}
STARTED=$(date +%s.%N)
"$BIN" serve --bind 127.0.0.1:0 >"$WORK/stdout" 2>"$SERVER_LOG" &
PID=$!
cleanup() {
  if [ "${SHIEN_SERVER_STATS:-}" = 1 ] && [ -r "/proc/$PID/status" ]; then
    awk '/^VmHWM/ { printf "SERVER peak_rss_mib=%.1f\n", $2 / 1024 }' "/proc/$PID/status"
  fi
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 600); do
  URL=$(grep -o 'https\?://[^ ]*' "$WORK/stdout" 2>/dev/null | head -1 | sed 's#/$##') || true
  [ -n "${URL:-}" ] && break
  kill -0 "$PID" 2>/dev/null || { echo "error: the server did not start:" >&2; tail -n 30 "$SERVER_LOG" >&2; exit 2; }
  sleep 0.1
done
[ -n "${URL:-}" ] || { echo "error: the server did not print its URL within 60 s" >&2; exit 2; }
export SHIEN_BASE_URL=$URL
if [ "${SHIEN_SERVER_STATS:-}" = 1 ]; then
  awk -v a="$STARTED" -v b="$(date +%s.%N)" 'BEGIN { printf "SERVER serving_after_s=%.2f\n", b - a }'
fi
set +e
"$@"
STATUS=$?
exit $STATUS
