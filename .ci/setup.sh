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

if [ "${1:-}" = "--browser" ]; then
  chromium_bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$chromium_bin" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
      echo "setup: installing Chromium from Debian (apt-get install chromium)…"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
      echo "setup: the browser tests need Chromium at $chromium_bin." >&2
      echo "       Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
      exit 1
    fi
  fi
fi
