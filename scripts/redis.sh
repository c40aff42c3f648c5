#!/usr/bin/env bash
# A private Redis for the shared cache, sessions and page-cache purge
# (CACHE_URL=redis://127.0.0.1:6380/0), listening only on 127.0.0.1, with its
# own folder (.redis/<port>, git-ignored). Redis's default snapshots are kept:
# the cache may be lost, sessions are also in the database (cached_db).
#
#   scripts/redis.sh start|stop|status
#
# Env: REDIS_PORT (default 6380), REDIS_DIR (default .redis/<port> in the checkout).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${REDIS_PORT:-6380}"
DIR="${REDIS_DIR:-$PWD/.redis/$PORT}"
PIDFILE="$DIR/redis.pid"
command -v redis-server >/dev/null || { echo "Redis is not installed (apt-get install redis-server)" >&2; exit 1; }

answers() { [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" = PONG ]; }
# Our pid only while that process is still a redis-server (guards against pid reuse).
running_pid() {
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null)" && ps -p "$pid" -o comm= 2>/dev/null | grep -q redis && echo "$pid"
}

case "${1:-}" in
  start)
    if ! running_pid >/dev/null; then
      # Refuse rather than talk to someone else's server on that port.
      if answers; then echo "redis: port $PORT is taken by another process" >&2; exit 1; fi
      mkdir -p "$DIR"
      redis-server --port "$PORT" --bind 127.0.0.1 --dir "$DIR" --daemonize yes \
        --pidfile "$PIDFILE" --logfile "$DIR/redis.log"
    fi
    for _ in $(seq 100); do answers && break; sleep 0.1; done
    answers || { echo "redis: no answer on 127.0.0.1:$PORT (see $DIR/redis.log)" >&2; exit 1; }
    echo "Redis on 127.0.0.1:$PORT"
    ;;
  stop)
    if pid="$(running_pid)"; then
      kill "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    ;;
  status)
    if running_pid >/dev/null && answers; then echo "Redis on 127.0.0.1:$PORT"; else echo "redis: not running"; exit 3; fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
