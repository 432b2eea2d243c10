#!/usr/bin/env bash
# Installs what `npm start` / `npm test` need on a fresh machine. Safe to run again: it only
# does what is missing. With --browser it also makes sure a Chromium is there for browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# Dependencies: install when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing dependencies (npm ci)…"
  npm ci --no-audit --no-fund
fi

# With --browser (what `npm test` passes): Chromium for the browser tests and redis-server for
# the Redis storage test, from Debian's packages when running as root.
if [ "${1:-}" = "--browser" ]; then
  chromium_bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
  redis_bin="${REDIS_SERVER_PATH:-/usr/bin/redis-server}"
  missing=()
  [ -x "$chromium_bin" ] || missing+=(chromium)
  [ -x "$redis_bin" ] || missing+=(redis-server)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
      echo "setup: installing ${missing[*]} from Debian (apt-get install)…"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
      # Debian starts a system redis on 6379; the tests start their own on a free port.
    else
      echo "setup: the tests need: ${missing[*]} (at $chromium_bin / $redis_bin)." >&2
      echo "       Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]})," >&2
      echo "       or set CHROMIUM_PATH / REDIS_SERVER_PATH to where they are." >&2
      exit 1
    fi
  fi
fi
