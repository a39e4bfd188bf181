#!/usr/bin/env bash
# Heap retained per (peer, prefix) route after GC, at 10M routes by default.
# Usage: bench/rib-memory.sh [routes] [full-feed peers] [state|engine]
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/.mvn/find-jdk.sh"
LIB="$ROOT/cli/target/lib"
if [ ! -d "$LIB" ] || [ -z "$(ls "$LIB"/blackout-core-*.jar 2>/dev/null)" ]; then
  (cd "$ROOT" && ./mvnw -q -B -Dmaven.test.skip=true install >&2)
fi
# the modules' own jars first (fresh after `./build install -pl wire,core`), then the CLI's dependencies
CP="$ROOT/wire/target/blackout-wire-0.1.0-SNAPSHOT.jar:$ROOT/core/target/blackout-core-0.1.0-SNAPSHOT.jar:$(ls "$LIB"/*.jar | tr '\n' ':')"
OUT="$ROOT/bench/target/classes"
mkdir -p "$OUT"
"$JAVA_HOME/bin/javac" --release 21 -d "$OUT" -cp "$CP" "$ROOT"/bench/src/org/blackout/bench/*.java
# Serial GC: one compact heap, so "used after GC" is what the routes retain
exec "$JAVA_HOME/bin/java" -Xmx6g -XX:+UseSerialGC -cp "$OUT:$CP" org.blackout.bench.RibMemoryBench "${1:-10000000}" "${2:-10}" "${3:-state}"
