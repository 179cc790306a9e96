#!/usr/bin/env bash
# Start or stop a private PostgreSQL cluster on loopback for tests (installs Debian's server if missing).
set -euo pipefail
PGPORT="${PGPORT:-55432}"
PGDATA="${PGDATA:-/tmp/hys-pg-$PGPORT}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
  start)
    if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null
      PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    fi
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1 && exit 0
    rm -rf "$PGDATA"; mkdir -p "$PGDATA"; chmod 700 "$PGDATA"
    [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
    as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -w -l "$PGDATA/server.log" \
      -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
    as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres have_your_say
    echo "PostgreSQL on 127.0.0.1:$PGPORT"
    ;;
  stop)
    [ -n "$PGBIN" ] && as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
