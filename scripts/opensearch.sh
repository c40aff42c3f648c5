#!/usr/bin/env bash
# Run a real single-node OpenSearch on 127.0.0.1 for tests and benchmarks.
#
#   scripts/opensearch.sh start|stop|status
#
# There is no Docker and no tarball download here, only Maven Central, so the
# node is resolved with Maven (scripts/opensearch/pom.xml: codelibs'
# OpenSearch Runner, which embeds the real engine with its modules) and run
# with plain `java`. Runtime state lives in the git-ignored .opensearch/.
#
# Env: OPENSEARCH_PORT (HTTP, default 9200; transport uses port+100),
#      OPENSEARCH_HEAP (default 512m), OPENSEARCH_JAVA_HOME (JDK >= 21),
#      OPENSEARCH_START_TIMEOUT (seconds, default 180).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
POM="$ROOT/scripts/opensearch/pom.xml"
STATE="$ROOT/.opensearch"
PORT="${OPENSEARCH_PORT:-9200}"
HEAP="${OPENSEARCH_HEAP:-512m}"
TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
DIR="$STATE/$PORT"              # one node home per port: node_1/{config,data,logs}
PIDFILE="$DIR/opensearch.pid"
LOG="$DIR/opensearch.log"
CP="$STATE/classpath.txt"
MAIN=org.codelibs.opensearch.runner.OpenSearchRunner
URL="http://127.0.0.1:$PORT"

# OpenSearch 3.x needs Java 21+, while the machine default may be 17: take
# OPENSEARCH_JAVA_HOME, else JAVA_HOME, else the newest JDK under /usr/lib/jvm.
java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'; }
find_java() {
  local home v best="" best_v=0
  for home in "${OPENSEARCH_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    v="$( [ -n "$home" ] && [ -x "$home/bin/java" ] && java_major "$home/bin/java" || true)"
    if [ "${v:-0}" -ge 21 ]; then echo "$home/bin/java"; return; fi
  done
  for home in /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] || continue
    v="$(java_major "$home/bin/java")"
    if [ "${v:-0}" -gt "$best_v" ]; then best="$home/bin/java" best_v="${v:-0}"; fi
  done
  [ "$best_v" -ge 21 ] || { echo "opensearch: no JDK >= 21 found (set OPENSEARCH_JAVA_HOME)" >&2; exit 1; }
  echo "$best"
}

# Our pid only if that process is still our node (guards against pid reuse).
running_pid() {
  local pid
  if pid="$(cat "$PIDFILE" 2>/dev/null)" && ps -p "$pid" -o args= 2>/dev/null | grep -q "$MAIN"; then
    echo "$pid"
  else
    # The pid file may be gone (a cleaned folder): find this port's node by its home.
    pgrep -f -- "$MAIN -basePath $DIR " | head -n 1 | grep .
  fi
}

healthy() {
  curl -fsS --max-time 3 "$URL/_cluster/health" 2>/dev/null | grep -Eq '"status":"(green|yellow)"'
}

# Resolve jars once with Maven (cached in ~/.m2); redo it when the pom changes
# or a cached jar has vanished, so later starts skip Maven entirely.
classpath() {
  if [ ! -s "$CP" ] || [ "$POM" -nt "$CP" ] || ! tr ':' '\n' <"$CP" | xargs ls >/dev/null 2>&1; then
    mvn -q -B -f "$POM" dependency:build-classpath -Dmdep.outputFile="$CP" >&2
  fi
  cat "$CP"
}

start() {
  if running_pid >/dev/null && healthy; then echo "opensearch: already running on $URL"; return 0; fi
  if ! running_pid >/dev/null; then
    rm -f "$PIDFILE"
    # Refuse rather than let the runner drift to the next free port.
    if curl -s --max-time 2 -o /dev/null "$URL"; then
      echo "opensearch: port $PORT is taken by another process" >&2; exit 1
    fi
  fi
  mkdir -p "$DIR/node_1/config"
  local java cp
  java="$(find_java)"
  cp="$(classpath)"
  # The runner copies its own opensearch.yml only when none exists; ours binds
  # to loopback only and turns off disk watermarks (small CI disks would
  # otherwise make indices read-only). http.port comes from -baseHttpPort+1.
  cat >"$DIR/node_1/config/opensearch.yml" <<EOF
network.host: 127.0.0.1
transport.port: $((PORT + 100))
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  if ! running_pid >/dev/null; then
    nohup "$java" -Xms"$HEAP" -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError \
      --enable-native-access=ALL-UNNAMED --add-modules=jdk.incubator.vector \
      -cp "$cp" "$MAIN" -basePath "$DIR" -numOfNode 1 -baseHttpPort $((PORT - 1)) \
      -clusterName erfarenhetsbanken -printOnFailure </dev/null >"$LOG" 2>&1 &
    echo $! >"$PIDFILE"
  fi
  local deadline=$((SECONDS + TIMEOUT))
  until healthy; do
    if ! running_pid >/dev/null; then
      echo "opensearch: node exited during start; last log lines:" >&2; tail -n 30 "$LOG" >&2; exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "opensearch: not healthy after ${TIMEOUT}s (log: $LOG)" >&2; stop; exit 1
    fi
    sleep 1
  done
  echo "opensearch: running on $URL (pid $(cat "$PIDFILE"))"
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    kill -TERM "$pid"   # the runner's shutdown hook closes the node cleanly
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
    echo "opensearch: stopped (pid $pid)"
  else
    echo "opensearch: not running"
  fi
  rm -f "$PIDFILE"
}

status() {
  if running_pid >/dev/null && healthy; then
    echo "opensearch: up on $URL (pid $(cat "$PIDFILE"))"
  else
    echo "opensearch: down on $URL"; return 1
  fi
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
