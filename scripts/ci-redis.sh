#!/usr/bin/env bash
# Makes sure Debian's redis-server is installed for the queue tests (they start
# their own server on a free loopback port). Installs it with apt-get when it is
# missing (needs root). Prints the redis-server version on stderr.
set -euo pipefail
if ! command -v redis-server >/dev/null 2>&1; then
  printf 'ci-redis: redis-server is not installed: installing it with apt-get\n' >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq redis-server >&2
fi
redis-server --version >&2
