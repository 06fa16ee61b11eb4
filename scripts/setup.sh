#!/usr/bin/env bash
# Installs what Flowbridge needs on a machine that has only Node.js and npm.
#   scripts/setup.sh            JavaScript dependencies (pnpm, pinned, through npx)
#   scripts/setup.sh --browser  also Debian's chromium for the end-to-end tests
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1

PNPM=(npx -y pnpm@12.4.2)
if [ "${CI:-}" = "true" ]; then
  "${PNPM[@]}" install --frozen-lockfile --reporter=append-only
else
  # --frozen-lockfile keeps a fresh clone on the committed versions; fall back only when the
  # developer has changed a package.json on purpose.
  "${PNPM[@]}" install --frozen-lockfile --reporter=append-only || "${PNPM[@]}" install --reporter=append-only
fi

if [ "${1:-}" = "--browser" ]; then
  CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
      echo "setup: installing Debian's chromium for the end-to-end tests"
      apt-get update -qq
      # The emoji font draws the activity icons in screenshots; without it they are empty boxes.
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-noto-color-emoji >/dev/null
    else
      echo "setup: the end-to-end tests need Chromium at $CHROMIUM." >&2
      echo "setup: install Debian's 'chromium' package (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
      exit 1
    fi
  fi
fi
