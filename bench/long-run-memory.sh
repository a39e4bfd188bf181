#!/usr/bin/env bash
# Flat memory in long runs (issue 15): replays the shared route-views2 days day by day (engine and
# detectors, every country and every AS watched) and prints, after each day, the heap retained after
# GC, its growth against day one, and the AS paths and prefixes interned against those still in use
# (what compacting unused ones would give back).
# Usage: bench/long-run-memory.sh [GLOB='updates.2008022[1-3].*'] (files under ../shared/data/mrt/routeviews-2008-02)
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/lib.sh"
GLOB="${1:-updates.2008022[1-3].*}"
bench_classes "wire core ingest pipeline" RibMemoryBench LongRunMemoryBench
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# shellcheck disable=SC2086
/usr/bin/time -f "run: %e s wall, %U s user, %S s sys, %M KB peak RSS" \
  "$JAVA_HOME/bin/java" -Xmx8g -XX:+UseSerialGC "$LOGBACK" -cp "$CP" \
  org.blackout.bench.LongRunMemoryBench "$SHARED/rir" $(ls "$SHARED"/mrt/routeviews-2008-02/$GLOB)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
