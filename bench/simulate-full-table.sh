#!/usr/bin/env bash
# Generates the full-size synthetic input the engine's memory and speed benchmarks run on:
# prefixes and origins from ../shared/data/geo (ip-location-db asn ranges, deaggregated to
# PREFIXES), valley-free paths over ../shared/data/asrel for PEERS vantage ASes, a RIB plus
# one 15-minute update file of background churn. Reports wall/CPU time, peak memory and size.
# With CHECK=1, bgpdump -m reads the RIB and counts its rows.
# Usage: [PEERS=40] [PREFIXES=1000000] [SEED=1] [OUT=/tmp/blackout-full] [CHECK=1] [XMX=8g (16g for ~800 peers)] bench/simulate-full-table.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/.mvn/find-jdk.sh"
JAR="$ROOT/cli/target/blackout-cli.jar"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -Dmaven.test.skip=true install >&2)
SHARED="${BLACKOUT_SHARED:-$ROOT/../shared/data}"
PEERS="${PEERS:-40}" PREFIXES="${PREFIXES:-1000000}" SEED="${SEED:-1}" OUT="${OUT:-/tmp/blackout-full}"
rm -rf "$OUT"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
/usr/bin/time -f "generation: %e s wall, %U s user, %S s sys, %M KB peak RSS" \
  "$JAVA_HOME/bin/java" -Xmx"${XMX:-8g}" -XX:+UseParallelGC -Dblackout.shared="$SHARED" -jar "$JAR" \
  simulate --full-table --peers "$PEERS" --prefixes "$PREFIXES" --seed "$SEED" --out "$OUT"
du -b "$OUT"/* | sort -k2 >&2
if [ "${CHECK:-0}" = 1 ]; then
  RIB="$(ls "$OUT"/rib.*.gz)"
  /usr/bin/time -f "bgpdump -m: %e s" bash -c "bgpdump -m '$RIB' 2>/dev/null | wc -l | sed 's/^/bgpdump rows: /'" >&2
fi
