#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (test/browser), if it is not
# there yet. Never downloads a browser build of its own: playwright-core drives
# /usr/bin/chromium. Prints the browser's version.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  /usr/bin/chromium --version 2>/dev/null || echo "chromium present at /usr/bin/chromium"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ci-browser: no /usr/bin/chromium and no apt-get to install it; the browser tests will skip" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
/usr/bin/chromium --version 2>/dev/null || echo "chromium installed at /usr/bin/chromium"
