#!/usr/bin/env bash
# A private PostgreSQL for tests and benchmarks: its own data folder (.pgdata,
# git-ignored), listening only on 127.0.0.1. Usage: scripts/postgres.sh start|stop|status
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PGPORT:-5433}"
DATA="$PWD/.pgdata"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$BIN" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    if [ ! -f "$DATA/PG_VERSION" ]; then
      mkdir -p "$DATA"
      [ "$(id -u)" = 0 ] && chown postgres "$DATA"
      as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
      as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start \
        -o "-p $PORT -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c max_connections=300 -c shared_buffers=${PG_SHARED_BUFFERS:-1GB}" >/dev/null
    fi
    echo "PostgreSQL on 127.0.0.1:$PORT (user postgres, no password)"
    ;;
  stop)
    as_pg "$BIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
    ;;
  status)
    as_pg "$BIN/pg_ctl" -D "$DATA" status
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
