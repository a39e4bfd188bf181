#!/usr/bin/env bash
# Flat memory in long runs (issue 15): a simulated full table (as `simulate --full-table`) followed
# by DAYS days of live update churn at the rates measured on the shared route-views2 days
# (bench/churn-rates.sh), replayed in-process through the engine and detectors watching every
# country and every AS. Prints the heap retained after GC after the RIB and after each day, its
# change against day one (target: within 10%) and the AS paths and prefixes interned against in use.
# Usage: [PEERS=20] [PREFIXES=1270000] [SEED=1] [XMX=8g] bench/churn-memory.sh [DAYS=7]
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/lib.sh"
DAYS="${1:-7}" PEERS="${PEERS:-20}" PREFIXES="${PREFIXES:-1270000}" SEED="${SEED:-1}"
bench_classes "wire core ingest sim pipeline" RibMemoryBench ChurnMemoryBench
RANGES="$(ls "$SHARED"/geo/ip-location-db-asn-2*.tgz | head -1)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
/usr/bin/time -f "run: %e s wall, %U s user, %S s sys, %M KB peak RSS" \
  "$JAVA_HOME/bin/java" -Xmx"${XMX:-8g}" -XX:+UseSerialGC "$LOGBACK" -cp "$CP" \
  org.blackout.bench.ChurnMemoryBench "$SHARED/rir" "$RANGES" "$SHARED/asrel/thunderwolf-whole-internet-rel.txt" \
  "$PEERS" "$PREFIXES" "$DAYS" "$SEED" | tee "$TMP/out.txt"
grep '^day' "$TMP/out.txt" | tail -1 | sed -n 's/.*( *\([+-][0-9.]*\)%).*/after the last day: \1% against day 1 (target: within 10%)/p'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
