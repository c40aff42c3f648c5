#!/usr/bin/env bash
# Run a real single-node Elasticsearch 7.10 on 127.0.0.1 for tests and
# benchmarks, beside (not instead of) scripts/opensearch.sh.
#
#   scripts/elasticsearch.sh start|stop|status
#
# There is no Docker and no tarball download here, only Maven Central, so the
# node's jars are resolved with Maven (scripts/elasticsearch/pom.xml says
# which and why 7.10.2), a small main class (scripts/elasticsearch/EsNode.java,
# compiled on first start) embeds the real engine, and plain `java` runs it.
# Runtime state lives in the git-ignored .elasticsearch/. Start/stop/status
# are shared with scripts/opensearch.sh (scripts/lib/search-node.sh).
# Its modelsearch backend is modelsearch.backends.elasticsearch7, with the
# Python client pinned to elasticsearch>=7.14,<8 (7.17.13 tested).
#
# Env: ELASTICSEARCH_PORT (HTTP, default 9201; transport uses port+100),
#      ELASTICSEARCH_HEAP (default 512m), ELASTICSEARCH_JAVA_HOME (JDK >= 17),
#      ELASTICSEARCH_START_TIMEOUT (seconds, default 180).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/search-node.sh
. "$ROOT/scripts/lib/search-node.sh"

NAME=elasticsearch
POM="$ROOT/scripts/elasticsearch/pom.xml"
SRC="$ROOT/scripts/elasticsearch/EsNode.java"
STATE="$ROOT/.elasticsearch"
PORT="${ELASTICSEARCH_PORT:-9201}"
HEAP="${ELASTICSEARCH_HEAP:-512m}"
TIMEOUT="${ELASTICSEARCH_START_TIMEOUT:-180}"
DIR="$STATE/$PORT"              # one node home per port: {config,data,logs}
PIDFILE="$DIR/elasticsearch.pid"
LOG="$DIR/elasticsearch.log"
CP="$STATE/classpath.txt"
MAIN=EsNode
MATCH="$MAIN $DIR\$"   # pgrep regex: this port's node only
URL="http://127.0.0.1:$PORT"
# Elasticsearch 7.10 was built for Java 11-15 and runs on 17 (the machine
# default); it also starts on 25, with warnings. Take ELASTICSEARCH_JAVA_HOME,
# else JAVA_HOME, else the newest JDK in 17..21 under /usr/lib/jvm.
JAVA_MIN=17
JAVA_MAX=21
JAVA_HOME_OVERRIDE="${ELASTICSEARCH_JAVA_HOME:-}"

node_prepare() {
  local java="$1" cp="$2" classes
  # Compile the main class once per JDK major (class files are not backwards
  # compatible), again when the source or the classpath changes.
  classes="$STATE/classes-$(java_major "$java")"
  if [ ! -s "$classes/EsNode.class" ] || [ "$SRC" -nt "$classes/EsNode.class" ] || [ "$CP" -nt "$classes/EsNode.class" ]; then
    rm -rf "$classes" && mkdir -p "$classes"
    "$(dirname "$java")/javac" -nowarn -d "$classes" -cp "$cp" "$SRC"
  fi
  ES_CLASSES="$classes"
  mkdir -p "$DIR/config"
  # Loopback only, one node without discovery, no disk watermarks (small CI
  # disks would otherwise make indices read-only); data and logs in $DIR.
  cat >"$DIR/config/elasticsearch.yml" <<YML
cluster.name: erfarenhetsbanken
node.name: node-1
network.host: 127.0.0.1
http.port: $PORT
transport.port: $((PORT + 100))
discovery.type: single-node
cluster.routing.allocation.disk.threshold_enabled: false
YML
  # Everything goes to stdout, which start() sends to $LOG.
  cat >"$DIR/config/log4j2.properties" <<'PROPS'
status = error
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n
rootLogger.level = info
rootLogger.appenderRef.console.ref = console
PROPS
}

node_command() {
  # es.distribution.flavor: the Python client 7.14+ (the first that allows
  # urllib3 2, which requirements.lock has) refuses a 7.0-7.13 server whose
  # GET / does not say build_flavor "default", and an embedded node says
  # "unknown". Set it as the distribution's launcher would.
  NODE_CMD=("$1" -Xms"$HEAP" -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError
    -Des.distribution.flavor=default -Des.distribution.type=tar
    -Dfile.encoding=UTF-8 -Dlog4j2.formatMsgNoLookups=true -Dlog4j2.disable.jmx=true
    -Dio.netty.allocator.numDirectArenas=0 -Djava.io.tmpdir="$DIR/tmp"
    -cp "$ES_CLASSES:$2" "$MAIN" "$DIR")
  mkdir -p "$DIR/tmp"
}

node_main "$@"
