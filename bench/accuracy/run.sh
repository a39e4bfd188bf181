#!/usr/bin/env bash
# Detector accuracy: bundled scenarios against their truth.jsonl, and real quiet-day update files.
# Usage: bench/accuracy/run.sh [--write]   (--write also updates bench/accuracy/RESULTS.md)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/.mvn/find-jdk.sh"
JAR="$ROOT/cli/target/blackout-cli.jar"
if [ ! -f "$JAR" ]; then (cd "$ROOT" && ./mvnw -q -B -Dmaven.test.skip=true install >&2); fi
# a private copy of the jars: other builds may replace them while this runs
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
cp -r "$JAR" "$ROOT/cli/target/lib" "$TMP/"
CP="$TMP/blackout-cli.jar:$(ls "$TMP"/lib/*.jar | tr '\n' ':')"
OUT="$ROOT/bench/target/accuracy-classes"
mkdir -p "$OUT"
"$JAVA_HOME/bin/javac" --release 21 -d "$OUT" -cp "$CP" "$ROOT"/bench/accuracy/src/org/blackout/bench/accuracy/*.java
SHARED="${BLACKOUT_SHARED:-$ROOT/../shared/data}"
ARGS=("$ROOT" "$SHARED" "$ROOT/bench/target/accuracy")
if [ "${1:-}" = "--write" ]; then ARGS+=(--write "$ROOT/bench/accuracy/RESULTS.md"); fi
exec "$JAVA_HOME/bin/java" -Xmx4g -cp "$OUT:$CP" org.blackout.bench.accuracy.AccuracyBench "${ARGS[@]}"
