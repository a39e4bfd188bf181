#!/usr/bin/env bash
# Outage accuracy that can fail: the three shared real days (route-views2, 2008-02-21..23) as one stream, then
# held-out simulated scenarios scored for recall, precision and start error. Exits 1 (and says why) when recall
# or precision < 0.9, the median start error > 1 bin, or an input fails to run.
# Usage: bench/accuracy/run.sh [--write] [--scenarios-only]   (--write also updates bench/accuracy/RESULTS.md;
#        --scenarios-only skips the real days and uses issue 12's churn figures instead of measured ones)
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
for a in "$@"; do
  case "$a" in
    --write) ARGS+=(--write "$ROOT/bench/accuracy/RESULTS.md") ;;
    --scenarios-only) ARGS+=(--scenarios-only) ;;
    *) echo "usage: $0 [--write] [--scenarios-only]" >&2; exit 2 ;;
  esac
done
"$JAVA_HOME/bin/java" -Xmx12g -XX:+ExitOnOutOfMemoryError -cp "$OUT:$CP" org.blackout.bench.accuracy.AccuracyBench "${ARGS[@]}"
