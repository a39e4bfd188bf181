#!/usr/bin/env bash
# API faults, against a real `blackout serve` on a DuckDB store of 30 days × ~250 countries
# (bench/api-load/FillStore.java):
#   memory: 60,000 requests for distinct unknown entities; heap retained after a full GC
#           (jcmd GC.class_histogram, live objects) before and after. Target: < 10 MB more.
#   storm:  200 concurrent clients on random entities and windows, plus slowloris connections
#           (endless headers; large answers never read), and a /health probe: others keep
#           answering, heap bounded.
#   bench/api-faults/run.sh [memory|storm|all] [STORM_SECONDS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/.mvn/find-jdk.sh"
WHAT="${1:-all}"
DUR="${2:-60}"
W="${WORK:-/tmp/blackout-api-faults}"
PORT="${PORT:-18181}"
HEAP="${HEAP:-1g}"
mkdir -p "$W"
cd "$ROOT"
[ -f cli/target/blackout-cli.jar ] || ./build -q -Dmaven.test.skip=true install
J="$JAVA_HOME/bin/java"
if [ ! -f "$W/load.duckdb" ]; then
  "$J" --enable-native-access=ALL-UNNAMED -cp "cli/target/lib/*" bench/api-load/FillStore.java "$W/load.duckdb" 30
fi
"$JAVA_HOME/bin/javac" -d "$W/classes" bench/api-faults/ApiFaults.java
"$J" -cp "$W/classes" ApiFaults codes > "$W/codes.txt"
cat > "$W/serve.yml" <<YML
store: {duckdb: load.duckdb}
http: {listen: 127.0.0.1:$PORT}
YML
"$J" -Xmx$HEAP -jar cli/target/blackout-cli.jar serve --config "$W/serve.yml" 2> "$W/serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT"
client() { "$J" -cp "$W/classes" ApiFaults "$@"; }
# live heap after a full GC (the histogram forces one), in bytes
live() { "$JAVA_HOME/bin/jcmd" "$PID" GC.class_histogram | awk '/^Total/ {print $3}'; }
rss() { awk '/VmRSS/ {print $2 * 1024}' "/proc/$PID/status"; }
mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1048576}'; }
echo "store: 30 days of 5-minute signals for $(wc -l < "$W/codes.txt") countries; server -Xmx$HEAP; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$WHAT" = memory ] || [ "$WHAT" = all ]; then
  echo "== memory: distinct unknown entities"
  client unknown "$BASE" 3000 8 >/dev/null   # warm up: JIT, classes, pools
  before=$(live)
  client unknown "$BASE" 60000 16
  after=$(live)
  echo "live heap after full GC: before $(mb "$before"), after 60,000 unknown entities $(mb "$after"), growth $(mb $((after - before))) (target < 10 MB)"
fi

if [ "$WHAT" = storm ] || [ "$WHAT" = all ]; then
  echo "== storm: 200 clients on random entities and windows, 100 slow connections, ${DUR}s"
  client storm "$BASE" 10 8 0 "$W/codes.txt" >/dev/null   # warm up
  before=$(live)
  client storm "$BASE" "$DUR" 200 100 "$W/codes.txt"
  after=$(live)
  echo "live heap after full GC: before $(mb "$before"), after the storm $(mb "$after"); RSS $(mb "$(rss)"); threads $(ls /proc/$PID/task | wc -l)"
fi
