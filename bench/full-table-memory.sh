#!/usr/bin/env bash
# Heap retained per route after replaying a simulated full table through the engine watching every
# country and every AS (issue 15, "the whole view on one machine"). Generates the table with
# bench/simulate-full-table.sh unless OUT already holds one. Prints routes, bytes/route after GC
# (used heap after repeated full GCs of the serial collector, minus the heap holding the entity maps)
# and the extrapolation to 1e9 routes.
# Usage: [PEERS=100] [PREFIXES=1270000] [OUT=/tmp/blackout-full-PEERS] [XMX=20g] bench/full-table-memory.sh
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bench/lib.sh"
PEERS="${PEERS:-100}" PREFIXES="${PREFIXES:-1270000}"
OUT="${OUT:-/tmp/blackout-full-$PEERS}"
if ! ls "$OUT"/rib.*.gz >/dev/null 2>&1; then
  PEERS="$PEERS" PREFIXES="$PREFIXES" OUT="$OUT" "$ROOT/bench/simulate-full-table.sh"
fi
bench_classes "wire core ingest pipeline" RibMemoryBench FullTableMemoryBench
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
/usr/bin/time -f "replay: %e s wall, %U s user, %S s sys, %M KB peak RSS" \
  "$JAVA_HOME/bin/java" -Xmx"${XMX:-20g}" -XX:+UseSerialGC "$LOGBACK" -cp "$CP" org.blackout.bench.FullTableMemoryBench \
  "$SHARED/rir" "$OUT"/rib.*.gz | tee "$TMP/out.txt"
awk '/bytes\/route/ { for (i = 1; i <= NF; i++) if ($i == "bytes/route") b = $(i - 1) }
     END { if (b != "") printf "1e9 routes at %s bytes/route: %.1f GiB of heap for the routing state and entities\n", b, b * 1e9 / 1073741824 }' "$TMP/out.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
