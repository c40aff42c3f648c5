# Shared start/stop/status for a single search node that Maven resolves and
# plain `java` runs (scripts/opensearch.sh, scripts/elasticsearch.sh).
# Source it, set the variables below, define the two hooks, then call
# `node_main "$@"`.
#
#   NAME      name in messages          POM    pom.xml that lists the node's jars
#   STATE     git-ignored state folder  CP     cached classpath file
#   DIR       this node's home          PIDFILE, LOG
#   PORT      HTTP port                 URL    http://127.0.0.1:$PORT
#   HEAP      -Xms/-Xmx                 TIMEOUT  seconds to wait for health
#   MAIN      main class (ps check)     MATCH  args that find this node by pgrep
#   JAVA_MIN, JAVA_MAX (optional), JAVA_HOME_OVERRIDE (the script's *_JAVA_HOME)
#
# Hooks: node_prepare JAVA CP   write config and the like before a launch
#        node_command JAVA CP   set the array NODE_CMD to the node's command
#                               line (it is run with nohup, output in $LOG)

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'; }

# The override home if it is new enough, else JAVA_HOME if it is in
# [JAVA_MIN, JAVA_MAX], else the newest JDK under /usr/lib/jvm in that range.
find_java() {
  local home v best="" best_v=0 max="${JAVA_MAX:-999}"
  if [ -n "${JAVA_HOME_OVERRIDE:-}" ] && [ -x "$JAVA_HOME_OVERRIDE/bin/java" ]; then
    v="$(java_major "$JAVA_HOME_OVERRIDE/bin/java")"
    if [ "${v:-0}" -ge "$JAVA_MIN" ]; then echo "$JAVA_HOME_OVERRIDE/bin/java"; return; fi
  fi
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    v="$(java_major "$JAVA_HOME/bin/java")"
    if [ "${v:-0}" -ge "$JAVA_MIN" ] && [ "${v:-0}" -le "$max" ]; then echo "$JAVA_HOME/bin/java"; return; fi
  fi
  for home in /usr/lib/jvm/*; do
    [ -x "$home/bin/java" ] || continue
    v="$(java_major "$home/bin/java")"
    [ "${v:-0}" -le "$max" ] || continue
    if [ "${v:-0}" -gt "$best_v" ]; then best="$home/bin/java" best_v="${v:-0}"; fi
  done
  if [ "$best_v" -lt "$JAVA_MIN" ]; then
    echo "$NAME: no JDK ${JAVA_MIN}..${JAVA_MAX:-} found (set the *_JAVA_HOME variable)" >&2; exit 1
  fi
  echo "$best"
}

# Our pid only if that process is still our node (guards against pid reuse).
running_pid() {
  local pid
  if pid="$(cat "$PIDFILE" 2>/dev/null)" && ps -p "$pid" -o args= 2>/dev/null | grep -q "$MAIN"; then
    echo "$pid"
  else
    # The pid file may be gone (a cleaned folder): find this port's node by its home.
    pgrep -f -- "$MATCH" | head -n 1 | grep .
  fi
}

healthy() {
  curl -fsS --max-time 3 "$URL/_cluster/health" 2>/dev/null | grep -Eq '"status":"(green|yellow)"'
}

# Resolve jars once with Maven (cached in ~/.m2); redo it when the pom changes
# or a cached jar has vanished, so later starts skip Maven entirely.
classpath() {
  mkdir -p "$STATE"
  if [ ! -s "$CP" ] || [ "$POM" -nt "$CP" ] || ! tr ':' '\n' <"$CP" | xargs ls >/dev/null 2>&1; then
    mvn -q -B -f "$POM" dependency:build-classpath -Dmdep.outputFile="$CP" >&2
  fi
  cat "$CP"
}

start() {
  if running_pid >/dev/null && healthy; then echo "$NAME: already running on $URL"; return 0; fi
  if ! running_pid >/dev/null; then
    rm -f "$PIDFILE"
    # Refuse rather than start a second server on a port someone else holds.
    if curl -s --max-time 2 -o /dev/null "$URL"; then
      echo "$NAME: port $PORT is taken by another process" >&2; exit 1
    fi
  fi
  mkdir -p "$DIR"
  local java cp
  java="$(find_java)"
  cp="$(classpath)"
  node_prepare "$java" "$cp"
  if ! running_pid >/dev/null; then
    node_command "$java" "$cp"
    nohup "${NODE_CMD[@]}" </dev/null >"$LOG" 2>&1 &
    echo $! >"$PIDFILE"
  fi
  local deadline=$((SECONDS + TIMEOUT))
  until healthy; do
    if ! running_pid >/dev/null; then
      echo "$NAME: node exited during start; last log lines:" >&2; tail -n 30 "$LOG" >&2; exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$NAME: not healthy after ${TIMEOUT}s (log: $LOG)" >&2; stop; exit 1
    fi
    sleep 1
  done
  echo "$NAME: running on $URL (pid $(cat "$PIDFILE"))"
}

stop() {
  local pid
  if pid="$(running_pid)"; then
    kill -TERM "$pid"   # the node's shutdown hook closes it cleanly
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
    echo "$NAME: stopped (pid $pid)"
  else
    echo "$NAME: not running"
  fi
  rm -f "$PIDFILE"
}

status() {
  if running_pid >/dev/null && healthy; then
    echo "$NAME: up on $URL (pid $(cat "$PIDFILE"))"
  else
    echo "$NAME: down on $URL"; return 1
  fi
}

node_main() {
  case "${1:-}" in
    start | stop | status) "$1" ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
  esac
}
