#!/usr/bin/env bash
# API load: the 30-day, 5-minute timeline of one country (8640 points) under 50 concurrent
# clients on loopback, with wrk (Debian: apt-get install wrk). Target: p99 < 50 ms.
#   bench/api-load/run.sh [SECONDS]
# 1. fills a DuckDB store with 30 days of 5-minute signals for ~250 countries (2.1 M rows),
# 2. starts `blackout serve` on it (no replay), 3. runs wrk twice: the same URL (as many users
# looking at one outage: the response cache answers) and random countries/windows (cache misses:
# every request is a DuckDB query).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/.mvn/find-jdk.sh"
DUR="${1:-30}"
W="${WORK:-/tmp/blackout-api-load}"
PORT="${PORT:-18080}"
mkdir -p "$W"
cd "$ROOT"
[ -f cli/target/blackout-cli.jar ] || ./build -q -Dmaven.test.skip=true install
command -v wrk >/dev/null || { echo "api-load: needs wrk (apt-get install wrk)" >&2; exit 2; }
if [ ! -f "$W/load.duckdb" ]; then
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "cli/target/lib/*" bench/api-load/FillStore.java "$W/load.duckdb" 30
fi
cat > "$W/serve.yml" <<YML
store: {duckdb: load.duckdb}
http: {listen: 127.0.0.1:$PORT}
YML
"$JAVA_HOME/bin/java" -Xmx2g -jar cli/target/blackout-cli.jar serve --config "$W/serve.yml" 2> "$W/serve.log" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT"
URL="$BASE/api/signals?entity=country:KP&from=2014-11-23T00:00:00Z&to=2014-12-23T00:00:00Z"
echo "points in one answer: $(curl -sf "$URL" | grep -o '"count":[0-9]*')  bytes: $(curl -sf "$URL" | wc -c)"
python3 - "$W/codes.txt" <<'PY'
import sys, locale
codes = ["AD","AE","AF","AG","AI","AL","AM","AO","AQ","AR","AS","AT","AU","AW","AX","AZ","BA","BB","BD","BE","BF","BG","BH","BI","BJ","BL","BM","BN","BO","BQ","BR","BS","BT","BV","BW","BY","BZ","CA","CC","CD","CF","CG","CH","CI","CK","CL","CM","CN","CO","CR","CU","CV","CW","CX","CY","CZ","DE","DJ","DK","DM","DO","DZ","EC","EE","EG","EH","ER","ES","ET","FI","FJ","FK","FM","FO","FR","GA","GB","GD","GE","GF","GG","GH","GI","GL","GM","GN","GP","GQ","GR","GS","GT","GU","GW","GY","HK","HM","HN","HR","HT","HU","ID","IE","IL","IM","IN","IO","IQ","IR","IS","IT","JE","JM","JO","JP","KE","KG","KH","KI","KM","KN","KP","KR","KW","KY","KZ","LA","LB","LC","LI","LK","LR","LS","LT","LU","LV","LY","MA","MC","MD","ME","MF","MG","MH","MK","ML","MM","MN","MO","MP","MQ","MR","MS","MT","MU","MV","MW","MX","MY","MZ","NA","NC","NE","NF","NG","NI","NL","NO","NP","NR","NU","NZ","OM","PA","PE","PF","PG","PH","PK","PL","PM","PN","PR","PS","PT","PW","PY","QA","RE","RO","RS","RU","RW","SA","SB","SC","SD","SE","SG","SH","SI","SJ","SK","SL","SM","SN","SO","SR","SS","ST","SV","SX","SY","SZ","TC","TD","TF","TG","TH","TJ","TK","TL","TM","TN","TO","TR","TT","TV","TW","TZ","UA","UG","UM","US","UY","UZ","VA","VC","VE","VG","VI","VN","VU","WF","WS","YE","YT","ZA","ZM","ZW"]
open(sys.argv[1], "w").write("\n".join(codes) + "\n")
PY
# server CPU per request, from /proc: what the figure would be on a machine not shared with others
cpu() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
run() { # NAME wrk-args...
  local name="$1"; shift
  local before; before=$(cpu)
  wrk -t2 -c50 -d"${DUR}s" --latency "$@" | tee "$W/wrk-$name.txt"
  local after; after=$(cpu)
  local reqs; reqs=$(awk '/requests in/ {print $1}' "$W/wrk-$name.txt")
  echo "server CPU: $(( (after - before) * 10 )) ms for $reqs requests = $(awk -v c=$(( (after - before) * 10 )) -v r="$reqs" 'BEGIN {printf "%.2f", c / r}') ms/request; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
# warm up: JIT, and the timelines of every country into the server's cache
CODES="$W/codes.txt" wrk -t2 -c8 -d10s -s bench/api-load/random.lua "$BASE" >/dev/null
echo "== one country, same 30-day window, gzip (the dashboard's request): 50 connections, ${DUR}s"
run same-gzip -H "Accept-Encoding: gzip" "$URL"
echo "== the same without compression (287 kB answers)"
run same-plain "$URL"
echo "== random country and window each request (timelines sliced from memory, JSON built per request)"
CODES="$W/codes.txt" run random -s bench/api-load/random.lua "$BASE"
