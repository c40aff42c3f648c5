#!/usr/bin/env bash
# Run a real single-node OpenSearch on 127.0.0.1 for tests and benchmarks.
#
#   scripts/opensearch.sh start|stop|status
#
# There is no Docker and no tarball download here, only Maven Central, so the
# node is resolved with Maven (scripts/opensearch/pom.xml: codelibs'
# OpenSearch Runner, which embeds the real engine with its modules) and run
# with plain `java`. Runtime state lives in the git-ignored .opensearch/.
# Start/stop/status are shared with scripts/elasticsearch.sh
# (scripts/lib/search-node.sh).
#
# Env: OPENSEARCH_PORT (HTTP, default 9200; transport uses port+100),
#      OPENSEARCH_HEAP (default 512m), OPENSEARCH_JAVA_HOME (JDK >= 21),
#      OPENSEARCH_START_TIMEOUT (seconds, default 180).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/search-node.sh
. "$ROOT/scripts/lib/search-node.sh"

NAME=opensearch
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
MATCH="$MAIN -basePath $DIR "
URL="http://127.0.0.1:$PORT"
# OpenSearch 3.x needs Java 21+, while the machine default may be 17: take
# OPENSEARCH_JAVA_HOME, else JAVA_HOME, else the newest JDK under /usr/lib/jvm.
JAVA_MIN=21
JAVA_HOME_OVERRIDE="${OPENSEARCH_JAVA_HOME:-}"

node_prepare() {
  mkdir -p "$DIR/node_1/config"
  # The runner copies its own opensearch.yml only when none exists; ours binds
  # to loopback only and turns off disk watermarks (small CI disks would
  # otherwise make indices read-only). http.port comes from -baseHttpPort+1.
  cat >"$DIR/node_1/config/opensearch.yml" <<YML
network.host: 127.0.0.1
transport.port: $((PORT + 100))
cluster.routing.allocation.disk.threshold_enabled: false
YML
}

node_command() {
  # -baseHttpPort is one below ours: the runner's node 1 takes base+1, and we
  # refuse (in start) rather than let it drift to the next free port.
  NODE_CMD=("$1" -Xms"$HEAP" -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError
    --enable-native-access=ALL-UNNAMED --add-modules=jdk.incubator.vector
    -cp "$2" "$MAIN" -basePath "$DIR" -numOfNode 1 -baseHttpPort $((PORT - 1))
    -clusterName erfarenhetsbanken -printOnFailure)
}

node_main "$@"
