#!/usr/bin/env bash
# Routes per second through the BMP decoder alone and through BmpListener over loopback TCP.
# Usage: bench/bmp-listener.sh [routes=1000000] [prefixes per UPDATE=1] [rounds=3]
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
"$JAVA_HOME/bin/javac" --release 21 -d "$TMP/classes" -cp "$CP" "$ROOT"/bench/src/org/blackout/bench/BmpListenerBench.java
exec "$JAVA_HOME/bin/java" -Xmx2g -cp "$TMP/classes:$CP" org.blackout.bench.BmpListenerBench "${1:-1000000}" "${2:-1}" "${3:-3}"
