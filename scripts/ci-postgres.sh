#!/usr/bin/env bash
# Starts a PostgreSQL server on 127.0.0.1:5432 for the store's tests and prints
# its URL on stdout (everything else goes to stderr), e.g.
#   export TRANCHE_TEST_PG_URL="$(bash scripts/ci-postgres.sh)"
# Installs PostgreSQL with apt-get when it is missing (needs root), starts the
# first cluster (pg_ctlcluster) or, without Debian's wrappers, a cluster made with
# initdb + pg_ctl as the postgres user; creates the role and database if absent.
# Idempotent: running it again on a running server only prints the URL.
set -euo pipefail

DB_NAME="${TRANCHE_PG_DB:-tranche_test}"
DB_USER="${TRANCHE_PG_USER:-tranche}"
DB_PASSWORD="${TRANCHE_PG_PASSWORD:-tranche}"
PORT=5432
log() { printf 'ci-postgres: %s\n' "$*" >&2; }

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

pg_bin_dir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$d" ]; then echo "$d"; return; fi
  dirname "$(command -v pg_ctl)"
}

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && ! command -v postgres >/dev/null 2>&1; then
  log "PostgreSQL is not installed: installing it with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

BIN="$(pg_bin_dir)"
if [ "$("$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1; echo $?)" != 0 ]; then
  if command -v pg_lsclusters >/dev/null 2>&1; then
    read -r VERSION CLUSTER < <(pg_lsclusters --no-header 2>/dev/null | awk -v p="$PORT" '$3 == p {print $1, $2; exit}') || true
    if [ -z "${VERSION:-}" ]; then
      VERSION="$(basename "$(dirname "$BIN")")"
      CLUSTER=main
      log "creating cluster $VERSION/$CLUSTER on port $PORT"
      pg_createcluster --port "$PORT" "$VERSION" "$CLUSTER" >&2
    fi
    log "starting cluster $VERSION/$CLUSTER"
    pg_ctlcluster "$VERSION" "$CLUSTER" start >&2 || true
  else
    DATA=/var/lib/postgresql/tranche-ci
    if [ ! -s "$DATA/PG_VERSION" ]; then
      log "initdb in $DATA"
      mkdir -p "$DATA" && chown postgres:postgres "$DATA"
      as_postgres "$BIN/initdb" -D "$DATA" --auth-local=peer --auth-host=scram-sha-256 >&2
    fi
    mkdir -p /var/run/postgresql && chown postgres:postgres /var/run/postgresql
    as_postgres "$BIN/pg_ctl" -D "$DATA" -o "-p $PORT -c listen_addresses=127.0.0.1" -l "$DATA/server.log" start >&2
  fi
fi

for _ in $(seq 1 60); do
  if "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
"$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" >&2 || { log "server did not come up on 127.0.0.1:$PORT"; exit 1; }

psql_admin() { as_postgres "$BIN/psql" -p "$PORT" -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != 1 ]; then
  log "creating role $DB_USER"
  psql_admin -c "CREATE ROLE \"$DB_USER\" LOGIN CREATEDB PASSWORD '$DB_PASSWORD'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
  log "creating database $DB_NAME"
  psql_admin -c "CREATE DATABASE \"$DB_NAME\" OWNER \"$DB_USER\"" >&2
fi

echo "postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PORT/$DB_NAME"
