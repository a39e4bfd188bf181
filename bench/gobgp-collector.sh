#!/usr/bin/env bash
# Routes per second from one real GoBGP session (fed ~1M routes by an in-process speaker) into the BGP collector.
# Usage: bench/gobgp-collector.sh [routes=1000000] [gobgp|direct]   (gobgp needs Debian gobgpd)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/.mvn/find-jdk.sh"
LIB="$ROOT/cli/target/lib"
if [ ! -d "$LIB" ] || [ -z "$(ls "$LIB"/blackout-ingest-*.jar 2>/dev/null)" ]; then
  (cd "$ROOT" && ./mvnw -q -B -Dmaven.test.skip=true install >&2)
fi
# a private copy, so that concurrent builds cannot swap the jars mid-run
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
cp "$ROOT"/wire/target/blackout-wire-*.jar "$ROOT"/core/target/blackout-core-*.jar \
   "$ROOT"/ingest/target/blackout-ingest-*.jar "$TMP/" 2>/dev/null || true
CP="$(ls "$TMP"/*.jar | tr '\n' ':')$(ls "$LIB"/*.jar | grep -v 'blackout-' | tr '\n' ':')"
"$JAVA_HOME/bin/javac" --release 21 -d "$TMP/classes" -cp "$CP" "$ROOT"/bench/src/org/blackout/bench/GobgpCollectorBench.java
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "$TMP/classes:$CP" org.blackout.bench.GobgpCollectorBench "${1:-1000000}" "${2:-gobgp}"
